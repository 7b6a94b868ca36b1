using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Router.Benchmarks.Article;
using Router.Benchmarks.Variants;
using Router.Runtime;

namespace Router.Benchmarks.Paired;

/// <summary>
/// Ratios measured in alternating rounds of one process, which a machine whose speed drifts between runs
/// (and between BenchmarkDotNet's sequential cases) cannot skew: each round times a batch of the limit and a
/// batch of ours back to back, in alternating order, and the ratio is the median of the rounds' ratios.
/// Runs on the JIT and as a NativeAOT binary alike (no reflection). Writes one JSON object per comparison.
/// With <c>--node SCRIPT</c>, tcb-router on Node.js is compared the same way: a batch of Node.js in its
/// child process (<see cref="NodeProcess"/>) alternates with a batch of ours (the <c>node</c> comparisons).
/// </summary>
/// <remarks>
/// <c>dotnet run -c Release --project benchmarks/Router.Benchmarks -- --paired [--rounds N] [--out file.json] [--node benchmarks/node/throughput.js]</c>;
/// <c>benchmarks/run.sh</c> runs it on the JIT, with <c>DOTNET_TieredPGO=0</c>, and on NativeAOT.
/// </remarks>
public static class PairedRounds
{
    private const int BatchTarget = 20_000; // invocations per batch, scaled down for slow routes

    /// <summary>Runs every comparison and prints (and optionally writes) the results.</summary>
    public static int Run(string[] args)
    {
        var rounds = 41;
        string? output = null;
        string? nodeScript = null;
        for (var i = 1; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--rounds" when i + 1 < args.Length:
                    rounds = int.Parse(args[++i], CultureInfo.InvariantCulture);
                    break;
                case "--out" when i + 1 < args.Length:
                    output = args[++i];
                    break;
                case "--node" when i + 1 < args.Length:
                    nodeScript = args[++i];
                    break;
                default:
                    Console.Error.WriteLine("usage: --paired [--rounds N] [--out file.json] [--node benchmarks/node/throughput.js]");
                    return 2;
            }
        }

        using var node = nodeScript is null ? null : NodeProcess.Start(nodeScript);
        var results = new List<Comparison>();
        // Every route of every variant once through its warm-up before the first measurement, so that no
        // comparison runs while the JIT is still compiling another's code in the background.
        for (var pass = 0; pass < 2; pass++)
        {
            results.Clear();
            results.AddRange(Measure(rounds: pass == 0 ? 3 : rounds, node));
        }

        var text = JsonSerializer.Serialize(results, PairedJson.Default.ListComparison);
        Console.WriteLine(text);
        if (output is not null)
        {
            File.WriteAllText(output, text);
        }

        return 0;
    }

    private static IEnumerable<Comparison> Measure(int rounds, NodeProcess? node)
    {
        var results = new List<Comparison>();
        foreach (var route in ArticleEvents.Routes)
        {
            var eventJson = ArticleEvents.For(route);

            var handWritten = new HandWrittenRouter();
            var generated = new ArticleRouter();
            results.Add(Compare("dispatch", route, rounds,
                () => handWritten.DispatchAsync(new RouteContext(route, eventJson)).GetAwaiter().GetResult(),
                () => generated.DispatchAsync(new RouteContext(route, eventJson)).GetAwaiter().GetResult()));

            var limit = new HandWrittenFunction();
            var invoker = new FunctionInvoker(new ArticleRouter());
            results.Add(Compare("end-to-end", route, rounds,
                () => limit.Invoke(eventJson),
                () => VariantCheck.Complete(invoker.InvokeAsync(eventJson))));

            // The same invocation against the limit that keeps the runtime's contract (ContractFunction's rules), and
            // against that limit through the library's public types (ContractTypesFunction): both checked first to
            // answer as the runtime does, refusals included.
            foreach (var checkedEvent in VariantCheck.ContractRefusals.Prepend(eventJson))
            {
                VariantCheck.SameAsContract(checkedEvent, new ContractFunction(), new ArticleRouter());
                VariantCheck.SameAsContract(checkedEvent, new ContractTypesFunction(), new ArticleRouter());
            }

            var contract = new ContractFunction();
            results.Add(Compare("contract", route, rounds,
                () => contract.Invoke(eventJson, "local"),
                () => VariantCheck.Complete(invoker.InvokeAsync(eventJson))));

            // The contract limit through the public types (a context, the middleware as written, a result): how much
            // of the gap above is the API's shape (against the contract limit), how much ours (against it).
            var types = new ContractTypesFunction();
            results.Add(Compare("types-vs-contract", route, rounds,
                () => contract.Invoke(eventJson, "local"),
                () => types.Invoke(eventJson, "local").Dispose()));
            results.Add(Compare("contract-types", route, rounds,
                () => types.Invoke(eventJson, "local").Dispose(),
                () => VariantCheck.Complete(invoker.InvokeAsync(eventJson))));

            if (node is not null)
            {
                results.Add(CompareNode(route, rounds, node, () => VariantCheck.Complete(invoker.InvokeAsync(eventJson))));
            }
        }

        return results;
    }

    private static Comparison Compare(string kind, string route, int rounds, Action limit, Action ours)
    {
        // Warm up both for a second and a half: long enough for tiered compilation to reach its optimized
        // code (it waits 100 ms after the last new method before counting calls), then size a batch to
        // about 2 ms of the limit.
        var warm = Stopwatch.GetTimestamp();
        while (Stopwatch.GetElapsedTime(warm).TotalMilliseconds < 1500)
        {
            for (var i = 0; i < 1_000; i++)
            {
                limit();
                ours();
            }
        }

        var batch = BatchTarget;
        var probe = Time(limit, batch);
        if (probe > 2.0)
        {
            batch = Math.Max(1_000, (int)(batch * 2.0 / probe));
        }

        var (limitNs, oursNs, ratios) = Alternate(rounds, () => Time(limit, batch), batch, () => Time(ours, batch), batch);
        var allocated = Allocated(ours, 10_000);
        var limitAllocated = Allocated(limit, 10_000);
        return new Comparison(kind, route, rounds, batch, Median(limitNs), Median(oursNs), Median(ratios), ratios.Min(), ratios.Max(), limitAllocated, allocated);
    }

    /// <summary>
    /// Ours against tcb-router on Node.js (the <c>node</c> comparison): as <see cref="Compare"/>, but each side
    /// gets its own batch size, about 200 ms of its events (Node.js takes ten times as long per event), long
    /// enough that every batch pays its share of both garbage collectors' rarer, larger collections, which a
    /// median of short batches would leave out; the nanoseconds and the ratio are per event (ours over
    /// Node.js's, below 1 when ours is faster).
    /// </summary>
    private static Comparison CompareNode(string route, int rounds, NodeProcess node, Action ours)
    {
        // Node.js's optimizing compiler and ours reach their steady code in the first second and a half.
        var warm = Stopwatch.GetTimestamp();
        while (Stopwatch.GetElapsedTime(warm).TotalMilliseconds < 1500)
        {
            node.Time(route, 1_000);
            Time(ours, 10_000);
        }

        const double BatchMs = 200;
        var nodeBatch = Math.Max(100, (int)(1_000 * BatchMs / node.Time(route, 1_000)));
        var oursBatch = Math.Max(1_000, (int)(10_000 * BatchMs / Time(ours, 10_000)));
        var (nodeNs, oursNs, ratios) = Alternate(rounds, () => node.Time(route, nodeBatch), nodeBatch, () => Time(ours, oursBatch), oursBatch);

        // Node.js's allocations are its own garbage collector's, not counted here (0).
        return new Comparison("node", route, rounds, oursBatch, Median(nodeNs), Median(oursNs), Median(ratios), ratios.Min(), ratios.Max(), 0, Allocated(ours, 10_000));
    }

    /// <summary>
    /// <paramref name="rounds"/> rounds of a batch of the limit and a batch of ours back to back, the order
    /// alternating from round to round; each batch timer returns milliseconds for its count of calls.
    /// </summary>
    /// <returns>Nanoseconds per call of each side in each round, and each round's ratio, ours over the limit.</returns>
    private static (double[] LimitNs, double[] OursNs, double[] Ratios) Alternate(int rounds, Func<double> limit, int limitCount, Func<double> ours, int oursCount)
    {
        var limitNs = new double[rounds];
        var oursNs = new double[rounds];
        var ratios = new double[rounds];
        for (var r = 0; r < rounds; r++)
        {
            double a, b;
            if (r % 2 == 0)
            {
                a = limit();
                b = ours();
            }
            else
            {
                b = ours();
                a = limit();
            }

            limitNs[r] = a * 1e6 / limitCount;
            oursNs[r] = b * 1e6 / oursCount;
            ratios[r] = oursNs[r] / limitNs[r];
        }

        return (limitNs, oursNs, ratios);
    }

    /// <summary>Milliseconds for <paramref name="count"/> calls.</summary>
    private static double Time(Action action, int count)
    {
        var start = Stopwatch.GetTimestamp();
        for (var i = 0; i < count; i++)
        {
            action();
        }

        return Stopwatch.GetElapsedTime(start).TotalMilliseconds;
    }

    /// <summary>Bytes allocated per call on this thread.</summary>
    private static double Allocated(Action action, int count)
    {
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < count; i++)
        {
            action();
        }

        return (GC.GetAllocatedBytesForCurrentThread() - before) / (double)count;
    }

    private static double Median(double[] values)
    {
        var sorted = values.Order().ToArray();
        return sorted[sorted.Length / 2];
    }
}

/// <summary>One comparison: ours against the limit on one route, over <see cref="Rounds"/> rounds of <see cref="Batch"/> calls each.</summary>
public sealed record Comparison(
    string Kind,
    string Route,
    int Rounds,
    int Batch,
    double LimitNs,
    double OursNs,
    double Ratio,
    double MinRatio,
    double MaxRatio,
    double LimitBytes,
    double OursBytes);

[System.Text.Json.Serialization.JsonSourceGenerationOptions(WriteIndented = true, PropertyNamingPolicy = System.Text.Json.Serialization.JsonKnownNamingPolicy.CamelCase)]
[System.Text.Json.Serialization.JsonSerializable(typeof(List<Comparison>))]
internal sealed partial class PairedJson : System.Text.Json.Serialization.JsonSerializerContext;
