using Microsoft.CodeAnalysis;

namespace Router.Generator.Tests;

public sealed class SnapshotTests
{
    [Fact]
    public void ShopRouter_GeneratedSource_MatchesSnapshot()
    {
        var compilation = GeneratorHarness.CreateCompilation(("Shop.cs", GeneratorHarness.ReadInput("Shop.cs")));

        var (result, output) = GeneratorHarness.Run(compilation);

        Assert.Empty(result.Diagnostics);
        var generated = GeneratorHarness.GeneratedText(result);
        SnapshotAssert.Matches(generated, "ShopRouter");
        // The dispatch path is reflection-free: no System.Reflection, no Activator, no object-typed JSON.
        Assert.DoesNotContain("System.Reflection", generated, StringComparison.Ordinal);
        Assert.DoesNotContain("Activator", generated, StringComparison.Ordinal);
        Assert.DoesNotContain("JsonSerializer.", generated, StringComparison.Ordinal);
        // The generated router compiles warning-free together with the user's code.
        Assert.Empty(output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning));
    }

    [Fact]
    public void RouterWithErrors_StillEmitsPublicSurface_MatchesSnapshot()
    {
        var compilation = GeneratorHarness.CreateCompilation(("Bad.cs", """
            using Router;
            namespace Bad;
            [GeneratedRouter]
            public sealed partial class BadRouter;
            public static class Handlers
            {
                [Route("a")] public static void A() { }
                [Route("a")] public static void B() { }
            }
            """));

        var (result, output) = GeneratorHarness.Run(compilation);

        Assert.Equal(["RTR001", "RTR001"], result.Diagnostics.Select(d => d.Id));
        SnapshotAssert.Matches(GeneratorHarness.GeneratedText(result), "BadRouter");
        // Only the RTR diagnostics: no cascade of CS errors from a missing DispatchAsync or Routes.
        Assert.Empty(output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning));
    }

    [Fact]
    public void GeneratedSource_DoesNotDependOnFileOrder()
    {
        var input = GeneratorHarness.ReadInput("Shop.cs");
        var split = input.IndexOf("[Route(\"user\")]", StringComparison.Ordinal);
        var head = input[..split];
        var usings = string.Concat(head.Split('\n').Where(l => l.StartsWith("using ", StringComparison.Ordinal)).Select(l => l + "\n"));
        var tail = usings + "namespace Shop;\n" + input[split..];

        var forward = GeneratorHarness.Run(GeneratorHarness.CreateCompilation(("A.cs", head), ("B.cs", tail))).Result;
        var backward = GeneratorHarness.Run(GeneratorHarness.CreateCompilation(("B.cs", tail), ("A.cs", head))).Result;

        Assert.Empty(forward.Diagnostics);
        Assert.Equal(GeneratorHarness.GeneratedText(forward), GeneratorHarness.GeneratedText(backward));
    }

    [Fact]
    public void UnrelatedCompileErrors_DoNotStopGeneration()
    {
        var compilation = GeneratorHarness.CreateCompilation(
            ("Shop.cs", GeneratorHarness.ReadInput("Shop.cs")),
            ("Broken.cs", "namespace Shop; public class Broken { public int M( { return undefined; }"));

        var (result, output) = GeneratorHarness.Run(compilation);

        Assert.Empty(result.Diagnostics);
        Assert.Equal(GeneratorHarness.GeneratedText(GeneratorHarness.Run(GeneratorHarness.CreateCompilation(("Shop.cs", GeneratorHarness.ReadInput("Shop.cs")))).Result), GeneratorHarness.GeneratedText(result));
        // The only errors are the broken file's own.
        Assert.All(output.GetDiagnostics().Where(d => d.Severity == Microsoft.CodeAnalysis.DiagnosticSeverity.Error),
            d => Assert.Equal("Broken.cs", d.Location.SourceTree?.FilePath));
    }
}
