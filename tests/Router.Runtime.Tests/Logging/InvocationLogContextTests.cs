using System.Text;
using Router.Runtime.Logging;
using Router.Runtime.Tests.Hosting;

namespace Router.Runtime.Tests.Logging;

/// <summary>
/// The request id is on every line an invocation writes, whether its pipeline completes at once (answered
/// without a state machine) or after an await, and on none the caller writes after it: the invocation is put
/// back as it was found.
/// </summary>
public sealed class InvocationLogContextTests
{
    [Theory]
    [InlineData("test/traced", 1)]
    [InlineData("test/logAround", 2)]
    public async Task EveryLine_CarriesTheRequestId_AndTheCallersContextIsPutBack(string route, int lines)
    {
        var log = new StringWriter();
        var invoker = new FunctionInvoker(new HostTestRouter(), null, new FunctionInvokerOptions { Log = TextWriter.Synchronized(log) });
        var before = InvocationLogContext.Current;

        for (var i = 0; i < 3; i++)
        {
            using var result = await invoker.InvokeAsync(Encoding.UTF8.GetBytes($$"""{"$url":"{{route}}"}"""), InvocationInfo.Local($"req-{i}"), CancellationToken.None);
            Assert.True(result.IsSuccess, result.ToString());
            Assert.Same(before, InvocationLogContext.Current);
        }

        var written = log.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3 * lines, written.Length);
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(lines, written.Count(line => line.Contains($"req-{i}", StringComparison.Ordinal)));
        }
    }
}
