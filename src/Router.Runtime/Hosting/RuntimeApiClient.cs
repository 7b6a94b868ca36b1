using Microsoft.Extensions.Logging;
using Router.Runtime.Logging;
using Router.Runtime.Output;

namespace Router.Runtime.Hosting;

/// <summary>
/// The runtime API over HTTP/1.1 (<see cref="RuntimeApiProtocol"/> gives the platform's paths and headers):
/// one keep-alive <see cref="RuntimeApiConnection"/> on a plain socket for the instance's life, no proxy,
/// a 5-second connect timeout and no request timeout (<c>next</c> is a long poll, and the process is frozen
/// between events). A refused or dropped connection is retried with exponential backoff
/// (<see cref="FunctionHostOptions.PlatformRetryCount"/> retries from <see cref="FunctionHostOptions.PlatformRetryDelay"/>).
/// </summary>
internal sealed class RuntimeApiClient : IRuntimeApiClient
{
    private const string Json = "application/json";

    private readonly RuntimeApiProtocol _protocol;
    private readonly FunctionHostOptions _options;
    private readonly ILogger _log;
    private readonly Func<string, string?> _environment;
    private readonly RuntimeApiConnection _connection;
    private readonly string _basePath;

    public RuntimeApiClient(RuntimeApiProtocol protocol, FunctionHostOptions options, ILogger log, Func<string, string?> environment)
    {
        _protocol = protocol;
        _options = options;
        _log = log;
        _environment = environment;
        _connection = new RuntimeApiConnection(protocol.BaseAddress.DnsSafeHost, protocol.BaseAddress.Port, TimeSpan.FromSeconds(5));
        _basePath = protocol.BaseAddress.AbsolutePath;
    }

    public async Task<RuntimeApiEvent> NextAsync(CancellationToken cancellationToken)
    {
        var next = await SendAsync("GET", _protocol.NextPath, default, contentType: null, extraHeader: null, cancellationToken).ConfigureAwait(false);
        if (next.Status != 200)
        {
            return new RuntimeApiEvent(next.Status, null, []);
        }

        return new RuntimeApiEvent(200, _protocol.ReadInvocation(next.Header, DateTimeOffset.UtcNow, _environment), next.Body);
    }

    public Task<int> PostResponseAsync(string requestId, ReadOnlyMemory<byte> body)
        => PostAsync(_protocol.ResponsePath(requestId), body, Json, extraHeader: null);

    public Task<int> PostErrorAsync(string requestId, string errorType, string errorMessage)
        => PostErrorBodyAsync(_protocol.ErrorPath(requestId), errorType, errorMessage);

    public async Task<int?> PostInitErrorAsync(string errorType, string errorMessage)
        => _protocol.InitErrorPath is { } path ? await PostErrorBodyAsync(path, errorType, errorMessage).ConfigureAwait(false) : null;

    public async Task<int?> PostReadyAsync(CancellationToken cancellationToken)
    {
        if (_protocol.ReadyPath is not { } path)
        {
            return null;
        }

        var ready = await SendAsync("POST", path, default, contentType: null, extraHeader: null, cancellationToken).ConfigureAwait(false);
        return ready.Status;
    }

    public void Dispose() => _connection.Dispose();

    private Task<int> PostErrorBodyAsync(string path, string errorType, string message)
    {
        var body = ErrorBodies.ForPlatform(errorType, message);
        // Lambda: its error content type, and the error type in the recommended `Category.Reason` form
        // (other forms show up as `*.Unknown`, docs/platforms.md); SCF: plain JSON.
        return _protocol.ErrorTypeHeader is { } header
            ? PostAsync(path, body, ErrorBodies.LambdaContentType, (header, "Function." + errorType))
            : PostAsync(path, body, Json, extraHeader: null);
    }

    private async Task<int> PostAsync(string path, ReadOnlyMemory<byte> body, string contentType, (string, string)? extraHeader)
        => (await SendAsync("POST", path, body, contentType, extraHeader, CancellationToken.None).ConfigureAwait(false)).Status;

    /// <summary>Sends one request, retrying a refused or dropped connection with exponential backoff.</summary>
    /// <exception cref="PlatformUnreachableException">Every attempt failed to connect or lost the connection.</exception>
    private async Task<RuntimeApiResponse> SendAsync(string method, string path, ReadOnlyMemory<byte> body, string? contentType, (string, string)? extraHeader, CancellationToken cancellationToken)
    {
        var delay = _options.PlatformRetryDelay;
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return _connection.Send(method, _basePath + path, body, contentType, extraHeader, cancellationToken);
            }
            catch (RuntimeApiTransportException ex) when (!cancellationToken.IsCancellationRequested)
            {
                if (attempt >= _options.PlatformRetryCount)
                {
                    throw new PlatformUnreachableException(
                        $"{method} {new Uri(_protocol.BaseAddress, path)} failed after {attempt + 1} attempts: {ex.Message}", ex);
                }

                RuntimeLog.Retrying(_log, method, path, ex.Message, Math.Round(delay.TotalMilliseconds));
                await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
                delay += delay;
            }
        }
    }
}
