using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Router.Generator.Analyzers;

namespace Router.Generator.Tests;

/// <summary>
/// Builds compilations against the running framework and Router.Abstractions, and drives the generator
/// directly: for the incrementality tests (step tracking), the object-graph check, and the few tests that
/// read what a diagnostic carries beyond its span (its properties, for the code fixes).
/// </summary>
internal static class GeneratorHarness
{
    public static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.CSharp12);

    private static readonly Lazy<ImmutableArray<MetadataReference>> s_references = new(() =>
    {
        var trusted = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator);
        return trusted
            .Where(path => Path.GetFileName(path).StartsWith("System.", StringComparison.Ordinal) || Path.GetFileName(path) is "netstandard.dll" or "mscorlib.dll")
            .Append(typeof(RouteAttribute).Assembly.Location)
            .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path))
            .ToImmutableArray();
    });

    public static ImmutableArray<MetadataReference> References => s_references.Value;

    public static CSharpCompilation CreateCompilation(params (string Path, string Text)[] sources)
        => CreateCompilation(OutputKind.DynamicallyLinkedLibrary, sources);

    public static CSharpCompilation CreateCompilation(OutputKind outputKind, params (string Path, string Text)[] sources)
        => CSharpCompilation.Create(
            "TestFunction",
            sources.Select(s => CSharpSyntaxTree.ParseText(s.Text, ParseOptions, s.Path)),
            s_references.Value,
            new CSharpCompilationOptions(outputKind, nullableContextOptions: NullableContextOptions.Enable));

    public static GeneratorDriver CreateDriver()
        => CSharpGeneratorDriver.Create(
            [new RouterGenerator().AsSourceGenerator()],
            parseOptions: ParseOptions,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));

    /// <summary>Runs the generator once and returns the run result and the compilation with the output added.</summary>
    public static (GeneratorDriverRunResult Result, Compilation Output) Run(CSharpCompilation compilation)
    {
        var driver = CreateDriver().RunGeneratorsAndUpdateCompilation(compilation, out var output, out _);
        return (driver.GetRunResult(), output);
    }

    /// <summary>
    /// Everything the router reports on <paramref name="compilation"/>, as a build would: the generator's
    /// diagnostics (filtered by the driver through pragmas and the compilation's options) and then
    /// <see cref="RouterAnalyzer"/>'s on the compilation with the generated source. Ordered by place.
    /// </summary>
    public static ImmutableArray<Diagnostic> Diagnose(CSharpCompilation compilation)
    {
        CreateDriver().RunGeneratorsAndUpdateCompilation(compilation, out var output, out var generatorDiagnostics);
        var analyzerDiagnostics = output
            .WithAnalyzers([new RouterAnalyzer()], new CompilationWithAnalyzersOptions(new AnalyzerOptions([]), onAnalyzerException: null, concurrentAnalysis: false, logAnalyzerExecutionTime: false))
            .GetAnalyzerDiagnosticsAsync().GetAwaiter().GetResult();
        Assert.DoesNotContain(analyzerDiagnostics, d => d.Id == "AD0001"); // the analyzer threw
        return generatorDiagnostics.Concat(analyzerDiagnostics)
            .Where(d => !d.IsSuppressed)
            .OrderBy(d => d.Location.SourceTree?.FilePath, StringComparer.Ordinal)
            .ThenBy(d => d.Location.SourceSpan.Start)
            .ThenBy(d => d.Id, StringComparer.Ordinal)
            .ToImmutableArray();
    }

    /// <summary>The text of the generator's only output.</summary>
    public static string GeneratedText(GeneratorDriverRunResult result)
        => Assert.Single(Assert.Single(result.Results).GeneratedSources).SourceText.ToString();

    /// <summary>The text of one generator's only output.</summary>
    public static string GeneratedText(GeneratorRunResult result)
        => Assert.Single(result.GeneratedSources).SourceText.ToString();

    public static string ReadInput(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Inputs", name));
}
