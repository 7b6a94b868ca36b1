using System.Collections.Concurrent;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Router.Generator.Diagnostics;
using Router.Generator.Model;
using Router.Generator.Parsing;

namespace Router.Generator.Analyzers;

/// <summary>
/// The checks of one symbol: a handler method (RTR002, RTR004, RTR005, RTR006, RTR013, RTR014, RTR015), a
/// <c>[Middleware]</c> class (RTR002, RTR005, RTR006, RTR013) and the <c>[GeneratedRouter]</c> class
/// (RTR011). They run the same parsers as <see cref="RouterGenerator"/>, which only uses their results
/// to decide whether to emit; reporting them here gives exact source locations, runs per symbol as the
/// user types, and honours <c>#pragma</c> and <c>.editorconfig</c> as every analyzer does.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class RouterAnalyzer : DiagnosticAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
        DiagnosticDescriptors.InvalidRouteText,
        DiagnosticDescriptors.UnsupportedHandler,
        DiagnosticDescriptors.NotAccessible,
        DiagnosticDescriptors.NotAMiddleware,
        DiagnosticDescriptors.InvalidRouterClass,
        DiagnosticDescriptors.CannotConstruct,
        DiagnosticDescriptors.PatternAsRoute,
        DiagnosticDescriptors.InvalidMethods,
        DiagnosticDescriptors.CannotValidate,
        DiagnosticDescriptors.ValidationDoesNotApply);

    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(static start =>
        {
            var routeAttribute = start.Compilation.GetTypeByMetadataName("Router.RouteAttribute");
            if (routeAttribute is null)
            {
                return; // Router.Abstractions is not referenced: nothing to check
            }

            var middlewareAttribute = start.Compilation.GetTypeByMetadataName("Router.MiddlewareAttribute");
            var routerAttribute = start.Compilation.GetTypeByMetadataName("Router.GeneratedRouterAttribute");

            // A class-level problem (a bad prefix, a class [UseMiddleware]) is found once per handler
            // method of the class; report each only once.
            var reported = new ConcurrentDictionary<DiagnosticInfo, byte>();
            void Report(SymbolAnalysisContext context, DiagnosticInfo diagnostic)
            {
                if (reported.TryAdd(diagnostic, 0))
                {
                    context.ReportDiagnostic(diagnostic.ToDiagnostic(context.Compilation));
                }
            }

            start.RegisterSymbolAction(context =>
            {
                var method = (IMethodSymbol)context.Symbol;
                var routes = Attributes(method, routeAttribute);
                if (routes.IsEmpty)
                {
                    return;
                }

                foreach (var diagnostic in HandlerParser.Parse(method, routes, context.Compilation.Assembly, context.CancellationToken).Diagnostics)
                {
                    Report(context, diagnostic);
                }
            }, SymbolKind.Method);

            start.RegisterSymbolAction(context =>
            {
                var type = (INamedTypeSymbol)context.Symbol;
                var middleware = Attributes(type, middlewareAttribute);
                if (!middleware.IsEmpty)
                {
                    var identifier = type.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax(context.CancellationToken) is TypeDeclarationSyntax declaration
                        ? LocationInfo.From(declaration.Identifier.GetLocation())
                        : null;
                    foreach (var diagnostic in MiddlewareParser.Parse(type, middleware, identifier, context.Compilation.Assembly, context.CancellationToken).Diagnostics)
                    {
                        Report(context, diagnostic);
                    }
                }

                var router = Attributes(type, routerAttribute);
                if (!router.IsEmpty && RouterParser.Parse(type, router[0], context.CancellationToken) is { Problem: { } problem } spec)
                {
                    var diagnostic = DiagnosticInfo.Create(DiagnosticDescriptors.InvalidRouterClass, spec.Location, type.Display(), problem);
                    Report(context, spec.CanAddPartial ? diagnostic.WithProperties(new DiagnosticProperty(DiagnosticProperties.AddPartial, "true")) : diagnostic);
                }
            }, SymbolKind.NamedType);
        });
    }

    private static ImmutableArray<AttributeData> Attributes(ISymbol symbol, INamedTypeSymbol? attributeClass)
    {
        if (attributeClass is null)
        {
            return ImmutableArray<AttributeData>.Empty;
        }

        var builder = ImmutableArray.CreateBuilder<AttributeData>();
        foreach (var attribute in symbol.GetAttributes())
        {
            if (SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, attributeClass))
            {
                builder.Add(attribute);
            }
        }

        return builder.ToImmutable();
    }
}
