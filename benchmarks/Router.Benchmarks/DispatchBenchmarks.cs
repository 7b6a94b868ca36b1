using BenchmarkDotNet.Attributes;
using Router.Benchmarks.Article;
using Router.Benchmarks.Variants;

namespace Router.Benchmarks;

/// <summary>
/// Dispatch and pipeline, per route: a new <see cref="RouteContext"/> (as the host makes per
/// invocation) through <see cref="IRouteDispatcher.DispatchAsync"/> of each variant, against the
/// hand-written limit. <see cref="NewContext"/> alone is the floor every variant pays, so what a
/// variant allocates beyond it is its dispatcher, pipeline and handler.
/// </summary>
[MemoryDiagnoser]
public class DispatchBenchmarks
{
    private byte[] _event = [];
    private ArticleRouter _generated = null!;
    private HandWrittenRouter _handWritten = null!;
    private ReflectionRouter _reflection = null!;

    /// <summary>The article's routes.</summary>
    public static IEnumerable<string> Routes => ArticleEvents.Routes;

    /// <summary>The route every invocation of this case takes.</summary>
    [ParamsSource(nameof(Routes))]
    public string Route { get; set; } = "";

    /// <summary>Builds the three routers and checks that they give the same body for the event.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _event = ArticleEvents.For(Route);
        _generated = new ArticleRouter();
        _handWritten = new HandWrittenRouter();
        // The reflection router cannot exist where there is no reflection over the trimmed app (NativeAOT):
        // there, run.sh filters its cases out.
        if (System.Runtime.CompilerServices.RuntimeFeature.IsDynamicCodeSupported)
        {
            _reflection = new ReflectionRouter(typeof(ArticleRouter).Assembly);
            VariantCheck.SameBodies(_event, _generated, _handWritten, _reflection);
        }
        else
        {
            VariantCheck.SameBodies(_event, _generated, _handWritten);
        }
    }

    /// <summary>Only the context: the allocation floor of an invocation.</summary>
    [Benchmark]
    public RouteContext NewContext() => new(Route, _event);

    /// <summary>The limit: a hand-written switch and nested calls.</summary>
    [Benchmark(Baseline = true)]
    public ValueTask HandWritten() => _handWritten.DispatchAsync(new RouteContext(Route, _event));

    /// <summary>The generated router.</summary>
    [Benchmark]
    public ValueTask Generated() => _generated.DispatchAsync(new RouteContext(Route, _event));

    /// <summary>A reflection router in the style of the common tcb-router ports.</summary>
    [Benchmark]
    public ValueTask Reflection() => _reflection.DispatchAsync(new RouteContext(Route, _event));
}
