using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

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
    public void DuplicateAcrossLibraryAndFunction_IsRtr001_AtTheFunctionsRoute_NamingBoth()
    {
        const string clash = """
            namespace App;
            public static class Clash { [Router.Route("lib/greet")] public static void Mine() { } }
            """;
        var compilation = FunctionWith(Function).AddSyntaxTrees(CSharpSyntaxTree.ParseText(clash, GeneratorHarness.ParseOptions, "Clash.cs"));

        var diagnostics = GeneratorHarness.Diagnose(compilation);

        Assert.All(diagnostics, d => Assert.Equal("RTR001", d.Id));
        var inFunction = Assert.Single(diagnostics, d => d.Location.SourceTree?.FilePath == "Clash.cs");
        Assert.Equal("Route 'lib/greet' is claimed by both App.Clash.Mine and Lib.LibHandlers.Greet; give one of them another route", inFunction.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
        // The library's claimant has no source here; the router's declaration stands in for it.
        var atRouter = Assert.Single(diagnostics, d => d.Location.SourceTree?.FilePath == "App.cs");
        Assert.Equal("R", atRouter.Location.SourceTree!.GetText().ToString(atRouter.Location.SourceSpan));
    }

    [Fact]
    public void LibraryTypesMissingFromTheJsonContext_AreRtr007_AtTheRouter()
    {
        var diagnostic = Assert.Single(GeneratorHarness.Diagnose(FunctionWith(Function.Replace("[JsonSerializable(typeof(Lib.Greeting))]", "[JsonSerializable(typeof(int))]", StringComparison.Ordinal))));

        Assert.Equal("RTR007", diagnostic.Id);
        Assert.Contains("Lib.Greeting", diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
    }

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
