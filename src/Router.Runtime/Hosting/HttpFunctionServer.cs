using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Router.Runtime.Hosting.Server;
using Router.Runtime.Logging;

namespace Router.Runtime.Hosting;

/// <summary>
/// The HTTP server behind the Alibaba FC host and <c>serve</c>: HTTP/1.1 on plain sockets
/// (<see cref="ServerConnection"/>), so a function links no TLS or X.509 code for it (why not Kestrel or
/// <c>HttpListener</c>: docs/hosting.md, "Which HTTP server: measured"). Connections are served
/// concurrently, the requests on one connection in turn; on the shutdown signal it stops accepting, lets the
/// requests in flight finish, closes the idle connections, and returns 0.
/// </summary>
internal sealed class HttpFunctionServer(IReadOnlyList<IPEndPoint> endPoints, Func<ServerContext, Task> handle, ILogger log)
{
    private readonly HashSet<Task> _connections = [];

    /// <summary>The loopback address on <paramref name="port"/>: <c>serve</c>'s default.</summary>
    public static IReadOnlyList<IPEndPoint> Loopback(int port) => [new(IPAddress.Loopback, port)];

    /// <summary>Every address on <paramref name="port"/>, IPv6 and IPv4 where the machine has IPv6: FC's, and <c>serve --any-address</c>.</summary>
    public static IReadOnlyList<IPEndPoint> AnyAddress(int port) => [new(Socket.OSSupportsIPv6 ? IPAddress.IPv6Any : IPAddress.Any, port)];

    /// <summary>Serves until <paramref name="stopping"/> is cancelled.</summary>
    /// <returns><see cref="FunctionHost.ExitSuccess"/>, or <see cref="FunctionHost.ExitPlatformError"/> when a port cannot be bound.</returns>
    public async Task<int> RunAsync(CancellationToken stopping)
    {
        var listeners = Listen();
        if (listeners is null)
        {
            return FunctionHost.ExitPlatformError;
        }

        RuntimeLog.Listening(log, Addresses());
        using var connectionsStop = new CancellationTokenSource();
        try
        {
            await Task.WhenAll(listeners.Select(listener => AcceptAsync(listener, connectionsStop.Token, stopping))).ConfigureAwait(false);
        }
        finally
        {
            foreach (var listener in listeners)
            {
                listener.Dispose();
            }
        }

        // Idle connections end now; a request in flight finishes and its connection closes after it.
        await connectionsStop.CancelAsync().ConfigureAwait(false);
        Task[] pending;
        lock (_connections)
        {
            pending = [.. _connections];
        }

        await Task.WhenAll(pending).ConfigureAwait(false);
        RuntimeLog.Stopped(log);
        return FunctionHost.ExitSuccess;
    }

    private string Addresses() => string.Join(", ", endPoints.Select(e => string.Create(CultureInfo.InvariantCulture, $"http://{(e.Address.Equals(IPAddress.IPv6Any) || e.Address.Equals(IPAddress.Any) ? "*" : e.Address.ToString())}:{e.Port}/")));

    /// <summary>The bound, listening sockets, or <see langword="null"/> (logged) when one cannot be bound.</summary>
    private List<Socket>? Listen()
    {
        var listeners = new List<Socket>();
        foreach (var endPoint in endPoints)
        {
            var listener = new Socket(endPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
            try
            {
                if (endPoint.Address.Equals(IPAddress.IPv6Any))
                {
                    listener.DualMode = true;
                }

                listener.Bind(endPoint);
                listener.Listen(512);
                listeners.Add(listener);
            }
            catch (SocketException ex)
            {
                listener.Dispose();
                foreach (var bound in listeners)
                {
                    bound.Dispose();
                }

                RuntimeLog.CannotListen(log, Addresses(), ex.Message);
                return null;
            }
        }

        return listeners;
    }

    private async Task AcceptAsync(Socket listener, CancellationToken connectionsStop, CancellationToken stopping)
    {
        while (!stopping.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await listener.AcceptAsync(stopping).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (SocketException ex)
            {
                RuntimeLog.PlatformProblem(log, "accepting a connection failed: " + ex.Message);
                continue;
            }

            client.NoDelay = true;
            Track(Task.Run(() => new ServerConnection(client, HandleAsync).RunAsync(connectionsStop), CancellationToken.None));
        }
    }

    private void Track(Task connection)
    {
        lock (_connections)
        {
            _connections.Add(connection);
        }

        connection.ContinueWith(
            done =>
            {
                lock (_connections)
                {
                    _connections.Remove(done);
                }
            },
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }

    private Task HandleAsync(ServerContext context) => HandleAsync(context, handle, log);

    /// <summary>
    /// Runs <paramref name="handle"/> for one request: a request whose body breaks HTTP's framing is answered
    /// with its status (the connection then closes); any other failure is logged and drops the connection.
    /// </summary>
    internal static async Task HandleAsync(ServerContext context, Func<ServerContext, Task> handle, ILogger log)
    {
        try
        {
            await handle(context).ConfigureAwait(false);
        }
        catch (MalformedRequestException ex) when (!context.Response.HasStarted)
        {
            context.Response.SetHeader("Connection", "close");
            await context.Response.WriteAsync(ex.Status, System.Text.Encoding.UTF8.GetBytes(ex.Message), "text/plain").ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            // A dropped client or a bug in a handler of ours must not stop the server.
            RuntimeLog.RequestFailed(log, context.Request.Method, context.Request.Path, ex.Message);
            context.Response.Abort();
        }
    }
}
