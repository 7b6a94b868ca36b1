using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Router.Runtime.Logging;
using Router.Runtime.Telemetry;

namespace Router.Runtime.Hosting;

/// <summary>
/// The pull loop of the AWS Lambda and Tencent SCF custom runtimes: initialize (then report ready or
/// the init error), then <c>next</c> → invoke → post the response or the error, until the shutdown
/// signal arrives between invocations. It talks to the platform only through <see cref="IRuntimeApiClient"/>.
/// </summary>
/// <remarks>
/// Reactions follow the Lambda Runtime API (docs/platforms.md), which SCF's loop mirrors: a refused or
/// dropped connection is retried by the client, then ends the process; 400/403 on a post (a wrong
/// request id or a second post) are logged and not retried; 413 means the platform already failed the
/// invocation, so the loop goes back to <c>next</c>; 500 is a container error and ends the process at
/// once. Log lines name paths and statuses, never headers, so no credential is written.
/// An observed invocation's span ends once its result is posted, and the host's flush
/// (<see cref="FunctionHostOptions.Flush"/>) runs before it asks for the next event: between the two
/// the platform may freeze the instance, which then exports nothing.
/// </remarks>
internal sealed class RuntimeApiHost(RuntimeApiProtocol protocol, IRuntimeApiClient client, FunctionInvoker invoker, Initializer initializer, Func<ValueTask> flush, ILogger log)
{
    public async Task<int> RunAsync(CancellationToken stopping)
    {
        RuntimeLog.RuntimeApiStarting(log, protocol.Name, protocol.BaseAddress);
        if (await InitializeAsync(stopping).ConfigureAwait(false) is { } initExit)
        {
            return initExit;
        }

        while (!stopping.IsCancellationRequested)
        {
            RuntimeApiEvent next;
            try
            {
                next = await client.NextAsync(stopping).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                break;
            }
            catch (PlatformUnreachableException ex)
            {
                RuntimeLog.PlatformFault(log, ex.Message);
                return FunctionHost.ExitPlatformError;
            }

            if (next.Status != 200 || next.Invocation is not { } invocation)
            {
                RuntimeLog.PlatformFault(log, $"GET {protocol.NextPath} answered {next.Status}; no event can be received");
                return FunctionHost.ExitPlatformError;
            }

            if (string.IsNullOrEmpty(invocation.RequestId))
            {
                RuntimeLog.PlatformFault(log, $"GET {protocol.NextPath} gave an event without a request id, so no result can be posted");
                return FunctionHost.ExitPlatformError;
            }

            // Every line written from here to the posted result carries the invocation's request id.
            using (InvocationLogContext.Enter(invocation))
            {
                var span = invoker.Observe(invocation);
                // Disposed once posted: the body's pooled buffer goes back for the next event.
                using var result = await InvokeAsync(invocation, next.Event, span).ConfigureAwait(false);
                var postExit = await PostResultAsync(invocation.RequestId, result, span?.Activity).ConfigureAwait(false);
                span?.Stop();
                if (postExit is not null)
                {
                    return postExit.Value;
                }
            }

            await flush().ConfigureAwait(false);
        }

        RuntimeLog.Stopped(log);
        return FunctionHost.ExitSuccess;
    }

    private async Task<int?> InitializeAsync(CancellationToken stopping)
    {
        if (await initializer.EnsureAsync(stopping).ConfigureAwait(false) is { } failure)
        {
            RuntimeLog.InitializationFailed(log, failure);
            try
            {
                if (await client.PostInitErrorAsync(ErrorTypes.InitializationError, failure.Message).ConfigureAwait(false) is { } status and not (>= 200 and < 300))
                {
                    RuntimeLog.PlatformProblem(log, $"POST {protocol.InitErrorPath} answered {status}");
                }
            }
            catch (PlatformUnreachableException ex)
            {
                RuntimeLog.PlatformProblem(log, ex.Message);
            }

            return FunctionHost.ExitInitializationFailed;
        }

        try
        {
            if (await client.PostReadyAsync(stopping).ConfigureAwait(false) is { } ready and not (>= 200 and < 300))
            {
                RuntimeLog.PlatformFault(log, $"POST {protocol.ReadyPath} answered {ready}");
                return FunctionHost.ExitPlatformError;
            }
        }
        catch (PlatformUnreachableException ex)
        {
            RuntimeLog.PlatformFault(log, ex.Message);
            return FunctionHost.ExitPlatformError;
        }

        return null;
    }

    private async Task<InvocationResult> InvokeAsync(InvocationInfo invocation, byte[] eventJson, InvocationSpan? span)
    {
        if (protocol.TraceEnvironmentVariable is { } traceVariable)
        {
            // Set on every event, and cleared when absent, so no event sees the previous one's trace.
            Environment.SetEnvironmentVariable(traceVariable, invocation.TraceId);
        }

        // The in-flight invocation is not cancelled by the shutdown signal: it finishes, as SIGTERM promises.
        using var deadline = new CancellationTokenSource();
        if (invocation.Deadline is { } at)
        {
            var remaining = at - DateTimeOffset.UtcNow;
            deadline.CancelAfter(remaining > TimeSpan.Zero ? remaining : TimeSpan.Zero);
        }

        return await invoker.InvokeAsync(eventJson, invocation, span, deadline.Token).ConfigureAwait(false);
    }

    private async Task<int?> PostResultAsync(string requestId, InvocationResult result, Activity? span)
    {
        // The lines written about the result join the invocation's trace (for the rest of this method only).
        if (span is not null)
        {
            Activity.Current = span;
        }

        string path;
        int status;
        try
        {
            if (result.IsSuccess || result.HttpStatusCode is not null)
            {
                // An HTTP event's errors are HTTP responses too: the error channel would be a 502 at the gateway.
                path = protocol.ResponsePath(requestId);
                if (!result.IsSuccess)
                {
                    RuntimeLog.HttpInvocationFailed(log, result.HttpStatusCode!.Value, result.ErrorType!, result.ErrorMessage!);
                }

                status = await client.PostResponseAsync(requestId, result.Body).ConfigureAwait(false);
            }
            else
            {
                path = protocol.ErrorPath(requestId);
                RuntimeLog.InvocationFailed(log, result.ErrorType!, result.ErrorMessage!);
                status = await client.PostErrorAsync(requestId, result.ErrorType!, result.ErrorMessage!).ConfigureAwait(false);
            }
        }
        catch (PlatformUnreachableException ex)
        {
            RuntimeLog.PlatformFault(log, ex.Message + "; the result is lost");
            return FunctionHost.ExitPlatformError;
        }

        switch (status)
        {
            case >= 200 and < 300:
                return null;
            case 400 or 403:
                RuntimeLog.PlatformProblem(log, $"POST {path} answered {status} (the runtime API refused this request id or a second post); not retried");
                return null;
            case 413:
                RuntimeLog.PlatformProblem(log, $"POST {path} answered 413: the response is larger than the platform accepts, so the platform failed the invocation");
                return null;
            case 500:
                RuntimeLog.PlatformFault(log, $"POST {path} answered 500 (container error, not recoverable)");
                return FunctionHost.ExitPlatformError;
            default:
                RuntimeLog.PlatformProblem(log, $"POST {path} answered {status}; going on to the next event");
                return null;
        }
    }
}
