using System.Text;
using System.Text.Json;
using Router.Runtime.Tests.Hosting;

namespace Router.Runtime.Tests;

/// <summary>
/// Bodies are serialized into pooled buffers that the result hands back on Dispose: a reused buffer never
/// shows one invocation's bytes in another's body, however the invocations interleave, and a second
/// Dispose does not put one buffer in the pool twice. A <c>$url</c> is matched in UTF-8, escapes included.
/// </summary>
public sealed class PooledBodyTests
{
    private static readonly FunctionInvoker s_invoker = new(new HostTestRouter(), null, new FunctionInvokerOptions { Log = TextWriter.Null });

    private static byte[] Echo(string text) => Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new Dictionary<string, object> { ["$url"] = "test/echo", ["text"] = text }));

    private static string NoteOf(InvocationResult result) => JsonDocument.Parse(result.Body).RootElement.GetProperty("note").GetString()!;

    [Fact]
    public async Task ReusedBuffers_NeverMixBodies_SequentiallyOrConcurrently()
    {
        // Long and short bodies in turn: a reused buffer must not keep the tail of a longer body.
        for (var i = 0; i < 200; i++)
        {
            var text = i % 2 == 0 ? new string('x', 5000 + i) : "short-" + i;
            using var result = await s_invoker.InvokeAsync(Echo(text));
            Assert.Equal(text, NoteOf(result));
        }

        await Task.WhenAll(Enumerable.Range(0, 8).Select(worker => Task.Run(async () =>
        {
            for (var i = 0; i < 300; i++)
            {
                var text = $"worker{worker}-{i}-" + new string('y', (i * 37) % 3000);
                using var result = await s_invoker.InvokeAsync(Echo(text));
                Assert.Equal(text, NoteOf(result));
            }
        })));
    }

    [Fact]
    public async Task DisposingTwice_DoesNotShareABuffer()
    {
        var first = await s_invoker.InvokeAsync(Echo("first"));
        first.Dispose();
        first.Dispose();

        // More results alive at once than the pool holds: had the buffer gone back twice, two would share it.
        var alive = new List<InvocationResult>();
        for (var i = 0; i < 40; i++)
        {
            alive.Add(await s_invoker.InvokeAsync(Echo("body-" + i)));
        }

        Assert.Equal(Enumerable.Range(0, 40).Select(i => "body-" + i), alive.Select(NoteOf));
        alive.ForEach(r => r.Dispose());
    }

    [Fact]
    public void ThreadsWriter_WritesWithEachBodysOwnOptions()
    {
        // One thread keeps one writer, made for the options it last served: a body serialized with other
        // options (another router's) must get a writer of its own, then the first options theirs again.
        var strict = new JsonSerializerOptions { TypeInfoResolver = new System.Text.Json.Serialization.Metadata.DefaultJsonTypeInfoResolver() };
        var relaxed = new JsonSerializerOptions(strict) { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
        var note = new Dictionary<string, string> { ["note"] = "<a>" };

        string Write(JsonSerializerOptions options)
        {
            var body = Output.PooledBody.Serialize(note, options.GetTypeInfo(note.GetType()));
            var text = Encoding.UTF8.GetString(body.Written.Span);
            body.Return();
            return text;
        }

        Assert.Equal("""{"note":"\u003Ca\u003E"}""", Write(strict));
        Assert.Equal("{\n  \"note\": \"<a>\"\n}".ReplaceLineEndings("\n"), Write(relaxed).ReplaceLineEndings("\n"));
        Assert.Equal("""{"note":"\u003Ca\u003E"}""", Write(strict));
    }

    [Fact]
    public async Task LargeBody_GrowsItsBuffer()
    {
        using var result = await s_invoker.InvokeAsync("""{"$url":"test/big","size":300000}"""u8.ToArray());

        Assert.True(result.IsSuccess, result.ErrorMessage);
        Assert.Equal(300_000, NoteOf(result).Length);
    }

    [Theory]
    [InlineData("""{"$url":"test\/echo","text":"escaped slash"}""", "escaped slash")]
    [InlineData("""{"$url":"\u0074est/echo","text":"escaped letter"}""", "escaped letter")]
    [InlineData("""{"text":"url last","$url":"test/echo"}""", "url last")]
    public async Task Url_IsMatchedInUtf8_EscapesIncluded(string json, string note)
    {
        using var result = await s_invoker.InvokeAsync(Encoding.UTF8.GetBytes(json));

        Assert.Equal(note, NoteOf(result));
    }
}
