using Router.Fuzzing;

namespace Router.Runtime.Tests;

/// <summary>
/// Every input the fuzzer (scripts/fuzz.sh) found to crash or hang the runtime, kept in
/// tests/Router.Fuzzing/regressions, and the seeds it starts from: each must now pass the fuzz target's
/// invariants (an answer, well-formed, no control character in a message or header).
/// </summary>
public sealed class FuzzRegressionTests
{
    public static TheoryData<string, string> Inputs
    {
        get
        {
            var data = new TheoryData<string, string>();
            foreach (var (folder, target) in new[] { ("fuzz-regressions/event", "event"), ("fuzz-regressions/http", "http"), ("fuzz-seeds/http", "http"), ("fuzz-regressions/server", "server"), ("fuzz-seeds/server", "server") })
            {
                var directory = Path.Combine(AppContext.BaseDirectory, folder);
                foreach (var file in Directory.Exists(directory) ? Directory.EnumerateFiles(directory).Order(StringComparer.Ordinal).ToArray() : [])
                {
                    data.Add(target, Path.GetRelativePath(AppContext.BaseDirectory, file));
                }
            }

            return data;
        }
    }

    [Theory]
    [MemberData(nameof(Inputs))]
    public void KeptInput_PassesTheFuzzTarget(string target, string file)
    {
        var input = File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, file));

        switch (target)
        {
            case "event":
                FuzzTarget.Event(input);
                break;
            case "http":
                FuzzTarget.Http(input);
                break;
            default:
                FuzzTarget.Server(input);
                break;
        }
    }

    [Fact]
    public void TheServerTarget_ReadsEveryPipelinedRequest_AndChecksEveryAnswer()
    {
        // Guards the server target: its seed of three pipelined requests gets 100 Continue and three answers,
        // and bytes that are not whole answers fail its check.
        var answers = FuzzTarget.ServerAnswers(File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "fuzz-seeds", "server", "pipelined.txt")));
        Assert.Equal(["HTTP/1.1 200 OK", "HTTP/1.1 100 Continue", "HTTP/1.1 200 OK", "HTTP/1.1 200 OK"], answers);
        var failure = Assert.Throws<FuzzFailure>(() => FuzzTarget.CheckAnswers("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\n{short"u8.ToArray()));
        Assert.Contains("shorter than its Content-Length", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TheTargets_CatchABrokenInvariant()
    {
        // Guards the theory above: an answer whose message carries a control character is a failure.
        var failure = Assert.Throws<FuzzFailure>(() => FuzzTarget.CheckMessage(Router.Runtime.ErrorTypes.InvalidEvent, "line one\nline two"));
        Assert.Contains("control character", failure.Message, StringComparison.Ordinal);
    }
}
