using System.Net.Sockets;
using System.Text.Json;
using ShopFunction;

namespace Router.Runtime.Tests.Hosting;

/// <summary><see cref="FunctionHost.RunAsync(IRouteDispatcher, string[], FunctionHostOptions)"/> running in this process with a given environment.</summary>
internal sealed class InProcessHost : IAsyncDisposable
{
    private readonly CancellationTokenSource _shutdown = new();

    private InProcessHost(IRouteDispatcher router, string[] args, IReadOnlyDictionary<string, string> environment, Action<FunctionHostOptions>? configure)
    {
        string? Variable(string name) => environment.TryGetValue(name, out var value) ? value : null;
        var services = Events.NewShopServices(Error, Variable);
        var options = new FunctionHostOptions
        {
            Services = services,
            Initialize = services.InitializeShopAsync,
            Output = Output,
            Error = Error,
            GetEnvironmentVariable = Variable,
            ShutdownToken = _shutdown.Token,
            PlatformRetryDelay = TimeSpan.FromMilliseconds(10),
        };
        configure?.Invoke(options);
        Exit = Task.Run(() => FunctionHost.RunAsync(router, args, options));
    }

    public StringWriter Output { get; } = new();

    public StringWriter Error { get; } = new();

    public Task<int> Exit { get; }

    public static InProcessHost Start(IReadOnlyDictionary<string, string> environment, Action<FunctionHostOptions>? configure = null, IRouteDispatcher? router = null)
        => new(router ?? new ShopRouter(), [], environment, configure);

    public static InProcessHost Serve(int port, Action<FunctionHostOptions>? configure = null, IRouteDispatcher? router = null)
        => new(router ?? new ShopRouter(), ["serve", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture)], new Dictionary<string, string>(), configure);

    /// <summary>Runs a command line (<c>invoke ...</c>) with no platform in the environment.</summary>
    public static InProcessHost Command(string[] args, Action<FunctionHostOptions>? configure = null, IRouteDispatcher? router = null)
        => new(router ?? new ShopRouter(), args, new Dictionary<string, string>(), configure);

    /// <summary>Signals shutdown, as SIGTERM does, and returns the exit code.</summary>
    public async Task<int> StopAsync()
    {
        await _shutdown.CancelAsync();
        return await WaitAsync();
    }

    public async Task<int> WaitAsync() => await Exit.WaitAsync(TimeSpan.FromSeconds(30));

    /// <summary>Waits until something accepts connections on the port (or the host has exited).</summary>
    public Task WaitForPortAsync(int port) => WaitForListenerAsync(port, () => Exit.IsCompleted);

    /// <summary>Polls the loopback port for up to 10 s, as a platform's health check does, until it accepts or <paramref name="gaveUp"/>.</summary>
    public static async Task WaitForListenerAsync(int port, Func<bool>? gaveUp = null)
    {
        for (var attempt = 0; attempt < 400 && gaveUp?.Invoke() != true; attempt++)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync("127.0.0.1", port);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(25);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _shutdown.CancelAsync();
        await Exit.WaitAsync(TimeSpan.FromSeconds(30));
        _shutdown.Dispose();
    }

    public static JsonElement Json(string text) => JsonDocument.Parse(text).RootElement.Clone();
}
