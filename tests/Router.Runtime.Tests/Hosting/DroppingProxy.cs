using System.Net;
using System.Net.Sockets;

namespace Router.Runtime.Tests.Hosting;

/// <summary>
/// A TCP proxy in front of a fake platform that resets its first connections without a byte of answer
/// (a platform endpoint dropping the connection), then forwards every later connection unchanged.
/// </summary>
internal sealed class DroppingProxy : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly int _upstreamPort;
    private readonly int _dropFirst;
    private readonly Task _loop;
    private int _connections;

    public DroppingProxy(int upstreamPort, int dropFirst)
    {
        _upstreamPort = upstreamPort;
        _dropFirst = dropFirst;
        _listener.Start();
        _loop = Task.Run(AcceptLoopAsync);
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public int Dropped => Math.Min(Volatile.Read(ref _connections), _dropFirst);

    private async Task AcceptLoopAsync()
    {
        while (true)
        {
            Socket client;
            try
            {
                client = await _listener.AcceptSocketAsync(_stop.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            if (Interlocked.Increment(ref _connections) <= _dropFirst)
            {
                client.LingerState = new LingerOption(true, 0); // close with a reset
                client.Dispose();
                continue;
            }

            _ = Task.Run(() => ForwardAsync(client));
        }
    }

    private async Task ForwardAsync(Socket client)
    {
        using (client)
        using (var upstream = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp))
        {
            try
            {
                await upstream.ConnectAsync(IPAddress.Loopback, _upstreamPort, _stop.Token);
                await using var clientStream = new NetworkStream(client);
                await using var upstreamStream = new NetworkStream(upstream);
                await Task.WhenAny(
                    clientStream.CopyToAsync(upstreamStream, _stop.Token),
                    upstreamStream.CopyToAsync(clientStream, _stop.Token));
            }
            catch (Exception ex) when (ex is IOException or SocketException or OperationCanceledException)
            {
                // Either side went away; the connection ends here as it would through a real network.
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _loop;
    }
}
