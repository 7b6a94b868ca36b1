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
    private HandWrittenFunction _limit = null!;
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
        _limit = new HandWrittenFunction();
        _generated = new FunctionInvoker(new ArticleRouter());
        // No reflection router on NativeAOT (see DispatchBenchmarks.Setup).
        if (System.Runtime.CompilerServices.RuntimeFeature.IsDynamicCodeSupported)
        {
            _reflection = new FunctionInvoker(new ReflectionRouter(typeof(ArticleRouter).Assembly));
            VariantCheck.SameBodies(_event, _generated.Router, _reflection.Router);
        }
        // Fresh instances of both: each numbers its orders from 1, so their first answers are equal.
        VariantCheck.SameAsLimit(_event, new HandWrittenFunction(), new ArticleRouter());
    }

    /// <summary>The hand-written end-to-end limit.</summary>
    [Benchmark(Baseline = true)]
    public ReadOnlyMemory<byte> HandWritten() => _limit.Invoke(_event);

    /// <summary>Event bytes to response bytes through the generated router; the result is disposed, as the hosts do.</summary>
    [Benchmark]
    public void Generated() => VariantCheck.Complete(_generated.InvokeAsync(_event));

    /// <summary>The same through the reflection router.</summary>
    [Benchmark]
    public void Reflection() => VariantCheck.Complete(_reflection.InvokeAsync(_event));
}
