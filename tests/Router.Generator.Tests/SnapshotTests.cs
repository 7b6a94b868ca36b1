using Microsoft.CodeAnalysis.Testing;
using Router.Generator.Diagnostics;

namespace Router.Generator.Tests;

/// <summary>
/// Layer 1: the generated source, compared with the checked-in snapshots by Roslyn's source-generator
/// test library, which also compiles it with the user's code and fails on any warning.
/// </summary>
public sealed class SnapshotTests
{
    private const string ShopHintName = "Shop.ShopRouter.Router.g.cs";

    [Fact]
    public async Task ShopRouter_GeneratedSource_MatchesSnapshot()
    {
        await SnapshotAssert.GeneratedMatchesAsync("ShopRouter", ShopHintName, [("Shop.cs", GeneratorHarness.ReadInput("Shop.cs"))]);

        // The dispatch path is reflection-free: no System.Reflection, no Activator, no object-typed JSON.
        var generated = GeneratorHarness.GeneratedText(GeneratorHarness.Run(GeneratorHarness.CreateCompilation(("Shop.cs", GeneratorHarness.ReadInput("Shop.cs")))).Result);
        Assert.DoesNotContain("System.Reflection", generated, StringComparison.Ordinal);
        Assert.DoesNotContain("Activator", generated, StringComparison.Ordinal);
        Assert.DoesNotContain("JsonSerializer.", generated, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HandlerLifetimes_GeneratedSource_MatchesSnapshot()
    {
        // Once per router when the constructor takes nothing; new per invocation from context.Services when it
        // takes services, disposed (DisposeAsync first) after the call; middleware from context.RootServices.
        await SnapshotAssert.GeneratedMatchesAsync("LifetimesRouter", "Lifetimes.LifetimesRouter.Router.g.cs", [("Lifetimes.cs", GeneratorHarness.ReadInput("Lifetimes.cs"))]);

        var generated = GeneratorHarness.GeneratedText(GeneratorHarness.Run(GeneratorHarness.CreateCompilation(("Lifetimes.cs", GeneratorHarness.ReadInput("Lifetimes.cs")))).Result);
        Assert.Contains("private global::Lifetimes.Stateless? __stateless;", generated, StringComparison.Ordinal);
        Assert.DoesNotContain("global::Lifetimes.Scoped? __", generated, StringComparison.Ordinal);
        Assert.Contains("await handler.DisposeAsync()", generated, StringComparison.Ordinal);
        Assert.Contains("using var handler = ", generated, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ValidatedRouter_ValidationAndIdempotency_MatchesSnapshot()
    {
        // Validation after binding: every attribute kind, nested objects, collection items, type attributes and
        // IValidatableObject; [Idempotent] claims after validation. The route without attributes is untouched.
        await SnapshotAssert.GeneratedMatchesAsync("ValidatedRouter", "Validated.ValidatedRouter.Router.g.cs", [("Validated.cs", GeneratorHarness.ReadInput("Validated.cs"))]);

        var generated = GeneratorHarness.GeneratedText(GeneratorHarness.Run(GeneratorHarness.CreateCompilation(("Validated.cs", GeneratorHarness.ReadInput("Validated.cs")))).Result);
        Assert.DoesNotContain("System.Reflection", generated, StringComparison.Ordinal);
        var plain = generated[generated.IndexOf("private global::System.Threading.Tasks.ValueTask __Handle_plain(", StringComparison.Ordinal)..];
        plain = plain[..plain.IndexOf("return default;", StringComparison.Ordinal)];
        Assert.DoesNotContain("validation", plain, StringComparison.Ordinal);
        Assert.DoesNotContain("Idempotent", plain, StringComparison.Ordinal);
    }

    [Fact]
    public void RouteTable_IsOrderedOrdinally_UnderAnyCulture()
    {
        // Culture-aware order puts "alpha" before "Zeta"; the route table (and so the output) must not
        // depend on the build machine's culture, so it is ordinal: "Zeta" (Z is 0x5A) before "alpha" (0x61).
        var compilation = GeneratorHarness.CreateCompilation(("Order.cs", """
            using Router;
            namespace Order;
            [GeneratedRouter] public sealed partial class OrderRouter;
            public static class Handlers
            {
                [Route("r/alpha")] public static void Alpha() { }
                [Route("r/Zeta")] public static void Zeta() { }
                [Route("r/beta")] public static void Beta() { }
            }
            """));
        var previous = System.Globalization.CultureInfo.CurrentCulture;
        string text;
        try
        {
            System.Globalization.CultureInfo.CurrentCulture = new System.Globalization.CultureInfo("en-US");
            Assert.True(string.Compare("r/alpha", "r/Zeta", StringComparison.CurrentCulture) < 0); // the hazard is real here
            text = GeneratorHarness.GeneratedText(GeneratorHarness.Run(compilation).Result);
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentCulture = previous;
        }

        var zeta = text.IndexOf("RouteDescriptor(\"r/Zeta\"", StringComparison.Ordinal);
        var alpha = text.IndexOf("RouteDescriptor(\"r/alpha\"", StringComparison.Ordinal);
        var beta = text.IndexOf("RouteDescriptor(\"r/beta\"", StringComparison.Ordinal);
        Assert.True(zeta >= 0 && zeta < alpha && alpha < beta, text);
    }

    [Fact]
    public Task LargeRouter_HashTableDispatcher_MatchesSnapshot()
    {
        // One route over the switch's limit: the dispatcher is the compile-time hash table, and its header says so.
        var routes = string.Concat(Enumerable.Range(0, Emitting.RouterEmitter.MaxStringSwitchRoutes + 1)
            .Select(i => $"    [Route(\"r/{i:D2}\")] public static void R{i:D2}() {{ }}\n"));
        return SnapshotAssert.GeneratedMatchesAsync("LargeRouter", "Large.LargeRouter.Router.g.cs",
            [("Large.cs", "using Router;\nnamespace Large;\n[GeneratedRouter]\npublic sealed partial class LargeRouter;\npublic static class Handlers\n{\n" + routes + "}\n")]);
    }

    [Fact]
    public Task RouterWithErrors_StillEmitsPublicSurface_MatchesSnapshot()
        // Only the two RTR001, and no cascade of CS errors from a missing DispatchAsync or Routes.
        => SnapshotAssert.GeneratedMatchesAsync("BadRouter", "Bad.BadRouter.Router.g.cs",
            [("Bad.cs", """
                using Router;
                namespace Bad;
                [GeneratedRouter]
                public sealed partial class BadRouter;
                public static class Handlers
                {
                    [Route("a")] public static void A() { }
                    [Route("a")] public static void B() { }
                }
                """)],
            new DiagnosticResult(DiagnosticDescriptors.DuplicateRoute).WithSpan("Bad.cs", 7, 6, 7, 16).WithArguments("a", "Bad.Handlers.A", "Bad.Handlers.B"),
            new DiagnosticResult(DiagnosticDescriptors.DuplicateRoute).WithSpan("Bad.cs", 8, 6, 8, 16).WithArguments("a", "Bad.Handlers.B", "Bad.Handlers.A"));

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public Task GeneratedSource_DoesNotDependOnFileOrder(bool backward)
    {
        var input = GeneratorHarness.ReadInput("Shop.cs");
        var split = input.IndexOf("[Route(\"user\")]", StringComparison.Ordinal);
        var head = input[..split];
        var usings = string.Concat(head.Split('\n').Where(l => l.StartsWith("using ", StringComparison.Ordinal)).Select(l => l + "\n"));
        (string, string) a = ("A.cs", head), b = ("B.cs", usings + "namespace Shop;\n" + input[split..]);

        // Both orders must give exactly the one-file snapshot.
        return SnapshotAssert.GeneratedMatchesAsync("ShopRouter", ShopHintName, backward ? [b, a] : [a, b]);
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
        var errors = output.GetDiagnostics().Where(d => d.Severity == Microsoft.CodeAnalysis.DiagnosticSeverity.Error).ToList();
        Assert.NotEmpty(errors);
        Assert.All(errors, d => Assert.Equal("Broken.cs", d.Location.SourceTree?.FilePath));
    }
}
