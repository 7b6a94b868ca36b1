using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Router.Generator.Tests;

/// <summary>
/// <c>#pragma warning disable</c> and <c>.editorconfig</c> severities work on both kinds of router
/// diagnostics: the generator's whole-table ones (RTR003, RTR009) and the analyzer's (RTR002, RTR004).
/// The .editorconfig text goes through Roslyn's own parser (<see cref="AnalyzerConfigSet"/>), as the
/// compiler reads it in a build.
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
            [Route("pay/makeOrder")] public static void A() { }
        #pragma warning disable RTR003 // the old spelling stays for old clients
            [Route("pay/MakeOrder")] public static void B() { }
        #pragma warning restore RTR003
        }
        """;

    [Fact]
    public void Pragma_SilencesAGeneratorDiagnostic_OnlyInsideItsRegion()
    {
        var diagnostics = GeneratorHarness.Diagnose(Compile(("/src/App.cs", CaseTwins)));

        var diagnostic = Assert.Single(diagnostics);
        Assert.Equal("RTR003", diagnostic.Id);
        Assert.Equal(6, diagnostic.Location.GetLineSpan().StartLinePosition.Line); // A's route, outside the region
    }

    [Fact]
    public void WithoutThePragma_BothTwinsAreReported()
    {
        // Guards the test above: the pragma is what removes the second diagnostic.
        var source = CaseTwins.Replace("#pragma warning disable RTR003", "", StringComparison.Ordinal).Replace("#pragma warning restore RTR003", "", StringComparison.Ordinal);

        Assert.Equal(["RTR003", "RTR003"], GeneratorHarness.Diagnose(Compile(("/src/App.cs", source))).Select(d => d.Id));
    }

    [Fact]
    public void Pragma_SilencesAnAnalyzerDiagnostic()
    {
        const string source = Prelude + """
            public static class H
            {
            #pragma warning disable RTR002
                [Route("pay order")] public static void A() { }
            #pragma warning restore RTR002
                [Route("pay//refund")] public static void B() { }
            }
            """;

        var diagnostic = Assert.Single(GeneratorHarness.Diagnose(Compile(("/src/App.cs", source))));
        Assert.Equal("RTR002", diagnostic.Id);
        Assert.Contains("pay//refund", diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
    }

    [Fact]
    public void EditorConfig_NoneSilences_AndErrorPromotes_GeneratorDiagnostics()
    {
        const string source = Prelude + """
            [Middleware("shop/*")] public sealed class G : IRouteMiddleware { public ValueTask InvokeAsync(RouteContext c, RouteHandler n) => n(c); }
            public static class H { [Route("pay/a")] public static void A() { } [Route("pay/A")] public static void B() { } }
            """;
        const string editorConfig = """
            root = true

            [*.cs]
            dotnet_diagnostic.RTR009.severity = none
            dotnet_diagnostic.RTR003.severity = error
            """;

        var baseline = GeneratorHarness.Diagnose(Compile(("/src/App.cs", source)));
        Assert.Equal(["RTR009", "RTR003", "RTR003"], baseline.Select(d => d.Id));
        Assert.All(baseline, d => Assert.Equal(DiagnosticSeverity.Warning, d.Severity));

        var configured = GeneratorHarness.Diagnose(Compile(editorConfig, ("/src/App.cs", source)));
        Assert.Equal(["RTR003", "RTR003"], configured.Select(d => d.Id));
        Assert.All(configured, d => Assert.Equal(DiagnosticSeverity.Error, d.Severity));
    }

    [Fact]
    public void EditorConfig_SilencesAnAnalyzerDiagnostic_PerFolder()
    {
        const string handler = """
            using Router;
            namespace App;
            public static class {0} {{ [Route("{1}")] public static void A(string name) {{ }} }}
            """;
        const string editorConfig = """
            root = true

            [legacy/*.cs]
            dotnet_diagnostic.RTR004.severity = none
            """;

        var diagnostics = GeneratorHarness.Diagnose(Compile(
            editorConfig,
            ("/src/App.cs", Prelude),
            ("/src/legacy/Old.cs", string.Format(System.Globalization.CultureInfo.InvariantCulture, handler, "Old", "old")),
            ("/src/New.cs", string.Format(System.Globalization.CultureInfo.InvariantCulture, handler, "New", "new"))));

        var diagnostic = Assert.Single(diagnostics);
        Assert.Equal("RTR004", diagnostic.Id);
        Assert.Equal("/src/New.cs", diagnostic.Location.SourceTree?.FilePath);
    }

    private static CSharpCompilation Compile(params (string Path, string Text)[] sources) => GeneratorHarness.CreateCompilation(sources);

    private static CSharpCompilation Compile(string editorConfig, params (string Path, string Text)[] sources)
    {
        var compilation = GeneratorHarness.CreateCompilation(sources);
        var configSet = AnalyzerConfigSet.Create(ImmutableArray.Create(AnalyzerConfig.Parse(editorConfig, "/src/.editorconfig")));
        var provider = new EditorConfigOptions(compilation.SyntaxTrees.ToImmutableDictionary(t => t, t => configSet.GetOptionsForSourcePath(t.FilePath).TreeOptions));
        return compilation.WithOptions(compilation.Options.WithSyntaxTreeOptionsProvider(provider));
    }

    /// <summary>Per-tree severities from .editorconfig, as the compiler passes them to a compilation.</summary>
    private sealed class EditorConfigOptions(ImmutableDictionary<SyntaxTree, ImmutableDictionary<string, ReportDiagnostic>> options) : SyntaxTreeOptionsProvider
    {
        public override GeneratedKind IsGenerated(SyntaxTree tree, CancellationToken cancellationToken) => GeneratedKind.Unknown;

        public override bool TryGetDiagnosticValue(SyntaxTree tree, string diagnosticId, CancellationToken cancellationToken, out ReportDiagnostic severity)
        {
            severity = ReportDiagnostic.Default;
            return options.TryGetValue(tree, out var treeOptions) && treeOptions.TryGetValue(diagnosticId, out severity);
        }

        public override bool TryGetGlobalDiagnosticValue(string diagnosticId, CancellationToken cancellationToken, out ReportDiagnostic severity)
        {
            severity = ReportDiagnostic.Default;
            return false;
        }
    }
}
