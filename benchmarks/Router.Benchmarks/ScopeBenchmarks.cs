using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.DependencyInjection;
using Router.Benchmarks.Article;
using Router.Runtime;

namespace Router.Benchmarks;

/// <summary>
/// What a scope per invocation costs: the same event through <see cref="FunctionInvoker"/> with no
/// services (the baseline), with an <see cref="IServiceProvider"/> that has no scopes (no scope is made),
/// and with Microsoft.Extensions.DependencyInjection's provider, where the invoker creates and disposes an
/// <see cref="AsyncServiceScope"/> per invocation. The article's handlers and middleware take nothing, so
/// the difference is the scope alone.
/// </summary>
[MemoryDiagnoser]
public class ScopeBenchmarks
{
    private byte[] _event = [];
    private FunctionInvoker _none = null!;
    private FunctionInvoker _plain = null!;
    private FunctionInvoker _container = null!;
    private ServiceProvider _services = null!;

    /// <summary>Two of the article's routes: one without middleware work beyond the global one, and pay/pay with two.</summary>
    public static IEnumerable<string> Routes => ["user/login", "pay/pay"];

    /// <summary>The route of the event.</summary>
    [ParamsSource(nameof(Routes))]
    public string Route { get; set; } = "";

    /// <summary>Builds the three invokers on the same router type.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _event = ArticleEvents.For(Route);
        _services = new ServiceCollection().AddSingleton(TimeProvider.System).BuildServiceProvider();
        _none = new FunctionInvoker(new ArticleRouter());
        _plain = new FunctionInvoker(new ArticleRouter(), new PlainServices());
        _container = new FunctionInvoker(new ArticleRouter(), _services);
    }

    /// <summary>Disposes the container.</summary>
    [GlobalCleanup]
    public void Cleanup() => _services.Dispose();

    /// <summary>No services at all.</summary>
    [Benchmark(Baseline = true)]
    public void NoServices() => VariantCheck.Complete(_none.InvokeAsync(_event));

    /// <summary>A provider without <see cref="IServiceScopeFactory"/>: no scope.</summary>
    [Benchmark]
    public void ProviderWithoutScopes() => VariantCheck.Complete(_plain.InvokeAsync(_event));

    /// <summary>The standard container: one scope created and disposed per invocation.</summary>
    [Benchmark]
    public void ScopePerInvocation() => VariantCheck.Complete(_container.InvokeAsync(_event));

    private sealed class PlainServices : IServiceProvider
    {
        public object? GetService(Type serviceType) => null;
    }
}
