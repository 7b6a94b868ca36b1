using BenchmarkDotNet.Attributes;

namespace Router.Scale.Benchmarks;

/// <summary>
/// Dispatch through routers of 10 to 10,000 routes. Each operation dispatches one of
/// <see cref="Probes"/> routes spread evenly over the table (first, last and between), each through
/// a global middleware to an empty handler, so the only thing that grows is the route table.
/// </summary>
[MemoryDiagnoser]
public class ScaleBenchmarks
{
    /// <summary>How many routes of the table each operation cycles through.</summary>
    public const int Probes = 8;

    private static readonly byte[] EmptyEvent = "{}"u8.ToArray();
    private IRouteDispatcher _router = null!;
    private string[] _paths = [];

    /// <summary>The router's size.</summary>
    [Params(10, 100, 1_000, 10_000)]
    public int Routes { get; set; }

    /// <summary>Picks the router and the probed routes, and checks that the table has the size it claims.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _router = Routes switch
        {
            10 => new global::Scale.Routes10.Routes10Router(),
            100 => new global::Scale.Routes100.Routes100Router(),
            1_000 => new global::Scale.Routes1000.Routes1000Router(),
            10_000 => new global::Scale.Routes10000.Routes10000Router(),
            _ => throw new ArgumentOutOfRangeException(nameof(Routes), Routes, "No router of that size is generated."),
        };
        if (_router.Routes.Count != Routes)
        {
            throw new InvalidOperationException($"The {Routes}-route router has {_router.Routes.Count} routes.");
        }

        _paths = [.. Enumerable.Range(0, Probes).Select(i => _router.Routes[(int)((long)i * (Routes - 1) / (Probes - 1))].Path)];
        foreach (var path in _paths)
        {
            _router.DispatchAsync(new RouteContext(path, EmptyEvent)).AsTask().GetAwaiter().GetResult();
        }
    }

    /// <summary>One dispatch (the average over the probed routes).</summary>
    [Benchmark(OperationsPerInvoke = Probes)]
    public void Dispatch()
    {
        foreach (var path in _paths)
        {
            var pending = _router.DispatchAsync(new RouteContext(path, EmptyEvent));
            if (!pending.IsCompletedSuccessfully)
            {
                pending.AsTask().GetAwaiter().GetResult();
            }
        }
    }
}
