using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Router.Generator.Tests;

/// <summary>Layer 2: what a second run re-does after a clone or an edit.</summary>
public sealed class IncrementalityTests
{
    private static readonly string[] s_trackedSteps =
    [
        TrackingNames.Routers, TrackingNames.Handlers, TrackingNames.Middleware, TrackingNames.JsonContexts,
        TrackingNames.RouteTable, TrackingNames.RouterModel, TrackingNames.Diagnostics,
    ];

    [Fact]
    public void SecondRun_OnClonedCompilation_CachesEveryStep()
    {
        var compilation = ShopCompilation();
        var driver = GeneratorHarness.CreateDriver().RunGenerators(compilation);

        var second = driver.RunGenerators(compilation.Clone()).GetRunResult().Results.Single();

        foreach (var step in s_trackedSteps)
        {
            Assert.True(second.TrackedSteps.ContainsKey(step), $"step {step} was not tracked");
            AssertAllOutputs(second, step, IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged);
        }

        AssertSourceOutput(second, IncrementalStepRunReason.Cached);
    }

    [Fact]
    public void EditedMethodBody_LeavesOutputCached()
    {
        // The new body is longer, so every later attribute moves: the diagnostics model changes
        // (locations), the emitted model must not.
        var (_, second) = RunEdit(ShopCompilation(), "new(0, \"register success\")", "new(0, \"register success, welcome to the shop\")");

        AssertAllOutputs(second, TrackingNames.RouterModel, IncrementalStepRunReason.Unchanged, IncrementalStepRunReason.Cached);
        AssertSourceOutput(second, IncrementalStepRunReason.Cached);
    }

    [Fact]
    public void UnrelatedFileAdded_LeavesOutputCached()
    {
        var compilation = ShopCompilation();
        var driver = GeneratorHarness.CreateDriver().RunGenerators(compilation);
        var edited = compilation.AddSyntaxTrees(CSharpSyntaxTree.ParseText("namespace Shop; public static class Unrelated { public static int Two => 2; }", GeneratorHarness.ParseOptions, "Unrelated.cs"));

        var second = driver.RunGenerators(edited).GetRunResult().Results.Single();

        AssertAllOutputs(second, TrackingNames.RouterModel, IncrementalStepRunReason.Unchanged, IncrementalStepRunReason.Cached);
        AssertSourceOutput(second, IncrementalStepRunReason.Cached);
    }

    [Fact]
    public void ChangedRouteString_RegeneratesOutput()
    {
        var (first, second) = RunEdit(ShopCompilation(), "[Route(\"register\")]", "[Route(\"signup\")]");

        AssertAllOutputs(second, TrackingNames.RouterModel, IncrementalStepRunReason.Modified);
        AssertSourceOutput(second, IncrementalStepRunReason.Modified);
        Assert.Contains("\"user/signup\"", GeneratorHarness.GeneratedText(second));
        Assert.DoesNotContain("\"user/signup\"", GeneratorHarness.GeneratedText(first));
    }

    [Fact]
    public void ChangedMiddlewareOrder_RegeneratesOutput()
    {
        const string source = """
            using System.Threading.Tasks;
            using Router;
            namespace Ordered;
            [GeneratedRouter] public sealed partial class OrderedRouter;
            [Middleware(Order = 1)] public sealed class First : IRouteMiddleware { public ValueTask InvokeAsync(RouteContext c, RouteHandler n) => n(c); }
            [Middleware(Order = 2)] public sealed class Second : IRouteMiddleware { public ValueTask InvokeAsync(RouteContext c, RouteHandler n) => n(c); }
            public static class Handlers { [Route("a")] public static void A() { } }
            """;
        var (first, second) = RunEdit(GeneratorHarness.CreateCompilation(("Ordered.cs", source)), "[Middleware(Order = 1)]", "[Middleware(Order = 3)]");

        AssertAllOutputs(second, TrackingNames.RouterModel, IncrementalStepRunReason.Modified);
        AssertSourceOutput(second, IncrementalStepRunReason.Modified);
        Assert.Contains("\"Ordered.First\", \"Ordered.Second\"", GeneratorHarness.GeneratedText(first));
        Assert.Contains("\"Ordered.Second\", \"Ordered.First\"", GeneratorHarness.GeneratedText(second));
    }

    private static CSharpCompilation ShopCompilation()
        => GeneratorHarness.CreateCompilation(("Shop.cs", GeneratorHarness.ReadInput("Shop.cs")));

    /// <summary>Runs the generator, replaces <paramref name="oldText"/> in the first tree, and runs it again on the same driver.</summary>
    private static (GeneratorRunResult First, GeneratorRunResult Second) RunEdit(CSharpCompilation compilation, string oldText, string newText)
    {
        var driver = GeneratorHarness.CreateDriver().RunGenerators(compilation);
        var first = driver.GetRunResult().Results.Single();

        var tree = compilation.SyntaxTrees.First();
        var text = tree.GetText().ToString();
        Assert.Contains(oldText, text);
        var edited = compilation.ReplaceSyntaxTree(tree, tree.WithChangedText(Microsoft.CodeAnalysis.Text.SourceText.From(text.Replace(oldText, newText, StringComparison.Ordinal))));

        return (first, driver.RunGenerators(edited).GetRunResult().Results.Single());
    }

    private static void AssertAllOutputs(GeneratorRunResult result, string step, params IncrementalStepRunReason[] allowed)
    {
        var outputs = result.TrackedSteps[step].SelectMany(s => s.Outputs).ToList();
        Assert.NotEmpty(outputs);
        Assert.All(outputs, output => Assert.True(allowed.Contains(output.Reason), $"step {step}: {output.Reason}, expected {string.Join(" or ", allowed)}"));
    }

    private static void AssertSourceOutput(GeneratorRunResult result, IncrementalStepRunReason expected)
    {
        var outputs = result.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs).ToList();
        Assert.NotEmpty(outputs);
        if (expected == IncrementalStepRunReason.Modified)
        {
            Assert.Contains(outputs, o => o.Reason == IncrementalStepRunReason.Modified);
        }
        else
        {
            Assert.All(outputs, o => Assert.True(o.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, $"source output: {o.Reason}"));
        }
    }
}
