using Microsoft.Extensions.Logging;
using Router.Runtime.Logging;

namespace Router.Runtime.Hosting;

/// <summary>
/// What every host and command of one run shares: the router, its invoker, the once-only initialization,
/// the streams, the runtime's logger and the environment, all made once from <see cref="FunctionHostOptions"/>.
/// </summary>
internal sealed class HostContext
{
    public HostContext(IRouteDispatcher router, FunctionHostOptions options)
    {
        Router = router;
        Options = options;
        Environment = options.GetEnvironmentVariable ?? System.Environment.GetEnvironmentVariable;
        // Hosts write from concurrent requests; synchronized writers keep lines whole.
        Output = TextWriter.Synchronized(options.Output ?? Console.Out);
        Error = TextWriter.Synchronized(options.Error ?? Console.Error);
        var log = options.Invoker.Log ?? Error;
        // The user's factory, else the services', else one that writes as the platform's managed runtimes do.
        var loggerFactory = options.Invoker.LoggerFactory
            ?? options.Services?.GetService(typeof(ILoggerFactory)) as ILoggerFactory
            ?? FunctionLogging.CreateLoggerFactory(Environment, log);
        Log = loggerFactory.CreateLogger("Router.Runtime");
        Invoker = new FunctionInvoker(router, options.Services, options.Invoker.WithLogging(log, loggerFactory));
        Initializer = new Initializer(options.Initialize);
    }

    public IRouteDispatcher Router { get; }

    public FunctionHostOptions Options { get; }

    /// <summary>Reads an environment variable (<see cref="FunctionHostOptions.GetEnvironmentVariable"/>, or the process's).</summary>
    public Func<string, string?> Environment { get; }

    /// <summary>Where bodies, the route table and FC's invocation lines go.</summary>
    public TextWriter Output { get; }

    /// <summary>Where command-line errors go.</summary>
    public TextWriter Error { get; }

    /// <summary>The runtime's own log.</summary>
    public ILogger Log { get; }

    public FunctionInvoker Invoker { get; }

    public Initializer Initializer { get; }

    /// <summary>
    /// The function's name where a command needs one and none is given (<c>manifest</c>'s function, <c>openapi</c>'s
    /// title): the router's namespace, which is the project's name in a function from the template or the shop
    /// (ShopFunction.ShopRouter: ShopFunction); no reflection over assemblies.
    /// </summary>
    public string DefaultFunctionName => Router.GetType().Namespace ?? "function";

    /// <summary>
    /// Runs <see cref="FunctionHostOptions.Flush"/>, if there is one, for at most <see cref="FlushTimeout"/>; a
    /// failure is logged, never thrown: telemetry that cannot be exported must not stop the function.
    /// </summary>
    public ValueTask FlushAsync() => Options.Flush is { } flush ? FlushAsync(flush) : default;

    /// <summary>How long <see cref="FlushAsync()"/> waits for the flush: 2 seconds.</summary>
    public static readonly TimeSpan FlushTimeout = TimeSpan.FromSeconds(2);

    private async ValueTask FlushAsync(Func<CancellationToken, ValueTask> flush)
    {
        using var timeout = new CancellationTokenSource(FlushTimeout);
        try
        {
            await flush(timeout.Token).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            RuntimeLog.FlushFailed(Log, ex.Message);
        }
    }

    /// <summary>A local run's request id, as a platform invocation would have one.</summary>
    public static string NewLocalRequestId() => "local-" + Guid.NewGuid().ToString("N");

    /// <summary>Serves HTTP on <paramref name="endPoints"/> until SIGTERM (or <see cref="FunctionHostOptions.ShutdownToken"/>).</summary>
    public async Task<int> ServeAsync(IReadOnlyList<System.Net.IPEndPoint> endPoints, Func<Server.ServerContext, Task> handle)
    {
        using var shutdown = new ShutdownSignal(Options.ShutdownToken, Log);
        var server = new HttpFunctionServer(endPoints, handle, Log);
        return await server.RunAsync(shutdown.Token).ConfigureAwait(false);
    }
}
