using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Router.Generator.Diagnostics;
using Router.Generator.Model;

namespace Router.Generator.Parsing;

/// <summary>Reads a class marked <c>[Middleware]</c>, and the problems of that class alone.</summary>
internal static class MiddlewareParser
{
    public static MiddlewareSpec Parse(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
        => Parse(
            (INamedTypeSymbol)context.TargetSymbol,
            context.Attributes,
            LocationInfo.From(((TypeDeclarationSyntax)context.TargetNode).Identifier.GetLocation()),
            context.SemanticModel.Compilation.Assembly,
            cancellationToken);

    /// <param name="type">The middleware class.</param>
    /// <param name="middlewareAttributes">Its <c>[Middleware]</c> attributes.</param>
    /// <param name="identifier">Where to point when no attribute has a location.</param>
    /// <param name="routerAssembly">The assembly the generated router is compiled into.</param>
    public static MiddlewareSpec Parse(
        INamedTypeSymbol type,
        ImmutableArray<AttributeData> middlewareAttributes,
        LocationInfo? identifier,
        IAssemblySymbol routerAssembly,
        CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();

        var diagnostics = new List<DiagnosticInfo>();
        var patterns = new List<MiddlewarePatternSpec>(middlewareAttributes.Length);
        foreach (var attribute in middlewareAttributes)
        {
            var pattern = attribute.ConstructorArguments.Length == 1 ? attribute.ConstructorArguments[0].Value as string : "*";
            if (pattern is null)
            {
                continue; // a compile error the user already sees
            }

            var order = 0;
            foreach (var argument in attribute.NamedArguments)
            {
                if (argument.Key == "Order" && argument.Value.Value is int value)
                {
                    order = value;
                }
            }

            var location = attribute.GetLocation();
            if (RouteText.ValidatePattern(pattern) is { } reason)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidRouteText, location, pattern, reason));
            }

            patterns.Add(new MiddlewarePatternSpec(pattern, order, location));
        }

        // Problems with the type itself (RTR005, RTR006, RTR013) point at its first [Middleware] attribute.
        var typeLocation = patterns.Count > 0 && patterns[0].Location is { } first ? first : identifier;
        var reference = type.ToMiddlewareRef(typeLocation, routerAssembly);
        MiddlewareChecks.Check(reference, diagnostics);
        return new MiddlewareSpec(reference, patterns.ToEquatableArray(), diagnostics.ToEquatableArray());
    }
}
