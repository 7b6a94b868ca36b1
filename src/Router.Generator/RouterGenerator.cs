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
/// One parse, two projections (the pattern of dotnet/runtime's LoggerMessage and System.Text.Json
/// generators): the route table is built once, from the position-free projection of the located specs
/// (<see cref="PositionFree"/>), and the emitted source depends only on its location-free
/// <see cref="RouterModel"/>, so an edit that moves code or touches no route neither rebuilds the table nor
/// re-emits. The diagnostics are the table's located projection: its anchored diagnostics mapped back to
/// the specs' spans, then each paired with the compilation to point into its syntax tree (only such
/// source locations honour <c>#pragma warning disable</c> and <c>.editorconfig</c> severities). Checks
/// of one symbol are reported by <see cref="Analyzers.RouterAnalyzer"/>, not here.
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

        // One table, built once, from the position-free projection of the specs (each location reduced to
        // its file and an anchor), item by item, so an edit that only moves code leaves its input equal and
        // the whole table cached.
        var table = routers.Select(static (r, _) => PositionFree.Of(r)).Collect()
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

        // The diagnostics' located projection: the table's anchored diagnostics mapped to the spans of the
        // located specs. Not a second build: with no diagnostics it returns its (empty) input at once, and
        // with some it is one dictionary of the specs' locations.
        var diagnostics = table
            .Combine(routers.Collect())
            .Combine(handlers.Collect())
            .Combine(middleware.Collect())
            .Select(static (input, _) => PositionFree.Locate(input.Left.Left.Left.Diagnostics, input.Left.Left.Right, input.Left.Right, input.Right))
            .WithTrackingName(TrackingNames.Diagnostics)
            .SelectMany(static (diagnostics, _) => diagnostics);

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

        // Each diagnostic paired with the compilation, to point into its syntax tree: only such source
        // locations honour #pragma warning disable and .editorconfig severities. Paired item by item, so
        // a table without diagnostics (nearly every keystroke) pairs nothing and reports nothing.
        context.RegisterSourceOutput(diagnostics.Combine(context.CompilationProvider), static (output, input) =>
            output.ReportDiagnostic(input.Left.ToDiagnostic(input.Right)));
    }
}
