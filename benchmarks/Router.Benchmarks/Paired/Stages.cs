using System.Diagnostics;
using System.Text.Json;
using System.Text.Unicode;
using Router.Benchmarks.Article;
using Router.Runtime;
using Router.Runtime.Events;
using Router.Runtime.Logging;
using Router.Runtime.Output;

namespace Router.Benchmarks.Paired;

/// <summary>
/// Where an invocation's time goes: each stage of <see cref="FunctionInvoker.InvokeAsync(ReadOnlyMemory{byte})"/>
/// timed alone on one event, the median of rounds, in one process (<c>--stages</c>).
/// </summary>
public static class Stages
{
    /// <summary>
    /// Runs whole invocations of <paramref name="route"/> for <paramref name="seconds"/>, for a profiler to sample
    /// (<c>--profile ROUTE SECONDS</c>); <c>http:ROUTE</c> sends the event as an API Gateway HTTP API request.
    /// With <paramref name="listened"/>, a listener samples every invocation's activity and takes every
    /// measurement, as an OpenTelemetry SDK's would before its own processing (docs/hosting.md, "Traces and metrics").
    /// </summary>
    public static int Loop(string route, double seconds, bool listened = false)
    {
        if (route.StartsWith("contract:", StringComparison.Ordinal))
        {
            return ContractLoop(route["contract:".Length..], seconds);
        }

        if (route.StartsWith("types:", StringComparison.Ordinal))
        {
            return ContractTypesLoop(route["types:".Length..], seconds);
        }

        using var listeners = listened ? new TelemetryListeners() : null;
        var eventJson = route.StartsWith("http:", StringComparison.Ordinal) ? ArticleEvents.AsHttpApiEvent(route[5..]) : ArticleEvents.For(route);
        var invoker = new FunctionInvoker(new ArticleRouter());
        using (var first = invoker.InvokeAsync(eventJson).AsTask().GetAwaiter().GetResult())
        {
            // What is timed is this answer: a failing event would time the error path.
            Console.WriteLine($"first answer: {(first.HttpStatusCode?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? (first.IsSuccess ? "success" : first.ErrorType))}");
        }

        return Time(new InvokerCall(invoker, eventJson), seconds);
    }

    /// <summary>The same loop over the contract limit (<c>--profile contract:ROUTE</c>), to count what it costs beside ours.</summary>
    private static int ContractLoop(string route, double seconds)
    {
        var eventJson = ArticleEvents.For(route);
        var contract = new Variants.ContractFunction();
        Console.WriteLine($"first answer: {contract.Invoke(eventJson, "contract").ErrorType ?? "success"}");
        return Time(new ContractCall(contract, eventJson), seconds);
    }

    /// <summary>The same loop over the contract limit through the public types (<c>--profile types:ROUTE</c>).</summary>
    private static int ContractTypesLoop(string route, double seconds)
    {
        var eventJson = ArticleEvents.For(route);
        var contract = new Variants.ContractTypesFunction();
        using (var first = contract.Invoke(eventJson, "types"))
        {
            Console.WriteLine($"first answer: {first.ErrorType ?? "success"}");
        }

        return Time(new ContractTypesCall(contract, eventJson), seconds);
    }

    /// <summary>Calls <paramref name="call"/> in batches of 1,000 for <paramref name="seconds"/> and prints the count, time and bytes per call.</summary>
    /// <remarks>A struct type argument, so each loop is compiled for its call: no delegate call is counted with it.</remarks>
    private static int Time<TCall>(TCall call, double seconds)
        where TCall : struct, IProfiledCall
    {
        var start = Stopwatch.GetTimestamp();
        var allocated = GC.GetAllocatedBytesForCurrentThread();
        long count = 0;
        while (Stopwatch.GetElapsedTime(start).TotalSeconds < seconds)
        {
            for (var i = 0; i < 1_000; i++)
            {
                call.Invoke();
            }

            count += 1_000;
        }

        var bytes = (GC.GetAllocatedBytesForCurrentThread() - allocated) / (double)count;
        Console.WriteLine($"{count} invocations, {Stopwatch.GetElapsedTime(start).TotalMilliseconds * 1e6 / count:F1} ns each, {bytes:F0} B allocated each");
        return 0;
    }

    private interface IProfiledCall
    {
        void Invoke();
    }

    private readonly struct InvokerCall(FunctionInvoker invoker, byte[] eventJson) : IProfiledCall
    {
        public void Invoke() => VariantCheck.Complete(invoker.InvokeAsync(eventJson));
    }

    private readonly struct ContractCall(Variants.ContractFunction contract, byte[] eventJson) : IProfiledCall
    {
        public void Invoke() => contract.Invoke(eventJson, "contract");
    }

    private readonly struct ContractTypesCall(Variants.ContractTypesFunction contract, byte[] eventJson) : IProfiledCall
    {
        public void Invoke() => contract.Invoke(eventJson, "types").Dispose();
    }

    public static int Run(string route)
    {
        var eventJson = ArticleEvents.For(route);
        var router = new ArticleRouter();
        var invoker = new FunctionInvoker(router);
        var routes = RouteNames.For(ArticleRouter.Routes);
        var invocation = InvocationInfo.Local();
        var body = new Reply(0, "login success");
        var typeInfo = ArticleJson.Default.Reply;
        var local = new AsyncLocal<InvocationInfo?>();

        var stages = new (string Name, Action Action)[]
        {
            ("whole invocation", () => VariantCheck.Complete(invoker.InvokeAsync(eventJson))),
            ("UTF-8 validation", () => Utf8.IsValid(eventJson)),
            ("reader pass alone", () =>
            {
                var reader = new Utf8JsonReader(eventJson, new JsonReaderOptions { MaxDepth = 64 });
                while (reader.Read())
                {
                }
            }),
            ("event scan (reader, duplicates, $url)", () => EventScanner.Scan(eventJson, 64, Subjects.Event, routes)),
            ("AsyncLocal write and restore", () =>
            {
                local.Value = invocation;
                local.Value = null;
            }),
            ("RouteContext", () => _ = new RouteContext(route, eventJson) { RootServices = null, Invocation = invocation }),
            ("dispatch and pipeline", () => router.DispatchAsync(new RouteContext(route, eventJson)).GetAwaiter().GetResult()),
            ("body into a pooled buffer", () => PooledBody.Serialize(body, typeInfo).Return()),
            ("body as a new array", () => JsonSerializer.SerializeToUtf8Bytes(body, typeInfo)),
        };

        foreach (var (name, action) in stages)
        {
            var warm = Stopwatch.GetTimestamp();
            while (Stopwatch.GetElapsedTime(warm).TotalMilliseconds < 700)
            {
                action();
            }

            var rounds = new double[15];
            for (var r = 0; r < rounds.Length; r++)
            {
                var start = Stopwatch.GetTimestamp();
                for (var i = 0; i < 20_000; i++)
                {
                    action();
                }

                rounds[r] = Stopwatch.GetElapsedTime(start).TotalMilliseconds * 1e6 / 20_000;
            }

            var before = GC.GetAllocatedBytesForCurrentThread();
            for (var i = 0; i < 10_000; i++)
            {
                action();
            }

            var bytes = (GC.GetAllocatedBytesForCurrentThread() - before) / 10_000.0;
            Console.WriteLine($"{name,-40} {rounds.Order().ElementAt(rounds.Length / 2),8:F1} ns {bytes,6:F0} B");
        }

        return 0;
    }
}
