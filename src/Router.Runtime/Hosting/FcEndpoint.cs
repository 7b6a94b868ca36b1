using System.Globalization;
using Microsoft.Extensions.Logging;
using Router.Runtime.Hosting.Server;
using Router.Runtime.Logging;
using Router.Runtime.Output;
using Router.Runtime.Telemetry;

namespace Router.Runtime.Hosting;

/// <summary>
/// Alibaba Function Compute's custom runtime contract (docs/platforms.md): <c>POST /invoke</c> with the raw
/// event, <c>POST /initialize</c>, <c>GET /pre-freeze</c> and <c>GET /pre-stop</c>; answers 200 on success
/// and 404 on failure, with the same value in <c>x-fc-status</c>, and writes the
/// <c>FC Invoke Start/End RequestId</c> lines to standard output. Requests whose
/// <c>x-fc-control-path</c> is <c>/http-invoke</c> (HTTP triggers) go to <see cref="HttpEventEndpoint"/>.
/// </summary>
/// <remarks>
/// The invocation's <see cref="InvocationInfo"/> comes from FC's <c>x-fc-*</c> headers, its temporary
/// credentials (<c>x-fc-access-key-*</c>, <c>x-fc-security-token</c>) included; no header is ever logged.
/// An observed invocation's span ends once its answer is written; <paramref name="flush"/> runs then, and at
/// <c>pre-freeze</c> and <c>pre-stop</c>, since FC may freeze the instance as soon as it has answered.
/// </remarks>
internal sealed class FcEndpoint(FunctionInvoker invoker, Initializer initializer, HttpEventEndpoint httpEvents, Func<ValueTask> flush, TextWriter output, ILogger log)
{
    private const string StatusHeader = "x-fc-status";

    public async Task HandleAsync(ServerContext context)
    {
        var request = context.Request;
        var invocation = InvocationOf(request, DateTimeOffset.UtcNow);
        var path = request.Path;
        using var logContext = InvocationLogContext.Enter(invocation);
        if (request.Header("x-fc-control-path") == "/http-invoke")
        {
            await HttpTriggerAsync(context, invocation).ConfigureAwait(false);
            return;
        }

        switch (request.Method, path)
        {
            case ("POST", "/invoke"):
                await InvokeAsync(context, invocation).ConfigureAwait(false);
                break;
            case ("POST", "/initialize"):
                await InitializeAsync(context, invocation.RequestId).ConfigureAwait(false);
                break;
            case ("GET", "/pre-freeze" or "/pre-stop"):
                await flush().ConfigureAwait(false);
                await output.FlushAsync().ConfigureAwait(false);
                await context.Response.WriteAsync(200, "ok"u8.ToArray(), "text/plain").ConfigureAwait(false);
                break;
            default:
                await HttpTriggerAsync(context, invocation).ConfigureAwait(false);
                break;
        }
    }

    /// <summary>What FC's headers say about the invocation (docs/platforms.md, "Alibaba Function Compute").</summary>
    internal static InvocationInfo InvocationOf(ServerRequest request, DateTimeOffset now)
    {
        var headers = request.Header;
        var requestId = headers("x-fc-request-id") is { Length: > 0 } id ? id : "fc-" + Guid.NewGuid().ToString("N");
        var timeout = RuntimeApiProtocol.Number(headers("x-fc-function-timeout"));
        return new InvocationInfo(InvocationPlatforms.AlibabaFc, requestId)
        {
            FunctionName = headers("x-fc-function-name"),
            FunctionVersion = headers("x-fc-qualifier"),
            MemoryLimitMB = RuntimeApiProtocol.Number(headers("x-fc-function-memory")),
            Region = headers("x-fc-region"),
            TraceId = headers("x-fc-tracing-opentracing-span-context"),
            Deadline = timeout > 0 ? now.AddSeconds(timeout.Value) : null,
            Credentials = RuntimeApiProtocol.Credentials(headers("x-fc-access-key-id"), headers("x-fc-access-key-secret"), headers("x-fc-security-token")),
        };
    }

    private async Task InvokeAsync(ServerContext context, InvocationInfo invocation)
    {
        var requestId = invocation.RequestId;
        var span = invoker.Observe(invocation);
        await output.WriteLineAsync($"FC Invoke Start RequestId: {requestId}").ConfigureAwait(false);
        try
        {
            if (await initializer.EnsureAsync(CancellationToken.None).ConfigureAwait(false) is { } failure)
            {
                await FailAsync(context, requestId, ErrorTypes.InitializationError, failure.Message, span).ConfigureAwait(false);
                return;
            }

            using var deadline = DeadlineOf(context.Request);
            var body = await context.Request.ReadBodyAsync(httpEvents.MaxEventBytes, deadline.Token).ConfigureAwait(false);
            if (body is null)
            {
                await FailAsync(context, requestId, ErrorTypes.InvalidEvent, $"The event is larger than the limit of {httpEvents.MaxEventBytes} bytes.", span).ConfigureAwait(false);
                return;
            }

            using var result = await invoker.InvokeAsync(body, invocation, span, deadline.Token).ConfigureAwait(false);
            if (!result.IsSuccess)
            {
                await FailAsync(context, requestId, result.ErrorType!, result.ErrorMessage!, span).ConfigureAwait(false);
                return;
            }

            context.Response.SetHeader(StatusHeader, "200");
            await context.Response.WriteAsync(200, result.Body).ConfigureAwait(false);
        }
        finally
        {
            span?.Stop();
            await output.WriteLineAsync($"FC Invoke End RequestId: {requestId}").ConfigureAwait(false);
        }

        await flush().ConfigureAwait(false);
    }

    private async Task InitializeAsync(ServerContext context, string requestId)
    {
        await output.WriteLineAsync($"FC Initialize Start RequestId: {requestId}").ConfigureAwait(false);
        try
        {
            if (await initializer.EnsureAsync(CancellationToken.None).ConfigureAwait(false) is { } failure)
            {
                RuntimeLog.InitializationFailed(log, failure);
                await FailAsync(context, requestId, ErrorTypes.InitializationError, failure.Message).ConfigureAwait(false);
                return;
            }

            context.Response.SetHeader(StatusHeader, "200");
            await context.Response.WriteAsync(200, "ok"u8.ToArray(), "text/plain").ConfigureAwait(false);
        }
        finally
        {
            await output.WriteLineAsync($"FC Initialize End RequestId: {requestId}").ConfigureAwait(false);
        }
    }

    private async Task HttpTriggerAsync(ServerContext context, InvocationInfo invocation)
    {
        if (await initializer.EnsureAsync(CancellationToken.None).ConfigureAwait(false) is { } failure)
        {
            var span = invoker.Observe(invocation, http: true);
            span?.Answered(ErrorTypes.InitializationError, failure.Message, 500);
            await context.Response.WriteAsync(500, ErrorBodies.ForPlatform(ErrorTypes.InitializationError, failure.Message)).ConfigureAwait(false);
            span?.Stop();
            return;
        }

        using var deadline = DeadlineOf(context.Request);
        await httpEvents.HandleAsync(context, invocation, deadline.Token).ConfigureAwait(false);
    }

    private async Task FailAsync(ServerContext context, string requestId, string errorType, string message, InvocationSpan? span = null)
    {
        span?.Answered(errorType, message, null);
        span?.Begin(null);
        // The line joins the invocation's trace (for the rest of this method only).
        if (span?.Activity is { } activity)
        {
            System.Diagnostics.Activity.Current = activity;
        }

        RuntimeLog.InvocationFailed(log, errorType, message);
        context.Response.SetHeader(StatusHeader, "404");
        await context.Response.WriteAsync(404, ErrorBodies.ForPlatform(errorType, message)).ConfigureAwait(false);
    }

    /// <summary>A token cancelled when the function's timeout (<c>x-fc-function-timeout</c>, seconds) passes.</summary>
    private static CancellationTokenSource DeadlineOf(ServerRequest request)
    {
        var deadline = new CancellationTokenSource();
        if (int.TryParse(request.Header("x-fc-function-timeout"), NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) && seconds > 0)
        {
            deadline.CancelAfter(TimeSpan.FromSeconds(seconds));
        }

        return deadline;
    }
}
