using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Router.Generator.Model;

namespace Router.Generator.Parsing;

/// <summary>Reads the <c>[GeneratedRouter]</c> class and the JSON contexts of the compilation.</summary>
internal static class RouterParser
{
    public static RouterSpec Parse(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
    {
        var type = (INamedTypeSymbol)context.TargetSymbol;
        cancellationToken.ThrowIfCancellationRequested();

        string? jsonContext = null;
        foreach (var argument in context.Attributes[0].NamedArguments)
        {
            if (argument.Key == "JsonContext" && argument.Value.Value is ITypeSymbol jsonType)
            {
                jsonContext = jsonType.FullyQualified();
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
        else
        {
            foreach (var reference in type.DeclaringSyntaxReferences)
            {
                if (reference.GetSyntax(cancellationToken) is ClassDeclarationSyntax declaration
                    && !declaration.Modifiers.Any(SyntaxKind.PartialKeyword))
                {
                    problem = "must be declared 'partial' so the generator can fill it in";
                    break;
                }
            }
        }

        var ns = type.ContainingNamespace.IsGlobalNamespace ? string.Empty : type.ContainingNamespace.ToDisplayString();
        var location = LocationInfo.From(((ClassDeclarationSyntax)context.TargetNode).Identifier.GetLocation());
        return new RouterSpec(ns, type.Name, jsonContext, problem, location);
    }

    /// <summary>The fully qualified name of a class with <c>[JsonSerializable]</c> that derives from <c>JsonSerializerContext</c>, or null.</summary>
    public static string? ParseJsonContext(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        for (var baseType = ((INamedTypeSymbol)context.TargetSymbol).BaseType; baseType is not null; baseType = baseType.BaseType)
        {
            if (baseType.IsType("System.Text.Json.Serialization.JsonSerializerContext"))
            {
                return ((INamedTypeSymbol)context.TargetSymbol).FullyQualified();
            }
        }

        return null;
    }
}
