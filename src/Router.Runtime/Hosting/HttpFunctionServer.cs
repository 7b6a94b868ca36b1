using System.Net;
using Microsoft.Extensions.Logging;
using Router.Runtime.Logging;

namespace Router.Runtime.Hosting;

/// <summary>
/// The HTTP server behind the Alibaba FC host and <c>serve</c>: <see cref="HttpListener"/> from the base
/// library (why not Kestrel: docs/hosting.md, "Which HTTP server: measured"). Requests are served
/// concurrently; on the shutdown signal it stops accepting, lets the requests in flight finish, and returns 0.
/// </summary>
internal sealed class HttpFunctionServer(IReadOnlyList<string> prefixes, Func<HttpListenerContext, Task> handle, ILogger log)
{
    private readonly HashSet<Task> _inFlight = [];

    /// <summary>Serves until <paramref name="stopping"/> is cancelled.</summary>
    /// <returns><see cref="FunctionHost.ExitSuccess"/>, or <see cref="FunctionHost.ExitPlatformError"/> when the port cannot be bound.</returns>
    public async Task<int> RunAsync(CancellationToken stopping)
    {
        using var listener = await StartAsync().ConfigureAwait(false);
        if (listener is null)
        {
            return FunctionHost.ExitPlatformError;
        }

        RuntimeLog.Listening(log, string.Join(", ", prefixes));
        var stopped = Task.Delay(Timeout.Infinite, stopping);
        while (true)
        {
            var accept = listener.GetContextAsync();
            if (await Task.WhenAny(accept, stopped).ConfigureAwait(false) == stopped)
            {
                break;
            }

            HttpListenerContext context;
            try
            {
                context = await accept.ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                RuntimeLog.PlatformProblem(log, "accepting a request failed: " + ex.Message);
                continue;
            }

            Track(Task.Run(() => HandleAsync(context)));
        }

        Task[] pending;
        lock (_inFlight)
        {
            pending = [.. _inFlight];
        }

        await Task.WhenAll(pending).ConfigureAwait(false);
        // Close, not Stop: the managed HttpListener's Close after Stop binds the port once more to
        // remove its prefixes (and throws if another process has taken it); Close alone releases it.
        listener.Close();
        RuntimeLog.Stopped(log);
        return FunctionHost.ExitSuccess;
    }

    /// <summary>The started listener, or <see langword="null"/> (logged) when the port cannot be bound.</summary>
    /// <remarks>
    /// The managed <see cref="HttpListener"/> on Linux throws <see cref="ArgumentNullException"/> from <c>Start</c> when a
    /// connection arrives while it starts (its endpoint accepts before the lock it takes is made: dotnet/corefx#35191),
    /// which a platform's readiness probe (FC connects to the port) or an early client can cause. The failed listener
    /// is closed and its socket left open until finalized, so each retry first collects it, then binds anew.
    /// </remarks>
    private async Task<HttpListener?> StartAsync()
    {
        const int Attempts = 5;
        for (var attempt = 1; ; attempt++)
        {
            var listener = new HttpListener();
            foreach (var prefix in prefixes)
            {
                listener.Prefixes.Add(prefix);
            }

            try
            {
                listener.Start();
                return listener;
            }
            catch (ArgumentNullException) when (attempt < Attempts)
            {
                listener.Close();
                RuntimeLog.PlatformProblem(log, "a connection arrived while the listener started (dotnet/corefx#35191); starting it again");
                GC.Collect();
                GC.WaitForPendingFinalizers();
                await Task.Delay(10 * attempt).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is HttpListenerException or ArgumentNullException)
            {
                listener.Close();
                RuntimeLog.CannotListen(log, string.Join(", ", prefixes), ex.Message);
                return null;
            }
        }
    }

    private void Track(Task task)
    {
        lock (_inFlight)
        {
            _inFlight.Add(task);
        }

        task.ContinueWith(
            done =>
            {
                lock (_inFlight)
                {
                    _inFlight.Remove(done);
                }
            },
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }

    private async Task HandleAsync(HttpListenerContext context)
    {
        if (AnsweredByTheListener(context.Request))
        {
            return;
        }

        try
        {
            await handle(context).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            // A dropped client or a bug in a handler of ours must not stop the server.
            RuntimeLog.RequestFailed(log, context.Request.HttpMethod, context.Request.Url?.AbsolutePath, ex.Message);
            try
            {
                context.Response.Abort();
            }
            catch (Exception abortFailure) when (abortFailure is ObjectDisposedException or HttpListenerException)
            {
                // The connection is already gone.
            }
        }
    }

    /// <summary>
    /// A POST or PUT with neither Content-Length nor chunked encoding (<c>curl -X POST</c> with no data): the
    /// managed HttpListener answers it 411 Length Required itself and closes the connection, yet still hands
    /// over its context, whose connection is gone. Nothing is left to do and nothing failed.
    /// </summary>
    private static bool AnsweredByTheListener(HttpListenerRequest request)
        => request.HttpMethod is "POST" or "PUT"
            && request.Headers["Content-Length"] is null
            && request.Headers["Transfer-Encoding"] is null;

    /// <summary>Writes a complete response and closes it; no <c>Content-Type</c> when <paramref name="contentType"/> is null.</summary>
    public static async Task WriteAsync(HttpListenerResponse response, int status, ReadOnlyMemory<byte> body, string? contentType = "application/json")
    {
        response.StatusCode = status;
        if (contentType is not null)
        {
            response.ContentType = contentType;
        }

        response.ContentLength64 = body.Length;
        await response.OutputStream.WriteAsync(body).ConfigureAwait(false);
        response.Close();
    }

    /// <summary>
    /// Reads the request body, up to <paramref name="maxBytes"/>. Returns <see langword="null"/> when the
    /// body is larger (by its Content-Length, or once that many bytes were read of a chunked body).
    /// </summary>
    public static async Task<byte[]?> ReadBodyAsync(HttpListenerRequest request, int maxBytes, CancellationToken cancellationToken)
    {
        if (request.ContentLength64 > maxBytes)
        {
            return null;
        }

        // No Content-Length and not chunked (curl -X POST with no data): HTTP/1.1 says the body is empty
        // (RFC 9112, 6.3), and the managed HttpListener has no input stream for it.
        if (!request.HasEntityBody)
        {
            return [];
        }

        var capacity = request.ContentLength64 > 0 ? (int)request.ContentLength64 : 4096;
        using var buffer = new MemoryStream(capacity);
        var chunk = new byte[16 * 1024];
        var input = request.InputStream;
        int read;
        while ((read = await input.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > maxBytes)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }
}
