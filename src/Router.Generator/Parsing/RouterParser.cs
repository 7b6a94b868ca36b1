using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Router.Generator.Model;

namespace Router.Generator.Parsing;

/// <summary>Reads the <c>[GeneratedRouter]</c> class and the JSON contexts of the compilation.</summary>
internal static class RouterParser
{
    public static RouterSpec Parse(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
        => Parse((INamedTypeSymbol)context.TargetSymbol, context.Attributes[0], cancellationToken);

    /// <param name="type">The class marked <c>[GeneratedRouter]</c>.</param>
    /// <param name="attribute">Its <c>[GeneratedRouter]</c> attribute.</param>
    public static RouterSpec Parse(INamedTypeSymbol type, AttributeData attribute, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();

        string? jsonContext = null;
        foreach (var argument in attribute.NamedArguments)
        {
            if (argument.Key == "JsonContext" && argument.Value.Value is ITypeSymbol jsonType)
            {
                jsonContext = jsonType.FullyQualified();
            }
        }

        LocationInfo? location = null;
        var missingPartial = false;
        foreach (var reference in type.DeclaringSyntaxReferences)
        {
            if (reference.GetSyntax(cancellationToken) is TypeDeclarationSyntax declaration)
            {
                location ??= LocationInfo.From(declaration.Identifier.GetLocation());
                if (!declaration.Modifiers.Any(SyntaxKind.PartialKeyword))
                {
                    location = LocationInfo.From(declaration.Identifier.GetLocation());
                    missingPartial = true;
                    break;
                }
            }
        }

        string? problem = null;
        if (type.TypeKind != TypeKind.Class || type.IsRecord)
        {
            problem = "must be a class";
        }
        else if (type.IsGenericType)
        {
            problem = "must not be generic";
        }
        else if (type.ContainingType is not null)
        {
            problem = "must not be nested in another type";
        }
        else if (type.IsStatic || type.IsAbstract)
        {
            problem = "must not be static or abstract, since the host creates an instance of it";
        }
        else if (missingPartial)
        {
            problem = "must be declared 'partial' so the generator can fill it in";
        }

        var ns = type.ContainingNamespace.IsGlobalNamespace ? string.Empty : type.ContainingNamespace.ToDisplayString();
        return new RouterSpec(ns, type.Name, jsonContext, problem, CanAddPartial: problem is not null && missingPartial, location);
    }

    /// <summary>A class with <c>[JsonSerializable]</c> that derives from <c>JsonSerializerContext</c>, with the types it has metadata for; or null.</summary>
    public static JsonContextSpec? ParseJsonContext(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var type = (INamedTypeSymbol)context.TargetSymbol;
        var isContext = false;
        for (var baseType = type.BaseType; baseType is not null; baseType = baseType.BaseType)
        {
            if (baseType.IsType("System.Text.Json.Serialization.JsonSerializerContext"))
            {
                isContext = true;
                break;
            }
        }

        if (!isContext)
        {
            return null;
        }

        var types = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var attribute in context.Attributes)
        {
            if (attribute.ConstructorArguments.Length == 1 && attribute.ConstructorArguments[0].Value is ITypeSymbol listed)
            {
                AddReachable(listed, types, cancellationToken);
            }
        }

        return new JsonContextSpec(type.FullyQualified(), types.ToEquatableArray());
    }

    /// <summary>
    /// Adds <paramref name="type"/> and what System.Text.Json's generator also gives metadata for:
    /// element types, type arguments, and the types of public instance properties and fields
    /// (not walked into for types of the System namespaces).
    /// </summary>
    private static void AddReachable(ITypeSymbol type, SortedSet<string> types, CancellationToken cancellationToken)
    {
        if (type is IErrorTypeSymbol or ITypeParameterSymbol || !types.Add(type.FullyQualified()))
        {
            return;
        }

        cancellationToken.ThrowIfCancellationRequested();
        switch (type)
        {
            case IArrayTypeSymbol array:
                AddReachable(array.ElementType, types, cancellationToken);
                return;
            case INamedTypeSymbol named:
                foreach (var argument in named.TypeArguments)
                {
                    AddReachable(argument, types, cancellationToken);
                }

                break;
        }

        if (type.ContainingNamespace is { } ns && (ns.ToDisplayString() == "System" || ns.ToDisplayString().StartsWith("System.", StringComparison.Ordinal)))
        {
            return;
        }

        for (var current = type; current is not null; current = current.BaseType)
        {
            foreach (var member in current.GetMembers())
            {
                if (member.IsStatic || member.DeclaredAccessibility != Accessibility.Public)
                {
                    continue;
                }

                var memberType = member switch
                {
                    IPropertySymbol { IsIndexer: false } property => property.Type,
                    IFieldSymbol field => field.Type,
                    _ => null,
                };
                if (memberType is not null)
                {
                    AddReachable(memberType, types, cancellationToken);
                }
            }
        }
    }
}
