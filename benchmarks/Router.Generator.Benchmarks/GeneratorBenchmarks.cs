using BenchmarkDotNet.Attributes;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Router.Generator.Benchmarks;

/// <summary>
/// The generator on a synthetic function of <see cref="Routes"/> routes, against compiling that
/// project (the baseline): a full run on a new driver, and a re-run on a warm driver after an edit to a
/// method body (what the IDE does on most keystrokes).
/// </summary>
[MemoryDiagnoser]
public class GeneratorBenchmarks
{
    private CSharpCompilation _compilation = null!;
    private CSharpCompilation _edited = null!;
    private SyntaxTree _generated = null!;
    private GeneratorDriver _warm = null!;
    private bool _toggle;

    [Params(100, 1_000, 5_000)]
    public int Routes { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _compilation = SyntheticFunction.Create(Routes);
        _edited = SyntheticFunction.EditOneBody(_compilation, 1);
        _warm = NewDriver().RunGeneratorsAndUpdateCompilation(_compilation, out var output, out var diagnostics);
        if (diagnostics.Length > 0 || output.GetDiagnostics().Any(d => d.Severity == DiagnosticSeverity.Error))
        {
            throw new InvalidOperationException("The synthetic function does not compile: " + string.Join("\n", diagnostics.Concat(output.GetDiagnostics()).Take(5)));
        }

        _generated = output.SyntaxTrees.Last();
        var routes = _warm.GetRunResult().Results[0].GeneratedSources[0].SourceText.ToString().Split("new global::Router.RouteDescriptor(").Length - 1;
        if (routes != Routes)
        {
            throw new InvalidOperationException($"The synthetic function has {routes} routes, not {Routes}.");
        }
    }

    /// <summary>The compiler's own work on the project: bind and emit every method, generated router included.</summary>
    [Benchmark(Baseline = true)]
    public long CompileProject()
    {
        var fresh = CSharpCompilation.Create(_compilation.AssemblyName, _compilation.SyntaxTrees.Append(_generated), _compilation.References, _compilation.Options);
        using var stream = new MemoryStream();
        var result = fresh.Emit(stream);
        return result.Success ? stream.Length : throw new InvalidOperationException(string.Join("\n", result.Diagnostics.Take(5)));
    }

    /// <summary>A new driver on the whole compilation: parse every handler, build the table, emit.</summary>
    [Benchmark]
    public GeneratorDriver FullRun() => NewDriver().RunGenerators(_compilation);

    /// <summary>A warm driver after a method-body edit: the specs are re-read where the edit was, the model compares equal, nothing is emitted.</summary>
    [Benchmark]
    public GeneratorDriver RerunAfterUnrelatedEdit()
    {
        _toggle = !_toggle;
        _warm = _warm.RunGenerators(_toggle ? _edited : _compilation);
        return _warm;
    }

    private static GeneratorDriver NewDriver()
        => CSharpGeneratorDriver.Create([new RouterGenerator().AsSourceGenerator()], parseOptions: SyntheticFunction.ParseOptions);
}
