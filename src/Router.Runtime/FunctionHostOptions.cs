namespace Router.Runtime;

/// <summary>What <see cref="FunctionHost"/> runs with: services, initialization, invoker limits, streams and the environment.</summary>
public sealed class FunctionHostOptions
{
    /// <summary>
    /// Services for handler and middleware constructors and parameters, or <see langword="null"/>. With
    /// scopes (<c>IServiceScopeFactory</c>, as Microsoft.Extensions.DependencyInjection has), each invocation
    /// gets its own scope, disposed after it; its <c>ILoggerFactory</c>, when it has one, writes the host's
    /// log lines too (docs/guide.md, "Services and lifetimes"). The host does not dispose it.
    /// </summary>
    public IServiceProvider? Services { get; set; }

    /// <summary>
    /// Work to do once before the first event, such as opening a database or running migrations.
    /// It runs at start on AWS Lambda and Tencent SCF (a failure is posted to Lambda's
    /// <c>/runtime/init/error</c>, or ends an SCF instance before it reports ready), at
    /// <c>POST /initialize</c> or before the first event on Alibaba FC (a failure answers 404 with
    /// <c>x-fc-status: 404</c>), and before <c>invoke</c> and <c>serve</c> locally. A failure is the
    /// <see cref="ErrorTypes.InitializationError"/> error and no event is served.
    /// </summary>
    public Func<CancellationToken, ValueTask>? Initialize { get; set; }

    /// <summary>
    /// Work to finish before the platform may freeze the instance, such as flushing a telemetry exporter
    /// (an OpenTelemetry provider's <c>ForceFlush</c>): a frozen instance exports nothing, and may be stopped
    /// without being thawed. It runs on AWS Lambda and Tencent SCF after each result is posted and before the
    /// next event is asked for; on Alibaba FC after each answer is written and at FC's <c>pre-freeze</c> and
    /// <c>pre-stop</c> hooks; after <c>invoke</c>'s invocation; and when a host stops. It is given a token
    /// cancelled after 2 seconds; a failure is logged and the function goes on.
    /// </summary>
    public Func<CancellationToken, ValueTask>? Flush { get; set; }

    /// <summary>Limits and logging of the <see cref="FunctionInvoker"/> the host creates. Not modified by the host.</summary>
    public FunctionInvokerOptions Invoker { get; set; } = new();

    /// <summary>Where bodies, the route table and FC's <c>FC Invoke Start/End</c> lines go. Defaults to standard output.</summary>
    public TextWriter? Output { get; set; }

    /// <summary>
    /// Where <c>invoke</c>'s error line goes, and the log lines when neither <see cref="FunctionInvokerOptions.LoggerFactory"/>
    /// nor the services give a logger factory. Defaults to standard error, which every platform collects.
    /// </summary>
    public TextWriter? Error { get; set; }

    /// <summary>Opens the stream an event is read from for <c>invoke</c> and <c>invoke -</c>. Defaults to standard input.</summary>
    public Func<Stream>? OpenInput { get; set; }

    /// <summary>
    /// Reads an environment variable; the platform is detected from <c>AWS_LAMBDA_RUNTIME_API</c>,
    /// <c>SCF_RUNTIME_API</c>/<c>SCF_RUNTIME_API_PORT</c> and <c>FC_*</c>. Defaults to the process environment.
    /// </summary>
    public Func<string, string?>? GetEnvironmentVariable { get; set; }

    /// <summary>
    /// Stops a platform host or <c>serve</c> the way SIGTERM does: the invocation in flight finishes and is
    /// delivered, then <see cref="FunctionHost.RunAsync(IRouteDispatcher, string[], FunctionHostOptions)"/> returns 0.
    /// </summary>
    public CancellationToken ShutdownToken { get; set; }

    /// <summary>
    /// How many times a refused or dropped connection to the Lambda or SCF runtime API is retried before
    /// the process exits with <see cref="FunctionHost.ExitPlatformError"/>. Defaults to 5.
    /// </summary>
    public int PlatformRetryCount { get; set; } = 5;

    /// <summary>
    /// The environment variables the function reads, declared once: <c>manifest aws|fc|scf</c> writes each
    /// into the platform's deployment description (secrets as values taken at deploy time, never written).
    /// Empty by default.
    /// </summary>
    public IReadOnlyList<FunctionSetting> Settings { get; set; } = [];

    /// <summary>The wait before the first retry; it doubles on each retry. Defaults to 100 ms (so 3.1 s over 5 retries).</summary>
    public TimeSpan PlatformRetryDelay { get; set; } = TimeSpan.FromMilliseconds(100);
}
