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
/// The emitted source depends only on the location-free <see cref="RouterModel"/>, so an edit that moves
/// code or touches no route re-emits nothing. The whole-table diagnostics are a separate output that
/// also takes the compilation, to point into its syntax trees: only such source locations honour
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
            .WithTrackingName(TrackingNames.Routers)
            .Collect();

        var handlers = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                "Router.RouteAttribute",
                static (node, _) => node is MethodDeclarationSyntax,
                HandlerParser.Parse)
            .WithTrackingName(TrackingNames.Handlers)
            .Collect();

        var referencedHandlers = context.CompilationProvider
            .Select(ReferencedHandlers.Find)
            .WithTrackingName(TrackingNames.ReferencedHandlers);

        var middleware = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                "Router.MiddlewareAttribute",
                static (node, _) => node is TypeDeclarationSyntax,
                MiddlewareParser.Parse)
            .WithTrackingName(TrackingNames.Middleware)
            .Collect();

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

        var table = routers
            .Combine(handlers)
            .Combine(referencedHandlers)
            .Combine(middleware)
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

        var source = table
            .Select(static (table, _) => table.Model)
            .WithTrackingName(TrackingNames.RouterModel)
            .Select(static (model, _) => model is null ? null : new EmittedSource(RouterEmitter.HintName(model), RouterEmitter.Emit(model)))
            .WithTrackingName(TrackingNames.EmittedSource);

        var diagnostics = table
            .Select(static (table, _) => table.Diagnostics)
            .WithTrackingName(TrackingNames.Diagnostics);

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
