using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Router.Generator.Emitting;
using Router.Generator.Model;
using Router.Generator.Parsing;
using Router.Generator.RouteTable;

namespace Router.Generator;

/// <summary>
/// The incremental pipeline: <c>[GeneratedRouter]</c>, <c>[Route]</c>, <c>[Middleware]</c> and JSON
/// contexts are found with <c>ForAttributeWithMetadataName</c>, turned into equatable specs, combined
/// into one route table, and emitted as the router's partial class. Diagnostics are a separate output
/// so that moving code (which changes locations) does not re-emit the router.
/// </summary>
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
            .Where(static name => name is not null)
            .Select(static (name, _) => name!)
            .WithTrackingName(TrackingNames.JsonContexts)
            .Collect();

        var table = routers
            .Combine(handlers)
            .Combine(middleware)
            .Combine(jsonContexts)
            .Select(static (input, _) => RouteTableBuilder.Build(input.Left.Left.Left, input.Left.Left.Right, input.Left.Right, input.Right))
            .WithTrackingName(TrackingNames.RouteTable);

        var model = table
            .Select(static (table, _) => table.Model)
            .WithTrackingName(TrackingNames.RouterModel);

        var diagnostics = table
            .Select(static (table, _) => table.Diagnostics)
            .WithTrackingName(TrackingNames.Diagnostics);

        context.RegisterSourceOutput(model, static (output, model) =>
        {
            if (model is not null)
            {
                output.AddSource(RouterEmitter.HintName(model), RouterEmitter.Emit(model));
            }
        });

        context.RegisterSourceOutput(diagnostics, static (output, diagnostics) =>
        {
            foreach (var diagnostic in diagnostics)
            {
                output.ReportDiagnostic(diagnostic.ToDiagnostic());
            }
        });
    }
}
