using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using Router.Generator.Tests.Verifiers;

namespace Router.Generator.Tests;

/// <summary>
/// <c>#pragma warning disable</c> and <c>.editorconfig</c> severities work on both kinds of router
/// diagnostics: the generator's whole-table ones (RTR003, RTR009) and the analyzer's (RTR002, RTR004),
/// with the .editorconfig read by the compiler's own parser as in a build (the test library's
/// <c>AnalyzerConfigFiles</c>).
/// </summary>
public sealed class SuppressionTests
{
    private const string Prelude = """
        using System.Threading.Tasks;
        using Router;
        namespace App;
        [GeneratedRouter] public sealed partial class R;

        """;

    private const string CaseTwins = Prelude + """
        public static class H
        {
            [{|RTR003:Route("pay/makeOrder")|}] public static void A() { }
        #pragma warning disable RTR003 // the old spelling stays for old clients
            [Route("pay/MakeOrder")] public static void B() { }
        #pragma warning restore RTR003
        }
        """;

    [Fact]
    public Task Pragma_SilencesAGeneratorDiagnostic_OnlyInsideItsRegion()
        => VerifyAsync(null, ("/src/App.cs", CaseTwins)); // only A's route, outside the region, is marked

    [Fact]
    public Task WithoutThePragma_BothTwinsAreReported()
        // Guards the test above: the pragma is what removes the second diagnostic.
        => VerifyAsync(null, ("/src/App.cs", CaseTwins
            .Replace("#pragma warning disable RTR003", "", StringComparison.Ordinal)
            .Replace("#pragma warning restore RTR003", "", StringComparison.Ordinal)
            .Replace("[Route(\"pay/MakeOrder\")]", "[{|RTR003:Route(\"pay/MakeOrder\")|}]", StringComparison.Ordinal)));

    [Fact]
    public Task Pragma_SilencesAnAnalyzerDiagnostic()
    {
        var test = new RouterDiagnosticTest
        {
            TestState =
            {
                Sources =
                {
                    ("/src/App.cs", Prelude + """
                        public static class H
                        {
                        #pragma warning disable RTR002
                            [Route("pay order")] public static void A() { }
                        #pragma warning restore RTR002
                            [{|RTR002:Route("pay//refund")|}] public static void B() { }
                        }
                        """),
                },
            },
            // The library's own check puts a pragma at the top of the file, which this file's restore ends.
            TestBehaviors = TestBehaviors.SkipGeneratedSourcesCheck | TestBehaviors.SkipSuppressionCheck,
        };
        return test.RunAsync();
    }

    private const string PatternAndTwins = Prelude + """
        [{|#0:Middleware("shop/*")|}] public sealed class G : IRouteMiddleware { public ValueTask InvokeAsync(RouteContext c, RouteHandler n) => n(c); }
        public static class H { [{|#1:Route("pay/a")|}] public static void A() { } [{|#2:Route("pay/A")|}] public static void B() { } }
        """;

    [Fact]
    public Task WithoutEditorConfig_TheTableDiagnosticsAreWarnings()
        => VerifyAsync(null, ("/src/App.cs", PatternAndTwins),
            new DiagnosticResult("RTR009", DiagnosticSeverity.Warning).WithLocation(0),
            new DiagnosticResult("RTR003", DiagnosticSeverity.Warning).WithLocation(1),
            new DiagnosticResult("RTR003", DiagnosticSeverity.Warning).WithLocation(2));

    [Fact]
    public Task EditorConfig_NoneSilences_AndErrorPromotes_GeneratorDiagnostics()
        => VerifyAsync("""
            root = true

            [*.cs]
            dotnet_diagnostic.RTR009.severity = none
            dotnet_diagnostic.RTR003.severity = error
            """,
            ("/src/App.cs", PatternAndTwins),
            new DiagnosticResult("RTR003", DiagnosticSeverity.Error).WithLocation(1),
            new DiagnosticResult("RTR003", DiagnosticSeverity.Error).WithLocation(2));

    [Fact]
    public Task EditorConfig_SilencesAnAnalyzerDiagnostic_PerFolder()
        => VerifyAsync("""
            root = true

            [legacy/*.cs]
            dotnet_diagnostic.RTR004.severity = none
            """,
            ("/src/App.cs", Prelude),
            ("/src/legacy/Old.cs", """
                using Router;
                namespace App;
                public static class Old { [Route("old")] public static void A(string name) { } }
                """),
            ("/src/New.cs", """
                using Router;
                namespace App;
                public static class New { [Route("new")] public static void A(string {|RTR004:name|}) { } }
                """));

    private static Task VerifyAsync(string? editorConfig, params (string Path, string Text)[] sources)
        => VerifyAsync(editorConfig, sources, []);

    private static Task VerifyAsync(string? editorConfig, (string Path, string Text) source, params DiagnosticResult[] expected)
        => VerifyAsync(editorConfig, [source], expected);

    private static Task VerifyAsync(string? editorConfig, (string Path, string Text)[] sources, DiagnosticResult[] expected)
    {
        var test = new RouterDiagnosticTest();
        foreach (var source in sources)
        {
            test.TestState.Sources.Add(source);
        }
        if (editorConfig is not null)
        {
            test.TestState.AnalyzerConfigFiles.Add(("/src/.editorconfig", editorConfig));
        }

        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }
}
