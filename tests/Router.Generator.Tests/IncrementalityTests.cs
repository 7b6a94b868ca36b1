using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Router.Generator.Tests;

/// <summary>Layer 2: what a second run re-does after a clone or an edit.</summary>
public sealed class IncrementalityTests
{
    // Diagnostics is not here: Roslyn finds tracked steps through the outputs' steps, and a table without
    // diagnostics gives its diagnostics output no item, so that step is only tracked where there are some
    // (TableDiagnostic_FollowsTheCodeWhenTheTableIsCached).
    private static readonly string[] s_trackedSteps =
    [
        TrackingNames.Routers, TrackingNames.Handlers, TrackingNames.Middleware, TrackingNames.JsonContexts,
        TrackingNames.ReferencedHandlers, TrackingNames.RouteTable, TrackingNames.RouterModel, TrackingNames.EmittedSource,
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

    /// <summary>
    /// The edit matrix, first half: edits that change nothing the router depends on. The specs may be
    /// re-read (an edit above a handler moves its locations), but the model compares equal, so the
    /// emitter does not run and the generated file stays cached.
    /// </summary>
    [Theory]
    [InlineData("method body edited", "new(0, \"register success\")", "new(0, \"register success, welcome to the shop\")")]
    [InlineData("comment added above the handlers", "public interface IOrderBook", "// The order book is a service.\npublic interface IOrderBook")]
    [InlineData("comment added inside a handler class", "[Route(\"register\")]", "// Registration.\n    [Route(\"register\")]")]
    [InlineData("JSON context gains a type", "[JsonSerializable(typeof(Reply))]", "[JsonSerializable(typeof(Reply))]\n[JsonSerializable(typeof(int[]))]")]
    [InlineData("unrelated member added", "public sealed partial class ShopRouter;", "public sealed partial class ShopRouter;\npublic static class Unrelated { public static int Two => 2; }")]
    public void EditThatTouchesNoRoute_DoesNoEmitWork(string edit, string oldText, string newText)
    {
        var (_, second) = RunEdit(ShopCompilation(), oldText, newText);

        Assert.False(string.IsNullOrEmpty(edit));
        AssertAllOutputs(second, TrackingNames.RouterModel, IncrementalStepRunReason.Unchanged, IncrementalStepRunReason.Cached);
        AssertAllOutputs(second, TrackingNames.EmittedSource, IncrementalStepRunReason.Unchanged, IncrementalStepRunReason.Cached);
    }

    /// <summary>
    /// Most keystrokes only move the handlers below the caret. The table is built from position-free
    /// specs, so it is not even rebuilt (Cached, not just Unchanged); with no diagnostics, the located
    /// re-check returns at once.
    /// </summary>
    [Theory]
    [InlineData("method body edited", "new(0, \"register success\")", "new(0, \"register success, welcome to the shop\")")]
    [InlineData("comment added above the handlers", "public interface IOrderBook", "// The order book is a service.\npublic interface IOrderBook")]
    [InlineData("comment added inside a handler class", "[Route(\"register\")]", "// Registration.\n    [Route(\"register\")]")]
    public void EditThatOnlyMovesHandlers_DoesNotRebuildTheTable(string edit, string oldText, string newText)
    {
        var (_, second) = RunEdit(ShopCompilation(), oldText, newText);

        Assert.False(string.IsNullOrEmpty(edit));
        Assert.Contains(second.TrackedSteps[TrackingNames.Handlers].SelectMany(s => s.Outputs), o => o.Reason == IncrementalStepRunReason.Modified);
        AssertAllOutputs(second, TrackingNames.RouteTable, IncrementalStepRunReason.Cached);
        AssertAllOutputs(second, TrackingNames.EmittedSource, IncrementalStepRunReason.Cached);
    }

    [Fact]
    public void TableDiagnostic_FollowsTheCodeWhenTheTableIsCached()
    {
        const string source = """
            using Router;
            namespace Dup;
            [GeneratedRouter] public sealed partial class DupRouter;
            public static class Handlers
            {
                [Route("a")] public static void A1() { }
                [Route("a")] public static void A2() { }
            }
            """;
        var (first, second) = RunEdit(GeneratorHarness.CreateCompilation(("Dup.cs", source)), "public static class Handlers", "// two\n// lines\npublic static class Handlers");

        AssertAllOutputs(second, TrackingNames.RouteTable, IncrementalStepRunReason.Cached);
        // Not a second build of the table: the located projection alone re-ran, to map the anchors to the moved spans.
        AssertAllOutputs(second, TrackingNames.Diagnostics, IncrementalStepRunReason.Modified);
        var before = first.Diagnostics.Where(d => d.Id == "RTR001").Select(d => d.Location.GetLineSpan().StartLinePosition.Line).Order().ToList();
        var after = second.Diagnostics.Where(d => d.Id == "RTR001").Select(d => d.Location.GetLineSpan().StartLinePosition.Line).Order().ToList();
        Assert.Equal([5, 6], before);
        Assert.Equal([7, 8], after);
    }

    [Fact]
    public void UnrelatedFileAdded_LeavesEveryParsedSpecCached()
    {
        var compilation = ShopCompilation();
        var driver = GeneratorHarness.CreateDriver().RunGenerators(compilation);
        var edited = compilation.AddSyntaxTrees(CSharpSyntaxTree.ParseText("namespace Shop; public static class Unrelated { public static int Two => 2; }", GeneratorHarness.ParseOptions, "Unrelated.cs"));

        var second = driver.RunGenerators(edited).GetRunResult().Results.Single();

        foreach (var step in new[] { TrackingNames.Routers, TrackingNames.Handlers, TrackingNames.Middleware, TrackingNames.JsonContexts, TrackingNames.ReferencedHandlers, TrackingNames.RouteTable })
        {
            AssertAllOutputs(second, step, IncrementalStepRunReason.Unchanged, IncrementalStepRunReason.Cached);
        }

        AssertAllOutputs(second, TrackingNames.EmittedSource, IncrementalStepRunReason.Cached);
    }

    [Fact]
    public void RouterSwitchesJsonContext_RegeneratesOutput()
    {
        var (first, second) = RunEdit(
            ShopCompilation(),
            "[GeneratedRouter(JsonContext = typeof(ShopJson))]\npublic sealed partial class ShopRouter;",
            "[GeneratedRouter(JsonContext = typeof(OtherJson))]\npublic sealed partial class ShopRouter;\n[JsonSerializable(typeof(Reply))] [JsonSerializable(typeof(Credentials))] [JsonSerializable(typeof(MakeOrderRequest))]\npublic sealed class OtherJson() : JsonSerializerContext(null) { public static OtherJson Default { get; } = new(); protected override JsonSerializerOptions? GeneratedSerializerOptions => null; public override JsonTypeInfo? GetTypeInfo(Type type) => null; }");

        AssertAllOutputs(second, TrackingNames.EmittedSource, IncrementalStepRunReason.Modified);
        Assert.Contains("global::Shop.ShopJson.Default", GeneratorHarness.GeneratedText(first), StringComparison.Ordinal);
        Assert.Contains("global::Shop.OtherJson.Default", GeneratorHarness.GeneratedText(second), StringComparison.Ordinal);
    }

    // The edit matrix, second half: edits the router depends on re-emit it.
    [Fact]
    public void ChangedRouteString_RegeneratesOutput()
    {
        var (first, second) = RunEdit(ShopCompilation(), "[Route(\"register\")]", "[Route(\"signup\")]");

        AssertAllOutputs(second, TrackingNames.RouterModel, IncrementalStepRunReason.Modified);
        AssertAllOutputs(second, TrackingNames.EmittedSource, IncrementalStepRunReason.Modified);
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
        AssertAllOutputs(second, TrackingNames.EmittedSource, IncrementalStepRunReason.Modified);
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
