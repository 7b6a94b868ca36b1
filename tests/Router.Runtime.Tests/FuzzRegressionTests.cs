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
            foreach (var (folder, target) in new[] { ("fuzz-regressions/event", "event"), ("fuzz-regressions/http", "http"), ("fuzz-seeds/http", "http") })
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

        if (target == "event")
        {
            FuzzTarget.Event(input);
        }
        else
        {
            FuzzTarget.Http(input);
        }
    }

    [Fact]
    public void TheTargets_CatchABrokenInvariant()
    {
        // Guards the theory above: an answer whose message carries a control character is a failure.
        var failure = Assert.Throws<FuzzFailure>(() => FuzzTarget.CheckMessage(Router.Runtime.ErrorTypes.InvalidEvent, "line one\nline two"));
        Assert.Contains("control character", failure.Message, StringComparison.Ordinal);
    }
}
