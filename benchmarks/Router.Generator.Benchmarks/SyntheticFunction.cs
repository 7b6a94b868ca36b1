using System.Collections.Immutable;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Router.Generator.Benchmarks;

/// <summary>
/// A synthetic function of <c>n</c> routes, shaped like a real one: 10 handlers per file and class
/// (<c>area{k}/op{i}</c>, a class prefix), one request type per class, a global middleware and one
/// <c>area{k}/*</c> middleware per 10 classes, and one JSON context listing the request and reply types.
/// </summary>
internal static class SyntheticFunction
{
    public static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.CSharp12);

    private static readonly Lazy<ImmutableArray<MetadataReference>> s_references = new(() =>
        ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Where(path => Path.GetFileName(path).StartsWith("System.", StringComparison.Ordinal) || Path.GetFileName(path) is "netstandard.dll" or "mscorlib.dll")
            .Append(typeof(RouteAttribute).Assembly.Location)
            .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path))
            .ToImmutableArray());

    public static CSharpCompilation Create(int routes)
    {
        var classes = Math.Max(1, routes / 10);
        var trees = new List<SyntaxTree> { Parse("Function.cs", Function(classes)) };
        for (var c = 0; c < classes; c++)
        {
            trees.Add(Parse($"Handlers{c}.cs", HandlerFile(c, Math.Min(10, routes - (c * 10)), body: "request.Value")));
        }

        return CSharpCompilation.Create(
            "SyntheticFunction",
            trees,
            s_references.Value,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable, optimizationLevel: OptimizationLevel.Release)
                .WithSpecificDiagnosticOptions([
                    new KeyValuePair<string, ReportDiagnostic>("CS1701", ReportDiagnostic.Suppress),
                    new KeyValuePair<string, ReportDiagnostic>("CS1702", ReportDiagnostic.Suppress)]));
    }

    /// <summary>The same compilation with one handler's method body edited: nothing the router depends on changes.</summary>
    public static CSharpCompilation EditOneBody(CSharpCompilation compilation, int generation)
    {
        var tree = compilation.SyntaxTrees.First(t => t.FilePath == "Handlers0.cs");
        var text = HandlerFile(0, 10, body: $"request.Value + {generation}");
        return compilation.ReplaceSyntaxTree(tree, tree.WithChangedText(Microsoft.CodeAnalysis.Text.SourceText.From(text)));
    }

    private static SyntaxTree Parse(string path, string text) => CSharpSyntaxTree.ParseText(text, ParseOptions, path);

    private static string Function(int classes)
    {
        var builder = new StringBuilder("""
            using System;
            using System.Text.Json;
            using System.Text.Json.Serialization;
            using System.Text.Json.Serialization.Metadata;
            using System.Threading.Tasks;
            using Router;

            namespace Synthetic;

            [GeneratedRouter(JsonContext = typeof(SyntheticJson))]
            public sealed partial class SyntheticRouter;

            public sealed record Reply(int Code, int Value);

            [Middleware(Order = 0)]
            public sealed class RequestLog : IRouteMiddleware
            {
                public ValueTask InvokeAsync(RouteContext context, RouteHandler next) => next(context);
            }

            """);
        for (var area = 0; area * 10 < classes; area++)
        {
            builder.AppendLine($$"""
                [Middleware("area{{area}}/*", Order = 1)]
                public sealed class Area{{area}}Guard : IRouteMiddleware
                {
                    public ValueTask InvokeAsync(RouteContext context, RouteHandler next) => next(context);
                }
                """);
        }

        builder.AppendLine("// A stand-in for the System.Text.Json generator's output, as in the generator tests.");
        builder.AppendLine("[JsonSerializable(typeof(Reply))]");
        for (var c = 0; c < classes; c++)
        {
            builder.AppendLine($"[JsonSerializable(typeof(Request{c}))]");
        }

        builder.AppendLine("""
            public sealed class SyntheticJson() : JsonSerializerContext(null)
            {
                public static SyntheticJson Default { get; } = new();
                protected override JsonSerializerOptions? GeneratedSerializerOptions => null;
                public override JsonTypeInfo? GetTypeInfo(Type type) => null;
            }
            """);
        return builder.ToString();
    }

    private static string HandlerFile(int index, int handlers, string body)
    {
        var builder = new StringBuilder($$"""
            using Router;

            namespace Synthetic;

            public sealed record Request{{index}}(int Value);

            [Route("area{{index / 10}}/c{{index}}")]
            public static class Handlers{{index}}
            {

            """);
        for (var h = 0; h < handlers; h++)
        {
            builder.AppendLine($$"""
                    [Route("op{{h}}")]
                    public static Reply Op{{h}}(Request{{index}} request) => new(0, {{body}});

                """);
        }

        builder.AppendLine("}");
        return builder.ToString();
    }
}
