using System.CommandLine;
using System.Globalization;
using System.Text;
using Microsoft.Extensions.Logging;
using Router.Runtime.Hosting;
using Router.Runtime.Http;
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
/// code is 1 (2 when the event file cannot be read).</item>
/// <item><c>routes</c>: the route table, with each route's handler and middleware chain.</item>
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

        var environment = options.GetEnvironmentVariable ?? Environment.GetEnvironmentVariable;
        var host = new Host(router, options, environment);
        if (args.Length == 0)
        {
            switch (PlatformDetector.Detect(environment))
            {
                // Each host behind its feature switch (HostFeatures): one turned off leaves its code out of the binary.
                case HostPlatform.AwsLambda:
                    return HostFeatures.AwsLambdaIsSupported
                        ? host.RunRuntimeApiAsync(RuntimeApiProtocol.AwsLambda(environment(PlatformDetector.LambdaRuntimeApi)!))
                        : host.Unsupported("AWS Lambda", HostFeatures.AwsLambda);
                case HostPlatform.TencentScf:
                    return HostFeatures.TencentScfIsSupported
                        ? host.RunRuntimeApiAsync(RuntimeApiProtocol.TencentScf(environment(PlatformDetector.ScfRuntimeApi)!, environment(PlatformDetector.ScfRuntimeApiPort)))
                        : host.Unsupported("Tencent SCF", HostFeatures.TencentScf);
                case HostPlatform.AlibabaFc:
                    return HostFeatures.AlibabaFcIsSupported
                        ? host.RunFcAsync(environment)
                        : host.Unsupported("Alibaba FC", HostFeatures.AlibabaFc);
            }
        }

        return host.RunCommandLineAsync(args);
    }

    /// <summary>One run: the router, its invoker, the streams and the once-only initialization.</summary>
    private sealed class Host
    {
        private static readonly byte[] s_newLine = "\n"u8.ToArray();

        private readonly IRouteDispatcher _router;
        private readonly FunctionHostOptions _options;
        private readonly TextWriter _output;
        private readonly TextWriter _error;
        private readonly FunctionInvoker _invoker;
        private readonly Initializer _initializer;
        private readonly HttpLimits _httpLimits;
        private readonly Func<string, string?> _environment;
        private readonly ILogger _log;

        public Host(IRouteDispatcher router, FunctionHostOptions options, Func<string, string?> environment)
        {
            _router = router;
            _options = options;
            _environment = environment;
            // Hosts write from concurrent requests; synchronized writers keep lines whole.
            _output = TextWriter.Synchronized(options.Output ?? Console.Out);
            _error = TextWriter.Synchronized(options.Error ?? Console.Error);
            // The user's factory, else the services', else one that writes as the platform's managed runtimes do.
            var loggerFactory = options.Invoker.LoggerFactory
                ?? options.Services?.GetService(typeof(ILoggerFactory)) as ILoggerFactory
                ?? FunctionLogging.CreateLoggerFactory(environment, options.Invoker.Log ?? _error);
            _log = loggerFactory.CreateLogger("Router.Runtime");
            var invokerOptions = new FunctionInvokerOptions
            {
                MaxEventBytes = options.Invoker.MaxEventBytes,
                MaxDepth = options.Invoker.MaxDepth,
                HttpBasePath = options.Invoker.HttpBasePath,
                MaxHttpHeaderBytes = options.Invoker.MaxHttpHeaderBytes,
                MaxHttpQueryBytes = options.Invoker.MaxHttpQueryBytes,
                IncludeExceptionDetails = options.Invoker.IncludeExceptionDetails,
                Log = options.Invoker.Log ?? _error,
                LoggerFactory = loggerFactory,
            };
            _invoker = new FunctionInvoker(router, options.Services, invokerOptions);
            _httpLimits = HttpLimits.From(invokerOptions);
            _initializer = new Initializer(options.Initialize);
        }

        public Task<int> Unsupported(string platform, string featureSwitch)
        {
            RuntimeLog.PlatformFault(_log, $"the environment names {platform}, but this function was published without its host ({featureSwitch} is false)");
            return Task.FromResult(ExitPlatformError);
        }

        public async Task<int> RunRuntimeApiAsync(RuntimeApiProtocol protocol)
        {
            using var shutdown = new ShutdownSignal(_options.ShutdownToken, _log);
            using var host = new RuntimeApiHost(protocol, _invoker, _initializer, _options, _log, _environment);
            return await host.RunAsync(shutdown.Token).ConfigureAwait(false);
        }

        public async Task<int> RunFcAsync(Func<string, string?> environment)
        {
            var portText = environment(PlatformDetector.FcCustomListenPort) is { Length: > 0 } custom ? custom
                : environment(PlatformDetector.FcServerPort) is { Length: > 0 } server ? server
                : null;
            var port = PlatformDetector.FcDefaultPort;
            if (portText is not null && (!int.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out port) || port is 0 or > 65535))
            {
                RuntimeLog.PlatformFault(_log, $"the FC listen port '{portText}' is not a port number");
                return ExitUsage;
            }

            RuntimeLog.FcStarting(_log);
            var fc = new FcEndpoint(_invoker, _initializer, new HttpEventEndpoint(_invoker, _httpLimits, platformHeaders: true), _output, _log);
            // FC reaches the function from outside the instance: listening on loopback only fails with FunctionNotStarted.
            return await ServeAsync([$"http://*:{port}/"], fc.HandleAsync).ConfigureAwait(false);
        }

        public Task<int> RunCommandLineAsync(string[] args)
        {
            var eventArgument = new Argument<string?>("event")
            {
                Arity = ArgumentArity.ZeroOrOne,
                Description = "The event: inline JSON, @path/to/event.json, or - (or nothing) to read standard input.",
            };
            var invoke = new Command("invoke", "Runs one event through the router and prints the body as JSON.") { eventArgument };
            invoke.SetAction((parseResult, cancellationToken) => InvokeAsync(parseResult.GetValue(eventArgument), cancellationToken));

            var routes = new Command("routes", "Prints the route table: each route, its handler and its middleware chain.");
            routes.SetAction(_ =>
            {
                WriteRoutes(_router, _output);
                return ExitSuccess;
            });

            var root = new RootCommand($"The serverless function {_router.GetType()}, run locally. With no command, it serves the platform its environment names (AWS Lambda, Tencent SCF or Alibaba FC).")
            {
                invoke,
                routes,
                Commands.ManifestCommand.Create(_router, _options, _output),
            };
            if (HostFeatures.ServeIsSupported)
            {
                AddServe(root);
            }

            // No termination handling from System.CommandLine: it would start the runtime's signal thread at
            // every start-up (`invoke` answers one event and exits; `serve` stops on its own ShutdownSignal).
            var configuration = new InvocationConfiguration { Output = _output, Error = _error, ProcessTerminationTimeout = null };
            // '@path' names an event file (as in `invoke @events/pay-makeOrder.json`), not a response file.
            var parser = new ParserConfiguration { ResponseFileTokenReplacer = null };
            // A command line that does not parse, or none at all, is a usage error (ExitUsage, 2), as the
            // docs promise, with the reason and the help on standard error; System.CommandLine would exit 1.
            var parseResult = root.Parse(args.Length == 0 ? ["--help"] : args, parser);
            if (args.Length == 0 || parseResult.Errors.Count > 0)
            {
                foreach (var error in parseResult.Errors)
                {
                    _error.WriteLine(error.Message);
                }

                root.Parse(parseResult.Errors.Count > 0 && parseResult.CommandResult.Command != root ? [.. CommandPath(parseResult), "--help"] : ["--help"], parser)
                    .Invoke(new InvocationConfiguration { Output = _error, Error = _error, ProcessTerminationTimeout = null });
                return Task.FromResult(ExitUsage);
            }

            return parseResult.InvokeAsync(configuration);
        }

        // The names from the root's first subcommand to the command the parse reached, for its help.
        private static string[] CommandPath(ParseResult parseResult)
        {
            var names = new List<string>();
            for (var result = parseResult.CommandResult; result.Parent is System.CommandLine.Parsing.CommandResult parent; result = parent)
            {
                names.Insert(0, result.Command.Name);
            }

            return [.. names];
        }

        private void AddServe(RootCommand root)
        {
            var portOption = new Option<int>("--port", "-p")
            {
                Description = $"The port to listen on (default {DefaultServePort}).",
                DefaultValueFactory = _ => DefaultServePort,
            };
            portOption.Validators.Add(result =>
            {
                if (result.GetValueOrDefault<int>() is < 1 or > 65535)
                {
                    result.AddError("--port must be between 1 and 65535.");
                }
            });
            var anyAddressOption = new Option<bool>("--any-address")
            {
                Description = "Listen on every network interface instead of loopback only.",
            };
            var serve = new Command("serve", "Serves events over HTTP: POST /invoke with an event, POST /{route} with its fields, or ?$url=route.")
            {
                portOption,
                anyAddressOption,
            };
            serve.SetAction((parseResult, _) => ServeLocalAsync(parseResult.GetValue(portOption), parseResult.GetValue(anyAddressOption)));
            root.Subcommands.Add(serve);
        }

        private async Task<int> ServeLocalAsync(int port, bool anyAddress)
        {
            if (await _initializer.EnsureAsync(_options.ShutdownToken).ConfigureAwait(false) is { } failure)
            {
                await _error.WriteLineAsync($"{ErrorTypes.InitializationError}: {failure}").ConfigureAwait(false);
                return ExitInitializationFailed;
            }

            var endpoint = new HttpEventEndpoint(_invoker, _httpLimits, platformHeaders: false);
            // HttpListener matches the Host header against the prefix, so loopback takes both of its names.
            string[] prefixes = anyAddress ? [$"http://*:{port}/"] : [$"http://localhost:{port}/", $"http://127.0.0.1:{port}/"];
            return await ServeAsync(prefixes, context => endpoint.HandleAsync(context, InvocationInfo.Local(NewLocalRequestId()), CancellationToken.None)).ConfigureAwait(false);
        }

        private async Task<int> ServeAsync(string[] prefixes, Func<System.Net.HttpListenerContext, Task> handle)
        {
            using var shutdown = new ShutdownSignal(_options.ShutdownToken, _log);
            var server = new HttpFunctionServer(prefixes, handle, _log);
            return await server.RunAsync(shutdown.Token).ConfigureAwait(false);
        }

        private async Task<int> InvokeAsync(string? eventText, CancellationToken cancellationToken)
        {
            byte[] eventJson;
            try
            {
                eventJson = ReadEvent(eventText);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                await _error.WriteLineAsync($"Cannot read the event: {ex.Message}").ConfigureAwait(false);
                return ExitUsage;
            }

            if (await _initializer.EnsureAsync(cancellationToken).ConfigureAwait(false) is { } failure)
            {
                await _error.WriteLineAsync($"{ErrorTypes.InitializationError}: {failure}").ConfigureAwait(false);
                return ExitInitializationFailed;
            }

            using var result = await _invoker.InvokeAsync(eventJson, InvocationInfo.Local(NewLocalRequestId()), cancellationToken).ConfigureAwait(false);
            if (!result.IsSuccess)
            {
                await _error.WriteLineAsync($"{result.ErrorType}: {result.ErrorMessage}").ConfigureAwait(false);
            }

            // An HTTP event's answer is the platform's response object, printed even for an error status,
            // exactly as the host would return it.
            if (result.IsSuccess || result.HttpStatusCode is not null)
            {
                if (_options.Output is null)
                {
                    // Standard output itself: the body's bytes go out as they are, with no string made of them.
                    // Written synchronously: a console stream's async writes are queued to the thread pool,
                    // whose first worker thread costs a cold start more than the write itself.
                    _output.Flush();
                    using var stdout = Console.OpenStandardOutput();
                    stdout.Write(result.Body.Span);
                    stdout.Write(s_newLine);
                    stdout.Flush();
                }
                else
                {
                    await _output.WriteLineAsync(Encoding.UTF8.GetString(result.Body.Span)).ConfigureAwait(false);
                    await _output.FlushAsync(cancellationToken).ConfigureAwait(false);
                }
            }

            return result.IsSuccess ? ExitSuccess : ExitInvocationFailed;
        }

        // Every read is synchronous: on Unix an async file or console read is a thread-pool work item, and
        // starting the pool's first worker costs more than reading one event (docs/performance.md, "Start-up").
        private byte[] ReadEvent(string? eventText)
        {
            if (eventText is null or "-")
            {
                using var input = _options.OpenInput?.Invoke() ?? Console.OpenStandardInput();
                using var buffer = new MemoryStream();
                input.CopyTo(buffer);
                return buffer.ToArray();
            }

            if (eventText.StartsWith('@'))
            {
                return File.ReadAllBytes(eventText[1..]);
            }

            return Encoding.UTF8.GetBytes(eventText);
        }

        // A local run gets a request id of its own, as a platform invocation would.
        private static string NewLocalRequestId() => "local-" + Guid.NewGuid().ToString("N");
    }

    private static void WriteRoutes(IRouteDispatcher router, TextWriter output)
    {
        var table = router.Routes;
        static string Methods(RouteDescriptor route) => route.Methods.Count == 0 ? "any" : string.Join(",", route.Methods);
        var routeWidth = Math.Max("ROUTE".Length, table.Count == 0 ? 0 : table.Max(r => r.Path.Length));
        var methodsWidth = Math.Max("METHODS".Length, table.Count == 0 ? 0 : table.Max(r => Methods(r).Length));
        var handlerWidth = Math.Max("HANDLER".Length, table.Count == 0 ? 0 : table.Max(r => r.Handler.Length));
        output.WriteLine($"{"ROUTE".PadRight(routeWidth)}  {"METHODS".PadRight(methodsWidth)}  {"HANDLER".PadRight(handlerWidth)}  MIDDLEWARE (outermost first)");
        foreach (var route in table)
        {
            var chain = route.Middleware.Count == 0 ? "-" : string.Join(" -> ", route.Middleware);
            output.WriteLine($"{route.Path.PadRight(routeWidth)}  {Methods(route).PadRight(methodsWidth)}  {route.Handler.PadRight(handlerWidth)}  {chain}");
        }

        output.WriteLine($"{table.Count} route(s)");
    }
}
