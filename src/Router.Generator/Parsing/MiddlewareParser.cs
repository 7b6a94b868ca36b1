using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Router.Generator.Model;

namespace Router.Generator.Parsing;

/// <summary>Reads a class marked <c>[Middleware]</c>.</summary>
internal static class MiddlewareParser
{
    public static MiddlewareSpec Parse(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
    {
        var type = (INamedTypeSymbol)context.TargetSymbol;
        cancellationToken.ThrowIfCancellationRequested();

        var patterns = new List<MiddlewarePatternSpec>(context.Attributes.Length);
        foreach (var attribute in context.Attributes)
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

            patterns.Add(new MiddlewarePatternSpec(pattern, order, attribute.GetLocation()));
        }

        // Problems with the type itself (RTR006, RTR013) point at its first [Middleware] attribute.
        var location = patterns.Count > 0 && patterns[0].Location is { } first
            ? first
            : LocationInfo.From(((TypeDeclarationSyntax)context.TargetNode).Identifier.GetLocation());
        return new MiddlewareSpec(type.ToMiddlewareRef(location), patterns.ToEquatableArray());
    }
}
