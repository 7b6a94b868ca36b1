using System.Text.Json;
using System.Text.Json.Serialization;

namespace Router.Runtime.Tests.Hosting;

/// <summary>Routes the hosts are tested with where the shop has none: deadlines, exceptions, slow and large answers.</summary>
[GeneratedRouter]
public sealed partial class HostTestRouter;

public sealed record TestRequest(int Ms, int Size, string? Text);

public sealed record TestReply(string Note);

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(TestRequest))]
[JsonSerializable(typeof(TestReply))]
internal sealed partial class HostTestJson : JsonSerializerContext;

[Route("test")]
public static class HostTestHandlers
{
    /// <summary>Answers the request's text.</summary>
    [Route("echo")]
    public static TestReply Echo(TestRequest request) => new(request.Text ?? "");

    /// <summary>Waits until the invocation's deadline cancels it, then says so.</summary>
    [Route("deadline")]
    public static async Task<TestReply> WaitForDeadline(CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
            return new TestReply("never");
        }
        catch (OperationCanceledException)
        {
            return new TestReply("cancelled at the deadline");
        }
    }

    /// <summary>Takes <c>ms</c> milliseconds, ignoring cancellation, as a slow handler would.</summary>
    [Route("slow")]
    public static async Task<TestReply> Slow(TestRequest request)
    {
        await Task.Delay(request.Ms);
        return new TestReply($"slept {request.Ms} ms");
    }

    /// <summary>Answers a note of <c>size</c> characters.</summary>
    [Route("big")]
    public static TestReply Big(TestRequest request) => new(new string('x', request.Size));

    [Route("throw")]
    public static TestReply Throw() => throw new InvalidOperationException("the handler failed on purpose");

    /// <summary>Answers the trace id the Lambda host put in the environment.</summary>
    [Route("trace")]
    public static TestReply Trace() => new(Environment.GetEnvironmentVariable("_X_AMZN_TRACE_ID") ?? "(none)");

    /// <summary>Answers the request id the host gave the invocation.</summary>
    [Route("requestId")]
    public static TestReply RequestId(RouteContext context) => new(context.RequestId);
}
