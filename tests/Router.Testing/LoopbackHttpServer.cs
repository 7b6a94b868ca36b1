using System.Net;

namespace Router.Testing;

/// <summary>
/// A fake platform's HTTP server on 127.0.0.1 at a free port: it accepts requests until disposed and
/// hands each to <see cref="HandleAsync"/> on a task of its own, so a request that never answers does
/// not hold up the others. Disposing stops it and waits for its accept loop.
/// </summary>
public abstract class LoopbackHttpServer : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    protected LoopbackHttpServer()
    {
        Port = LoopbackPorts.Free();
        _listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
        _listener.Start();
        _loop = Task.Run(AcceptLoopAsync);
    }

    /// <summary>The port it listens on.</summary>
    public int Port { get; }

    /// <summary><c>http://127.0.0.1:PORT</c>.</summary>
    public string BaseAddress => $"http://127.0.0.1:{Port}";

    /// <summary>Cancelled when the server is disposed: a handler that hangs on purpose waits on it.</summary>
    protected CancellationToken Stopping => _stop.Token;

    /// <summary>Answers one request.</summary>
    protected abstract Task HandleAsync(HttpListenerContext context);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        // Close alone: on Linux, Close after Stop binds the port again to remove its prefixes, and
        // fails when another test has taken the port meanwhile.
        _listener.Close();
        await _loop;
        _stop.Dispose();
        GC.SuppressFinalize(this);
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            _ = Task.Run(() => HandleAsync(context));
        }
    }
}
