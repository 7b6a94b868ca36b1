using Router.Runtime.Commands;
using Router.Runtime.Hosting;
using Router.Runtime.Logging;

namespace Router.Runtime;

/// <summary>
/// The entry point of a function: <c>static Task&lt;int&gt; Main(string[] args) =&gt; FunctionHost.RunAsync(new ShopRouter(), args);</c>
/// One binary serves every platform; with no arguments it reads the environment to find where it runs.
/// </summary>
/// <remarks>
/// With no arguments:
/// <list type="bullet">
/// <item><c>AWS_LAMBDA_RUNTIME_API</c> set: the AWS Lambda custom runtime loop (next, response, error, init error),
/// with the deadline as the invocation's <see cref="CancellationToken"/> and <c>_X_AMZN_TRACE_ID</c> set per event.</item>
/// <item><c>SCF_RUNTIME_API</c> set: the Tencent SCF custom runtime (<c>init/ready</c>, then its loop).</item>
/// <item><c>FC_FUNCTION_NAME</c>, <c>FC_CUSTOM_LISTEN_PORT</c> or <c>FC_SERVER_PORT</c> set: the Alibaba FC custom
/// runtime, an HTTP server on <c>0.0.0.0</c> at that port (default 9000).</item>
/// </list>
/// Local commands:
/// <list type="bullet">
/// <item><c>invoke [EVENT]</c>: EVENT is inline JSON, <c>@path/to/event.json</c>, or <c>-</c>/absent for
/// standard input. The body is written to standard output as JSON (<c>null</c> when none was set) and
/// the exit code is 0; an error is written to standard error as <c>ErrorType: message</c> and the exit
/// code is 1 (2 when the event file cannot be read, and for a command line that does not parse, or none).</item>
/// <item><c>routes</c>: the route table, with each route's handler and middleware chain.</item>
/// <item><c>manifest aws|fc|scf [--out DIR]</c>: the platform's deployment description from the route table.</item>
/// <item><c>serve [--port N] [--any-address]</c>: a local HTTP server: <c>POST /invoke</c> with an event,
/// <c>POST /{route}</c> with the event's fields, or the route in <c>?$url=</c>.</item>
/// </list>
/// SIGTERM (or SIGINT) stops a platform host or <c>serve</c> after the invocation in flight is delivered, with exit code 0.
/// </remarks>
public static class FunctionHost
{
    /// <summary>Exit code of a successful command, or of a host stopped by SIGTERM.</summary>
    public const int ExitSuccess = 0;

    /// <summary>Exit code when the invocation failed (the error type is on standard error).</summary>
    public const int ExitInvocationFailed = 1;

    /// <summary>Exit code when the command line is wrong or the event could not be read.</summary>
    public const int ExitUsage = 2;

    /// <summary>
    /// Exit code when the platform cannot be served: its runtime API stayed unreachable after the retries,
    /// answered 500, or the port cannot be bound. The log line on standard error says which.
    /// </summary>
    public const int ExitPlatformError = 3;

    /// <summary>Exit code when <see cref="FunctionHostOptions.Initialize"/> threw.</summary>
    public const int ExitInitializationFailed = 4;

    /// <summary>The port <c>serve</c> listens on by default, the same as FC's custom runtime.</summary>
    public const int DefaultServePort = 9000;

    /// <summary>Runs the function with the command line <paramref name="args"/>.</summary>
    /// <returns>The process exit code.</returns>
    public static Task<int> RunAsync(IRouteDispatcher router, string[] args) => RunAsync(router, args, new FunctionHostOptions());

    /// <summary>Runs the function with the command line <paramref name="args"/> and the given options.</summary>
    /// <returns>The process exit code: one of the <c>Exit*</c> constants.</returns>
    public static Task<int> RunAsync(IRouteDispatcher router, string[] args, FunctionHostOptions options)
    {
        ArgumentNullException.ThrowIfNull(router);
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(options);

        var host = new HostContext(router, options);
        if (args.Length == 0)
        {
            var environment = host.Environment;
            switch (PlatformDetector.Detect(environment))
            {
                // Each host behind its feature switch (HostFeatures): one turned off leaves its code out of the binary.
                case HostPlatform.AwsLambda:
                    return HostFeatures.AwsLambdaIsSupported
                        ? RunRuntimeApiAsync(host, RuntimeApiProtocol.AwsLambda(environment(PlatformVariables.LambdaRuntimeApi)!))
                        : Unsupported(host, "AWS Lambda", HostFeatures.AwsLambda);
                case HostPlatform.TencentScf:
                    return HostFeatures.TencentScfIsSupported
                        ? RunRuntimeApiAsync(host, RuntimeApiProtocol.TencentScf(environment(PlatformVariables.ScfRuntimeApi)!, environment(PlatformVariables.ScfRuntimeApiPort)))
                        : Unsupported(host, "Tencent SCF", HostFeatures.TencentScf);
                case HostPlatform.AlibabaFc:
                    return HostFeatures.AlibabaFcIsSupported
                        ? RunFcAsync(host)
                        : Unsupported(host, "Alibaba FC", HostFeatures.AlibabaFc);
            }
        }

        return CommandLine.RunAsync(host, args);
    }

    private static Task<int> Unsupported(HostContext host, string platform, string featureSwitch)
    {
        RuntimeLog.PlatformFault(host.Log, $"the environment names {platform}, but this function was published without its host ({featureSwitch} is false)");
        return Task.FromResult(ExitPlatformError);
    }

    private static async Task<int> RunRuntimeApiAsync(HostContext host, RuntimeApiProtocol protocol)
    {
        using var shutdown = new ShutdownSignal(host.Options.ShutdownToken, host.Log);
        using var client = new RuntimeApiClient(protocol, host.Options, host.Log, host.Environment);
        var exit = await new RuntimeApiHost(protocol, client, host.Invoker, host.Initializer, host.FlushAsync, host.Log).RunAsync(shutdown.Token).ConfigureAwait(false);
        await host.FlushAsync().ConfigureAwait(false);
        return exit;
    }

    private static async Task<int> RunFcAsync(HostContext host)
    {
        if (!PlatformVariables.TryReadFcPort(host.Environment, out var port, out var unreadable))
        {
            RuntimeLog.PlatformFault(host.Log, $"the FC listen port '{unreadable}' is not a port number");
            return ExitUsage;
        }

        RuntimeLog.FcStarting(host.Log);
        var fc = new FcEndpoint(host.Invoker, host.Initializer, new HttpEventEndpoint(host.Invoker, host.Invoker.HttpLimits, platformHeaders: true, host.FlushAsync), host.FlushAsync, host.Output, host.Log);
        // FC reaches the function from outside the instance: listening on loopback only fails with FunctionNotStarted.
        var exit = await host.ServeAsync(HttpFunctionServer.AnyAddress(port), fc.HandleAsync).ConfigureAwait(false);
        await host.FlushAsync().ConfigureAwait(false);
        return exit;
    }
}
