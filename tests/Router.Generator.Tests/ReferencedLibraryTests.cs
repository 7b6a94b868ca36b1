using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Testing;
using Router.Generator.Diagnostics;
using Router.Generator.Tests.Verifiers;

namespace Router.Generator.Tests;

/// <summary>Handlers declared in a referenced class library: routed when public, checked for duplicates against the function's own.</summary>
public sealed class ReferencedLibraryTests
{
    private const string Library = """
        using Router;
        namespace Lib;
        public sealed record Greeting(string Text);
        [Route("lib")]
        public static class LibHandlers
        {
            [Route("greet")] public static Greeting Greet() => new("hi");
            [Route("hidden")] internal static void Hidden() { }
        }
        internal static class InternalHandlers { [Route("lib/internal")] public static void A() { } }
        """;

    private const string Function = """
        using System.Text.Json.Serialization;
        using Router;
        namespace App;
        [GeneratedRouter] public sealed partial class R;
        [JsonSerializable(typeof(Lib.Greeting))] public partial class J : JsonSerializerContext;
        public static class H { [Route("own")] public static void Own() { } }
        """;

    [Fact]
    public void PublicHandlersOfAReferencedLibrary_AreRouted_InternalOnesAreNot()
    {
        var (result, _) = GeneratorHarness.Run(FunctionWith(Function));

        var generated = GeneratorHarness.GeneratedText(result);
        Assert.Contains("\"lib/greet\"", generated, StringComparison.Ordinal);
        Assert.Contains("global::Lib.LibHandlers.Greet(", generated, StringComparison.Ordinal);
        Assert.Contains("\"own\"", generated, StringComparison.Ordinal);
        Assert.DoesNotContain("lib/hidden", generated, StringComparison.Ordinal);
        Assert.DoesNotContain("lib/internal", generated, StringComparison.Ordinal);
        Assert.Empty(result.Diagnostics);
    }

    [Fact]
    public Task DuplicateAcrossLibraryAndFunction_IsRtr001_AtTheFunctionsRoute_NamingBoth()
        // The library's claimant has no source here; the router's declaration stands in for it.
        => VerifyWithLibraryAsync(
            [("App.cs", Function.Replace("public sealed partial class R;", "public sealed partial class {|#1:R|};", StringComparison.Ordinal)),
             ("Clash.cs", """
                namespace App;
                public static class Clash { [{|#0:Router.Route("lib/greet")|}] public static void Mine() { } }
                """)],
            new DiagnosticResult(DiagnosticDescriptors.DuplicateRoute).WithLocation(0)
                .WithMessage("Route 'lib/greet' is claimed by both App.Clash.Mine and Lib.LibHandlers.Greet; give one of them another route"),
            new DiagnosticResult(DiagnosticDescriptors.DuplicateRoute).WithLocation(1)
                .WithMessage("Route 'lib/greet' is claimed by both Lib.LibHandlers.Greet and App.Clash.Mine; give one of them another route"));

    [Fact]
    public Task LibraryTypesMissingFromTheJsonContext_AreRtr007_AtTheRouter()
        => VerifyWithLibraryAsync(
            [("App.cs", Function
                .Replace("[JsonSerializable(typeof(Lib.Greeting))]", "[JsonSerializable(typeof(int))]", StringComparison.Ordinal)
                .Replace("public sealed partial class R;", "public sealed partial class {|#0:R|};", StringComparison.Ordinal))],
            new DiagnosticResult(DiagnosticDescriptors.MissingJsonType).WithLocation(0)
                .WithMessage("Response type Lib.Greeting of route 'lib/greet' is not in App.J; add [JsonSerializable(typeof(Lib.Greeting))] to it"));

    [Fact]
    public void EditInTheFunction_LeavesTheLibrarysHandlersCached()
    {
        var compilation = FunctionWith(Function);
        var driver = GeneratorHarness.CreateDriver().RunGenerators(compilation);
        var tree = compilation.SyntaxTrees.First();
        var edited = compilation.ReplaceSyntaxTree(tree, tree.WithChangedText(Microsoft.CodeAnalysis.Text.SourceText.From(tree.GetText() + "\n// a comment\n")));

        var second = driver.RunGenerators(edited).GetRunResult().Results.Single();

        Assert.All(second.TrackedSteps[TrackingNames.ReferencedHandlers].SelectMany(s => s.Outputs), o => Assert.Equal(IncrementalStepRunReason.Unchanged, o.Reason));
        Assert.All(second.TrackedSteps[TrackingNames.EmittedSource].SelectMany(s => s.Outputs), o => Assert.Equal(IncrementalStepRunReason.Cached, o.Reason));
    }

    private static Task VerifyWithLibraryAsync((string Path, string Text)[] sources, params DiagnosticResult[] expected)
    {
        var test = new RouterDiagnosticTest();
        foreach (var source in sources)
        {
            test.TestState.Sources.Add(source);
        }

        test.TestState.AdditionalReferences.Add(LibraryReference.Value);
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }

    private static CSharpCompilation FunctionWith(string source)
        => GeneratorHarness.CreateCompilation(("App.cs", source)).AddReferences(LibraryReference.Value);

    private static readonly Lazy<MetadataReference> LibraryReference = new(() =>
    {
        var library = CSharpCompilation.Create(
            "Lib",
            [CSharpSyntaxTree.ParseText(Library, GeneratorHarness.ParseOptions, "Lib.cs")],
            GeneratorHarness.References,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        using var image = new MemoryStream();
        var emitted = library.Emit(image);
        Assert.True(emitted.Success, string.Join("\n", emitted.Diagnostics));
        return MetadataReference.CreateFromImage(image.ToArray());
    });
}
