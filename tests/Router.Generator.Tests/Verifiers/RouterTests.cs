using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Testing;
using Router.Generator.Analyzers;

namespace Router.Generator.Tests.Verifiers;

// The Roslyn SDK's test libraries, set up once for this project: compilations against the running
// framework and Router.Abstractions (no reference package is downloaded), C# 12 (the oldest language
// the generated code must compile under), nullable on, and the generator run as a build runs it.

/// <summary>
/// The generator alone: its generated sources (<c>TestState.GeneratedSources</c>, compared exactly) and
/// its whole-table diagnostics, with compiler warnings in the output counted as failures.
/// </summary>
internal sealed class RouterGeneratorTest : CSharpSourceGeneratorTest<RouterGenerator, DefaultVerifier>
{
    public RouterGeneratorTest()
    {
        RouterTestSetup.Apply(this);
        // The generated router must compile warning-free together with the user's code.
        CompilerDiagnostics = CompilerDiagnostics.Warnings;
    }

    protected override ParseOptions CreateParseOptions() => RouterTestSetup.ParseOptions;

    // The library parses with DocumentationMode.Diagnose, so the inputs' undocumented public types would
    // each be a CS1591 warning; the generated code documents its public members either way.
    protected override CompilationOptions CreateCompilationOptions()
        => RouterTestSetup.CompilationOptions(base.CreateCompilationOptions())
            .WithSpecificDiagnosticOptions([new KeyValuePair<string, ReportDiagnostic>("CS1591", ReportDiagnostic.Suppress)]);
}

/// <summary>
/// Everything a build reports: <see cref="RouterAnalyzer"/>'s per-symbol diagnostics and the generator's
/// whole-table ones, at the spans marked <c>{|RTR001:...|}</c>. The library also checks that each one
/// disappears under <c>#pragma warning disable</c> at the top of the file.
/// </summary>
internal sealed class RouterDiagnosticTest : CSharpAnalyzerTest<RouterAnalyzer, DefaultVerifier>
{
    public RouterDiagnosticTest()
    {
        RouterTestSetup.Apply(this);
        // The generated source has its own snapshot tests; here only diagnostics count.
        TestBehaviors |= TestBehaviors.SkipGeneratedSourcesCheck;
    }

    protected override IEnumerable<Type> GetSourceGenerators() => RouterTestSetup.BuildGenerators;

    protected override ParseOptions CreateParseOptions() => RouterTestSetup.ParseOptions;

    protected override CompilationOptions CreateCompilationOptions() => RouterTestSetup.CompilationOptions(base.CreateCompilationOptions());
}

/// <summary>
/// A code fix applied as the IDE applies it: the diagnostic comes from <see cref="RouterAnalyzer"/> or the
/// generator, the fix runs, and the result must be exactly <c>FixedCode</c> (or <c>FixedState</c>) with the
/// diagnostics it states and no other.
/// </summary>
internal sealed class RouterCodeFixTest<TCodeFix> : CSharpCodeFixTest<RouterAnalyzer, TCodeFix, DefaultVerifier>
    where TCodeFix : CodeFixProvider, new()
{
    public RouterCodeFixTest()
    {
        RouterTestSetup.Apply(this);
        TestBehaviors |= TestBehaviors.SkipGeneratedSourcesCheck;
    }

    protected override IEnumerable<Type> GetSourceGenerators() => RouterTestSetup.BuildGenerators;

    protected override ParseOptions CreateParseOptions() => RouterTestSetup.ParseOptions;

    protected override CompilationOptions CreateCompilationOptions() => RouterTestSetup.CompilationOptions(base.CreateCompilationOptions());
}

internal static class RouterTestSetup
{
    private static readonly Lazy<Type> s_jsonGenerator = new(() =>
    {
        var path = typeof(RouterTestSetup).Assembly.GetCustomAttributes(typeof(System.Reflection.AssemblyMetadataAttribute), false)
            .Cast<System.Reflection.AssemblyMetadataAttribute>().Single(a => a.Key == "SystemTextJsonGenerator").Value!;
        return System.Reflection.Assembly.LoadFrom(path).GetType("System.Text.Json.SourceGeneration.JsonSourceGenerator", throwOnError: true)!;
    });

    /// <summary>The generators a build of a function runs: the router's and System.Text.Json's (for the JSON contexts).</summary>
    public static IEnumerable<Type> BuildGenerators => [typeof(RouterGenerator), s_jsonGenerator.Value];

    /// <summary>No reference package: the references are the running framework's, added by <see cref="Apply"/>.</summary>
    private static readonly ReferenceAssemblies s_noPackage = new("net10.0");

    public static CSharpParseOptions ParseOptions => GeneratorHarness.ParseOptions;

    public static void Apply(AnalyzerTest<DefaultVerifier> test)
    {
        test.ReferenceAssemblies = s_noPackage;
        test.TestState.AdditionalReferences.AddRange(GeneratorHarness.References);
    }

    public static CompilationOptions CompilationOptions(CompilationOptions options)
        => ((CSharpCompilationOptions)options)
            .WithNullableContextOptions(NullableContextOptions.Enable);
}
