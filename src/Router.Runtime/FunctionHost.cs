using System.CommandLine;
using System.Text;

namespace Router.Runtime;

/// <summary>
/// The entry point of a function: <c>static Task&lt;int&gt; Main(string[] args) =&gt; FunctionHost.RunAsync(new ShopRouter(), args);</c>
/// </summary>
/// <remarks>
/// Local commands:
/// <list type="bullet">
/// <item><c>invoke [EVENT]</c>: EVENT is inline JSON, <c>@path/to/event.json</c>, or <c>-</c>/absent for
/// standard input. The body is written to standard output as JSON (<c>null</c> when none was set) and
/// the exit code is 0; an error is written to standard error as <c>ErrorType: message</c> and the exit
/// code is 1 (2 when the event file cannot be read).</item>
/// <item><c>routes</c>: the route table, with each route's handler and middleware chain.</item>
/// </list>
/// </remarks>
public static class FunctionHost
{
    /// <summary>Exit code of a successful command.</summary>
    public const int ExitSuccess = 0;

    /// <summary>Exit code when the invocation failed (the error type is on standard error).</summary>
    public const int ExitInvocationFailed = 1;

    /// <summary>Exit code when the event could not be read.</summary>
    public const int ExitUsage = 2;

    /// <summary>Runs the function with the command line <paramref name="args"/>.</summary>
    /// <returns>The process exit code.</returns>
    public static Task<int> RunAsync(IRouteDispatcher router, string[] args) => RunAsync(router, args, new FunctionHostOptions());

    /// <summary>Runs the function with the command line <paramref name="args"/> and the given options.</summary>
    /// <returns>The process exit code.</returns>
    public static Task<int> RunAsync(IRouteDispatcher router, string[] args, FunctionHostOptions options)
    {
        ArgumentNullException.ThrowIfNull(router);
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(options);

        var output = options.Output ?? Console.Out;
        var error = options.Error ?? Console.Error;
        var invokerOptions = options.Invoker;
        invokerOptions.Log ??= error;
        var invoker = new FunctionInvoker(router, options.Services, invokerOptions);

        var eventArgument = new Argument<string?>("event")
        {
            Arity = ArgumentArity.ZeroOrOne,
            Description = "The event: inline JSON, @path/to/event.json, or - (or nothing) to read standard input.",
        };
        var invoke = new Command("invoke", "Runs one event through the router and prints the body as JSON.") { eventArgument };
        invoke.SetAction((parseResult, cancellationToken) =>
            InvokeAsync(invoker, parseResult.GetValue(eventArgument), options, output, error, cancellationToken));

        var routes = new Command("routes", "Prints the route table: each route, its handler and its middleware chain.");
        routes.SetAction(_ =>
        {
            WriteRoutes(router, output);
            return ExitSuccess;
        });

        var root = new RootCommand($"The serverless function {router.GetType()}, run locally.") { invoke, routes };
        var configuration = new InvocationConfiguration { Output = output, Error = error };
        // '@path' names an event file (as in `invoke @events/pay-makeOrder.json`), not a response file.
        var parser = new ParserConfiguration { ResponseFileTokenReplacer = null };
        return root.Parse(args, parser).InvokeAsync(configuration);
    }

    private static async Task<int> InvokeAsync(
        FunctionInvoker invoker, string? eventText, FunctionHostOptions options, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        byte[] eventJson;
        try
        {
            eventJson = await ReadEventAsync(eventText, options, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            await error.WriteLineAsync($"Cannot read the event: {ex.Message}").ConfigureAwait(false);
            return ExitUsage;
        }

        // A local run gets a request id of its own, as a platform invocation would.
        var requestId = "local-" + Guid.NewGuid().ToString("N");
        var result = await invoker.InvokeAsync(eventJson, requestId, cancellationToken).ConfigureAwait(false);
        if (!result.IsSuccess)
        {
            await error.WriteLineAsync($"{result.ErrorType}: {result.ErrorMessage}").ConfigureAwait(false);
            return ExitInvocationFailed;
        }

        await output.WriteLineAsync(Encoding.UTF8.GetString(result.Body.Span)).ConfigureAwait(false);
        await output.FlushAsync(cancellationToken).ConfigureAwait(false);
        return ExitSuccess;
    }

    private static async Task<byte[]> ReadEventAsync(string? eventText, FunctionHostOptions options, CancellationToken cancellationToken)
    {
        if (eventText is null or "-")
        {
            using var input = options.OpenInput?.Invoke() ?? Console.OpenStandardInput();
            using var buffer = new MemoryStream();
            await input.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
            return buffer.ToArray();
        }

        if (eventText.StartsWith('@'))
        {
            return await File.ReadAllBytesAsync(eventText[1..], cancellationToken).ConfigureAwait(false);
        }

        return Encoding.UTF8.GetBytes(eventText);
    }

    private static void WriteRoutes(IRouteDispatcher router, TextWriter output)
    {
        var table = router.Routes;
        var routeWidth = Math.Max("ROUTE".Length, table.Count == 0 ? 0 : table.Max(r => r.Path.Length));
        var handlerWidth = Math.Max("HANDLER".Length, table.Count == 0 ? 0 : table.Max(r => r.Handler.Length));
        output.WriteLine($"{"ROUTE".PadRight(routeWidth)}  {"HANDLER".PadRight(handlerWidth)}  MIDDLEWARE (outermost first)");
        foreach (var route in table)
        {
            var chain = route.Middleware.Count == 0 ? "-" : string.Join(" -> ", route.Middleware);
            output.WriteLine($"{route.Path.PadRight(routeWidth)}  {route.Handler.PadRight(handlerWidth)}  {chain}");
        }

        output.WriteLine($"{table.Count} route(s)");
    }
}
