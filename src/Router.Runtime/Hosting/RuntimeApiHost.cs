using System.Net.Http.Headers;
using System.Net;
using Microsoft.Extensions.Logging;
using Router.Runtime.Logging;
using Router.Runtime.Output;

namespace Router.Runtime.Hosting;

/// <summary>
/// The pull loop of the AWS Lambda and Tencent SCF custom runtimes: initialize (then report ready or
/// the init error), then <c>next</c> → invoke → post the response or the error, until the shutdown
/// signal arrives between invocations.
/// </summary>
/// <remarks>
/// Reactions follow the Lambda Runtime API (docs/platforms.md), which SCF's loop mirrors: a refused or
/// dropped connection is retried with exponential backoff, then ends the process; 400/403 on a post
/// (a wrong request id or a second post) are logged and not retried; 413 means the platform already
/// failed the invocation, so the loop goes back to <c>next</c>; 500 is a container error and ends the
/// process at once. Log lines name paths and statuses, never headers, so no credential is written.
/// </remarks>
internal sealed class RuntimeApiHost : IDisposable
{
    private static readonly MediaTypeHeaderValue s_json = new("application/json");
    private static readonly MediaTypeHeaderValue s_lambdaError = new(ErrorBodies.LambdaContentType);

    private readonly RuntimeApiProtocol _protocol;
    private readonly FunctionInvoker _invoker;
    private readonly Initializer _initializer;
    private readonly FunctionHostOptions _options;
    private readonly ILogger _log;
    private readonly Func<string, string?> _environment;
    private readonly HttpClient _client;

    public RuntimeApiHost(RuntimeApiProtocol protocol, FunctionInvoker invoker, Initializer initializer, FunctionHostOptions options, ILogger log, Func<string, string?> environment)
    {
        _protocol = protocol;
        _invoker = invoker;
        _initializer = initializer;
        _options = options;
        _log = log;
        _environment = environment;
        var handler = new SocketsHttpHandler
        {
            UseProxy = false,
            UseCookies = false,
            AllowAutoRedirect = false,
            ConnectTimeout = TimeSpan.FromSeconds(5),
        };
        // No client timeout: `next` is a long poll, and the process is frozen between events.
        _client = new HttpClient(handler) { BaseAddress = protocol.BaseAddress, Timeout = Timeout.InfiniteTimeSpan };
    }

    public async Task<int> RunAsync(CancellationToken stopping)
    {
        RuntimeLog.RuntimeApiStarting(_log, _protocol.Name, _protocol.BaseAddress);
        if (await InitializeAsync(stopping).ConfigureAwait(false) is { } initExit)
        {
            return initExit;
        }

        while (!stopping.IsCancellationRequested)
        {
            InvocationInfo invocation;
            byte[] eventJson;
            try
            {
                using var next = await SendAsync(HttpMethod.Get, _protocol.NextPath, createContent: null, stopping).ConfigureAwait(false);
                if (next.StatusCode != HttpStatusCode.OK)
                {
                    RuntimeLog.PlatformFault(_log, $"GET {_protocol.NextPath} answered {(int)next.StatusCode}; no event can be received");
                    return FunctionHost.ExitPlatformError;
                }

                invocation = _protocol.ReadInvocation(next.Headers, DateTimeOffset.UtcNow, _environment);
                eventJson = await next.Content.ReadAsByteArrayAsync(CancellationToken.None).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                break;
            }
            catch (PlatformUnreachableException ex)
            {
                RuntimeLog.PlatformFault(_log, ex.Message);
                return FunctionHost.ExitPlatformError;
            }

            if (string.IsNullOrEmpty(invocation.RequestId))
            {
                RuntimeLog.PlatformFault(_log, $"GET {_protocol.NextPath} gave an event without a request id, so no result can be posted");
                return FunctionHost.ExitPlatformError;
            }

            // Every line written from here to the posted result carries the invocation's request id.
            using (InvocationLogContext.Enter(invocation))
            {
                // Disposed once posted: the body's pooled buffer goes back for the next event.
                using var result = await InvokeAsync(invocation, eventJson).ConfigureAwait(false);
                if (await PostResultAsync(invocation.RequestId, result).ConfigureAwait(false) is { } postExit)
                {
                    return postExit;
                }
            }
        }

        RuntimeLog.Stopped(_log);
        return FunctionHost.ExitSuccess;
    }

    private async Task<int?> InitializeAsync(CancellationToken stopping)
    {
        if (await _initializer.EnsureAsync(stopping).ConfigureAwait(false) is { } failure)
        {
            RuntimeLog.InitializationFailed(_log, failure);
            if (_protocol.InitErrorPath is { } initErrorPath)
            {
                await TryPostErrorAsync(initErrorPath, ErrorTypes.InitializationError, failure.Message).ConfigureAwait(false);
            }

            return FunctionHost.ExitInitializationFailed;
        }

        if (_protocol.ReadyPath is { } readyPath)
        {
            try
            {
                using var ready = await SendAsync(HttpMethod.Post, readyPath, static () => new ByteArrayContent([]), stopping).ConfigureAwait(false);
                if (!ready.IsSuccessStatusCode)
                {
                    RuntimeLog.PlatformFault(_log, $"POST {readyPath} answered {(int)ready.StatusCode}");
                    return FunctionHost.ExitPlatformError;
                }
            }
            catch (PlatformUnreachableException ex)
            {
                RuntimeLog.PlatformFault(_log, ex.Message);
                return FunctionHost.ExitPlatformError;
            }
        }

        return null;
    }

    private async Task<InvocationResult> InvokeAsync(InvocationInfo invocation, byte[] eventJson)
    {
        if (_protocol.TraceEnvironmentVariable is { } traceVariable)
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

        return await _invoker.InvokeAsync(eventJson, invocation, deadline.Token).ConfigureAwait(false);
    }

    private async Task<int?> PostResultAsync(string requestId, InvocationResult result)
    {
        string path;
        Func<HttpContent> content;
        if (result.IsSuccess || result.HttpStatusCode is not null)
        {
            // An HTTP event's errors are HTTP responses too: the error channel would be a 502 at the gateway.
            path = _protocol.ResponsePath(requestId);
            content = () => new ReadOnlyMemoryContent(result.Body) { Headers = { ContentType = s_json } };
            if (!result.IsSuccess)
            {
                RuntimeLog.HttpInvocationFailed(_log, result.HttpStatusCode!.Value, result.ErrorType!, result.ErrorMessage!);
            }
        }
        else
        {
            path = _protocol.ErrorPath(requestId);
            content = () => ErrorContent(result.ErrorType!, result.ErrorMessage!);
            RuntimeLog.InvocationFailed(_log, result.ErrorType!, result.ErrorMessage!);
        }

        HttpResponseMessage response;
        try
        {
            response = await SendAsync(HttpMethod.Post, path, content, CancellationToken.None).ConfigureAwait(false);
        }
        catch (PlatformUnreachableException ex)
        {
            RuntimeLog.PlatformFault(_log, ex.Message + "; the result is lost");
            return FunctionHost.ExitPlatformError;
        }

        using (response)
        {
            switch ((int)response.StatusCode)
            {
                case >= 200 and < 300:
                    return null;
                case 400 or 403:
                    RuntimeLog.PlatformProblem(_log, $"POST {path} answered {(int)response.StatusCode} (the runtime API refused this request id or a second post); not retried");
                    return null;
                case 413:
                    RuntimeLog.PlatformProblem(_log, $"POST {path} answered 413: the response is larger than the platform accepts, so the platform failed the invocation");
                    return null;
                case 500:
                    RuntimeLog.PlatformFault(_log, $"POST {path} answered 500 (container error, not recoverable)");
                    return FunctionHost.ExitPlatformError;
                default:
                    RuntimeLog.PlatformProblem(_log, $"POST {path} answered {(int)response.StatusCode}; going on to the next event");
                    return null;
            }
        }
    }

    private async Task TryPostErrorAsync(string path, string errorType, string message)
    {
        try
        {
            using var response = await SendAsync(HttpMethod.Post, path, () => ErrorContent(errorType, message), CancellationToken.None).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                RuntimeLog.PlatformProblem(_log, $"POST {path} answered {(int)response.StatusCode}");
            }
        }
        catch (PlatformUnreachableException ex)
        {
            RuntimeLog.PlatformProblem(_log, ex.Message);
        }
    }

    private HttpContent ErrorContent(string errorType, string message)
    {
        var content = new ByteArrayContent(ErrorBodies.ForPlatform(errorType, message));
        if (_protocol.ErrorTypeHeader is { } header)
        {
            content.Headers.ContentType = s_lambdaError;
            // The recommended `Category.Reason` form; other forms show up as `*.Unknown` (docs/platforms.md).
            content.Headers.TryAddWithoutValidation(header, "Function." + errorType);
        }
        else
        {
            content.Headers.ContentType = s_json;
        }

        return content;
    }

    /// <summary>
    /// Sends one request, retrying a refused or dropped connection with exponential backoff
    /// (<see cref="FunctionHostOptions.PlatformRetryCount"/> retries from <see cref="FunctionHostOptions.PlatformRetryDelay"/>).
    /// </summary>
    /// <exception cref="PlatformUnreachableException">Every attempt failed to connect or lost the connection.</exception>
    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, Func<HttpContent>? createContent, CancellationToken cancellationToken)
    {
        var delay = _options.PlatformRetryDelay;
        for (var attempt = 0; ; attempt++)
        {
            using var request = new HttpRequestMessage(method, path);
            // A content is sent once per request message, so every attempt gets a new one.
            request.Content = createContent?.Invoke();

            try
            {
                return await _client.SendAsync(request, cancellationToken).ConfigureAwait(false);
            }
            catch (HttpRequestException ex) when (!cancellationToken.IsCancellationRequested)
            {
                if (attempt >= _options.PlatformRetryCount)
                {
                    throw new PlatformUnreachableException(
                        $"{method} {new Uri(_protocol.BaseAddress, path)} failed after {attempt + 1} attempts: {ex.Message}", ex);
                }

                RuntimeLog.Retrying(_log, method.Method, path, ex.Message, Math.Round(delay.TotalMilliseconds));
                await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
                delay += delay;
            }
        }
    }

    public void Dispose() => _client.Dispose();
}

/// <summary>A platform endpoint stayed unreachable after every retry.</summary>
internal sealed class PlatformUnreachableException(string message, Exception inner) : Exception(message, inner);
