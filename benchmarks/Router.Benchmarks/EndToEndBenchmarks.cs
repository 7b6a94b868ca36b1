using BenchmarkDotNet.Attributes;
using Router.Benchmarks.Article;
using Router.Benchmarks.Variants;
using Router.Runtime;

namespace Router.Benchmarks;

/// <summary>
/// The whole invocation, per route: the event's bytes through <see cref="FunctionInvoker"/>
/// (validation, <c>$url</c>, the context, dispatch, binding, the handler, serializing the body) to the
/// response's bytes. benchmarks/node/throughput.js measures the same events through tcb-router.
/// </summary>
[MemoryDiagnoser]
public class EndToEndBenchmarks
{
    private byte[] _event = [];
    private FunctionInvoker _generated = null!;
    private FunctionInvoker _reflection = null!;

    /// <summary>The article's routes.</summary>
    public static IEnumerable<string> Routes => ArticleEvents.Routes;

    /// <summary>The route of the event.</summary>
    [ParamsSource(nameof(Routes))]
    public string Route { get; set; } = "";

    /// <summary>Builds the invokers and checks that both answer the event with the same body.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _event = ArticleEvents.For(Route);
        _generated = new FunctionInvoker(new ArticleRouter());
        _reflection = new FunctionInvoker(new ReflectionRouter(typeof(ArticleRouter).Assembly));
        VariantCheck.SameBodies(_event, _generated.Router, _reflection.Router);
    }

    /// <summary>Event bytes to response bytes through the generated router.</summary>
    [Benchmark(Baseline = true)]
    public ValueTask<InvocationResult> Generated() => _generated.InvokeAsync(_event);

    /// <summary>The same through the reflection router.</summary>
    [Benchmark]
    public ValueTask<InvocationResult> Reflection() => _reflection.InvokeAsync(_event);
}
