using System.Net.Http.Headers;
using Microsoft.Extensions.Logging;
using Router.Runtime.Logging;
using Router.Runtime.Output;

namespace Router.Runtime.Hosting;

/// <summary>
/// The runtime API over HTTP (<see cref="RuntimeApiProtocol"/> gives the platform's paths and headers):
/// one <see cref="HttpClient"/> for the instance's life, no proxy, no cookies, no redirects, a 5-second
/// connect timeout and no request timeout (<c>next</c> is a long poll, and the process is frozen between
/// events). A refused or dropped connection is retried with exponential backoff
/// (<see cref="FunctionHostOptions.PlatformRetryCount"/> retries from <see cref="FunctionHostOptions.PlatformRetryDelay"/>).
/// </summary>
internal sealed class HttpRuntimeApiClient : IRuntimeApiClient
{
    private static readonly MediaTypeHeaderValue s_json = new("application/json");
    private static readonly MediaTypeHeaderValue s_lambdaError = new(ErrorBodies.LambdaContentType);

    private readonly RuntimeApiProtocol _protocol;
    private readonly FunctionHostOptions _options;
    private readonly ILogger _log;
    private readonly Func<string, string?> _environment;
    private readonly HttpClient _client;

    public HttpRuntimeApiClient(RuntimeApiProtocol protocol, FunctionHostOptions options, ILogger log, Func<string, string?> environment)
    {
        _protocol = protocol;
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
        _client = new HttpClient(handler) { BaseAddress = protocol.BaseAddress, Timeout = Timeout.InfiniteTimeSpan };
    }

    public async Task<RuntimeApiEvent> NextAsync(CancellationToken cancellationToken)
    {
        using var next = await SendAsync(HttpMethod.Get, _protocol.NextPath, createContent: null, cancellationToken).ConfigureAwait(false);
        if (next.StatusCode != System.Net.HttpStatusCode.OK)
        {
            return new RuntimeApiEvent((int)next.StatusCode, null, []);
        }

        var invocation = _protocol.ReadInvocation(next.Headers, DateTimeOffset.UtcNow, _environment);
        return new RuntimeApiEvent(200, invocation, await next.Content.ReadAsByteArrayAsync(CancellationToken.None).ConfigureAwait(false));
    }

    public Task<int> PostResponseAsync(string requestId, ReadOnlyMemory<byte> body)
        => PostAsync(_protocol.ResponsePath(requestId), () => new ReadOnlyMemoryContent(body) { Headers = { ContentType = s_json } });

    public Task<int> PostErrorAsync(string requestId, string errorType, string errorMessage)
        => PostAsync(_protocol.ErrorPath(requestId), () => ErrorContent(errorType, errorMessage));

    public async Task<int?> PostInitErrorAsync(string errorType, string errorMessage)
        => _protocol.InitErrorPath is { } path ? await PostAsync(path, () => ErrorContent(errorType, errorMessage)).ConfigureAwait(false) : null;

    public async Task<int?> PostReadyAsync(CancellationToken cancellationToken)
    {
        if (_protocol.ReadyPath is not { } path)
        {
            return null;
        }

        using var ready = await SendAsync(HttpMethod.Post, path, static () => new ByteArrayContent([]), cancellationToken).ConfigureAwait(false);
        return (int)ready.StatusCode;
    }

    public void Dispose() => _client.Dispose();

    private async Task<int> PostAsync(string path, Func<HttpContent> content)
    {
        using var response = await SendAsync(HttpMethod.Post, path, content, CancellationToken.None).ConfigureAwait(false);
        return (int)response.StatusCode;
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

    /// <summary>Sends one request, retrying a refused or dropped connection with exponential backoff.</summary>
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
}
