using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Router.Generator.Emitting;
using Router.Generator.Model;
using Router.Generator.Parsing;
using Router.Generator.RouteTable;

namespace Router.Generator;

/// <summary>
/// The incremental pipeline: <c>[GeneratedRouter]</c>, <c>[Route]</c>, <c>[Middleware]</c> and JSON
/// contexts are found with <c>ForAttributeWithMetadataName</c> (and the public handlers of referenced
/// libraries from the compilation's references), turned into equatable specs, combined into one route
/// table, and emitted as the router's partial class.
/// </summary>
/// <remarks>
/// The route table is built from position-free specs and the emitted source depends only on the
/// location-free <see cref="RouterModel"/>, so an edit that moves code or touches no route neither
/// rebuilds the table nor re-emits. The whole-table diagnostics are a separate output that also takes
/// the compilation, to point into its syntax trees: only such source locations honour
/// <c>#pragma warning disable</c> and <c>.editorconfig</c> severities. That output re-runs on every
/// edit, but it only turns a (usually empty) list into diagnostics. Checks of one symbol are reported by
/// <see cref="Analyzers.RouterAnalyzer"/>, not here.
/// </remarks>
[Generator(LanguageNames.CSharp)]
public sealed class RouterGenerator : IIncrementalGenerator
{
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var routers = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                "Router.GeneratedRouterAttribute",
                static (node, _) => node is ClassDeclarationSyntax,
                RouterParser.Parse)
            .WithTrackingName(TrackingNames.Routers);

        var handlers = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                "Router.RouteAttribute",
                static (node, _) => node is MethodDeclarationSyntax,
                HandlerParser.Parse)
            .WithTrackingName(TrackingNames.Handlers);

        var referencedHandlers = context.CompilationProvider
            .Select(ReferencedHandlers.Find)
            .WithTrackingName(TrackingNames.ReferencedHandlers);

        var middleware = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                "Router.MiddlewareAttribute",
                static (node, _) => node is TypeDeclarationSyntax,
                MiddlewareParser.Parse)
            .WithTrackingName(TrackingNames.Middleware);

        var jsonContexts = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                "System.Text.Json.Serialization.JsonSerializableAttribute",
                static (node, _) => node is ClassDeclarationSyntax,
                RouterParser.ParseJsonContext)
            .Where(static spec => spec is not null)
            .Select(static (spec, _) => spec!)
            .WithTrackingName(TrackingNames.JsonContexts)
            .Collect();

        var isExecutable = context.CompilationProvider
            .Select(static (compilation, _) => compilation.Options.OutputKind is OutputKind.ConsoleApplication or OutputKind.WindowsApplication or OutputKind.WindowsRuntimeApplication);

        // The table is built from position-free specs (each file kept, no spans), item by item, so an
        // edit that only moves code leaves its input equal and the whole table cached.
        var table = routers.Select(static (r, _) => r with { Location = r.Location?.FileOnly() }).Collect()
            .Combine(handlers.Select(static (h, _) => PositionFree.Of(h)).Collect())
            .Combine(referencedHandlers)
            .Combine(middleware.Select(static (m, _) => PositionFree.Of(m)).Collect())
            .Combine(jsonContexts)
            .Combine(isExecutable)
            .Select(static (input, _) => new RouteTableInput(
                input.Left.Left.Left.Left.Left.ToEquatableArray(),
                input.Left.Left.Left.Left.Right.ToEquatableArray(),
                input.Left.Left.Left.Right,
                input.Left.Left.Right.ToEquatableArray(),
                input.Left.Right.ToEquatableArray(),
                input.Right))
            .Select(static (input, _) => RouteTableBuilder.Build(input))
            .WithTrackingName(TrackingNames.RouteTable);

        // Only a table with diagnostics is built again from the located specs, for their exact spans.
        // This step runs on every edit, but without diagnostics it returns at once.
        var diagnostics = table
            .Combine(routers.Collect())
            .Combine(handlers.Collect())
            .Combine(referencedHandlers)
            .Combine(middleware.Collect())
            .Combine(jsonContexts)
            .Combine(isExecutable)
            .Select(static (input, _) =>
            {
                var table = input.Left.Left.Left.Left.Left.Left;
                return table.Diagnostics.Count == 0
                    ? table.Diagnostics
                    : RouteTableBuilder.Build(new RouteTableInput(
                        input.Left.Left.Left.Left.Left.Right.ToEquatableArray(),
                        input.Left.Left.Left.Left.Right.ToEquatableArray(),
                        input.Left.Left.Left.Right,
                        input.Left.Left.Right.ToEquatableArray(),
                        input.Left.Right.ToEquatableArray(),
                        input.Right)).Diagnostics;
            })
            .WithTrackingName(TrackingNames.Diagnostics);

        var source = table
            .Select(static (table, _) => table.Model)
            .WithTrackingName(TrackingNames.RouterModel)
            .Select(static (model, _) => model is null ? null : new EmittedSource(RouterEmitter.HintName(model), RouterEmitter.Emit(model)))
            .WithTrackingName(TrackingNames.EmittedSource);

        context.RegisterSourceOutput(source, static (output, source) =>
        {
            if (source is not null)
            {
                output.AddSource(source.HintName, source.Text);
            }
        });

        context.RegisterSourceOutput(diagnostics.Combine(context.CompilationProvider), static (output, input) =>
        {
            foreach (var diagnostic in input.Left)
            {
                output.ReportDiagnostic(diagnostic.ToDiagnostic(input.Right));
            }
        });
    }
}
