using Microsoft.CodeAnalysis;
using Router.Generator.Model;

namespace Router.Generator.Parsing;

internal static class SymbolHelpers
{
    public const string RouterNamespace = "Router";

    private static readonly SymbolDisplayFormat s_displayFormat =
        SymbolDisplayFormat.FullyQualifiedFormat.WithGlobalNamespaceStyle(SymbolDisplayGlobalNamespaceStyle.Omitted);

    /// <summary><c>global::Namespace.Type</c>, for generated code.</summary>
    public static string FullyQualified(this ITypeSymbol type) => type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat);

    /// <summary><c>Namespace.Type</c>, for messages and the route table.</summary>
    public static string Display(this ITypeSymbol type) => type.ToDisplayString(s_displayFormat);

    /// <summary>Whether <paramref name="type"/> is <c>Router.{name}</c> (any arity).</summary>
    public static bool IsRouterType(this ITypeSymbol? type, string name)
        => type is INamedTypeSymbol { ContainingNamespace: { Name: RouterNamespace, ContainingNamespace.IsGlobalNamespace: true } } named
           && named.Name == name;

    public static bool IsType(this ITypeSymbol? type, string fullName)
        => type is not null && type.ToDisplayString(s_displayFormat) == fullName;

    public static bool ImplementsMiddleware(this ITypeSymbol type)
    {
        foreach (var @interface in type.AllInterfaces)
        {
            if (@interface.IsRouterType("IRouteMiddleware"))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Why generated code in <paramref name="from"/> (the router's assembly, outside every type) cannot
    /// name <paramref name="symbol"/>, or null when it can. Within the assembly a symbol and each type
    /// containing it must be internal or wider; from another assembly they must be public.
    /// </summary>
    public static string? WhyInaccessible(this ISymbol symbol, IAssemblySymbol from)
    {
        var sameAssembly = SymbolEqualityComparer.Default.Equals(symbol.ContainingAssembly, from);
        for (var current = symbol; current is not null and not INamespaceSymbol; current = current.ContainingType)
        {
            var accessibility = current.DeclaredAccessibility;
            var visible = accessibility == Accessibility.Public
                || (sameAssembly && accessibility is Accessibility.Internal or Accessibility.ProtectedOrInternal);
            if (!visible)
            {
                var what = current is ITypeSymbol type ? type.Display() : current.Name;
                var declared = accessibility switch
                {
                    Accessibility.Private => "private",
                    Accessibility.Protected => "protected",
                    Accessibility.ProtectedAndInternal => "private protected",
                    Accessibility.Internal => "internal to another assembly",
                    Accessibility.ProtectedOrInternal => "protected internal in another assembly",
                    _ => "not visible",
                };
                return ReferenceEquals(current, symbol)
                    ? $"it is {declared}; make it {(sameAssembly ? "internal or public" : "public")}"
                    : $"its containing type {what} is {declared}; make it {(sameAssembly ? "internal or public" : "public")}";
            }
        }

        return null;
    }

    /// <summary>The first named type in <paramref name="type"/> (itself, an array's element, a type argument) that generated code cannot name, with the reason.</summary>
    public static (ITypeSymbol Type, string Reason)? FindInaccessibleType(this ITypeSymbol type, IAssemblySymbol from)
    {
        switch (type)
        {
            case IArrayTypeSymbol array:
                return array.ElementType.FindInaccessibleType(from);
            case INamedTypeSymbol named:
                if (named.WhyInaccessible(from) is { } reason)
                {
                    return (named, reason);
                }

                foreach (var argument in named.TypeArguments)
                {
                    if (argument.FindInaccessibleType(from) is { } inner)
                    {
                        return inner;
                    }
                }

                return null;
            default:
                return null;
        }
    }

    public static LocationInfo? GetLocation(this AttributeData attribute)
        => LocationInfo.From(attribute.ApplicationSyntaxReference?.GetSyntax());

    /// <summary>Chooses how generated code creates <paramref name="type"/>: the accessible instance constructor with the most parameters.</summary>
    public static ConstructorSpec GetConstructor(this INamedTypeSymbol type)
    {
        if (type.IsStatic)
        {
            return new ConstructorSpec(EquatableArray<string>.Empty, "it is static; make the handler methods static or the class non-static");
        }

        if (type.IsAbstract)
        {
            return new ConstructorSpec(EquatableArray<string>.Empty, "it is abstract or an interface");
        }

        if (type.IsValueType)
        {
            return new ConstructorSpec(EquatableArray<string>.Empty, null);
        }

        IMethodSymbol? best = null;
        foreach (var constructor in type.InstanceConstructors)
        {
            if (constructor.DeclaredAccessibility is Accessibility.Public or Accessibility.Internal or Accessibility.ProtectedOrInternal
                && (best is null || constructor.Parameters.Length > best.Parameters.Length))
            {
                best = constructor;
            }
        }

        if (best is null)
        {
            return new ConstructorSpec(EquatableArray<string>.Empty, "it has no public or internal constructor");
        }

        var parameterTypes = new List<string>(best.Parameters.Length);
        foreach (var parameter in best.Parameters)
        {
            if (parameter.RefKind != RefKind.None || parameter.Type.IsValueType)
            {
                return new ConstructorSpec(
                    EquatableArray<string>.Empty,
                    $"constructor parameter '{parameter.Name}' cannot be resolved from services (only reference types passed by value can)");
            }

            parameterTypes.Add(parameter.Type.FullyQualified());
        }

        return new ConstructorSpec(parameterTypes.ToEquatableArray(), null, type.GetDisposal());
    }

    /// <summary>How <c>await using</c> would dispose <paramref name="type"/>: <c>IAsyncDisposable</c> first, then <c>IDisposable</c>.</summary>
    private static Disposal GetDisposal(this INamedTypeSymbol type)
    {
        var disposal = Disposal.None;
        foreach (var implemented in type.AllInterfaces)
        {
            if (implemented is { Name: "IAsyncDisposable", ContainingNamespace: { Name: "System", ContainingNamespace.IsGlobalNamespace: true } })
            {
                return Disposal.DisposeAsync;
            }

            if (implemented is { Name: "IDisposable", ContainingNamespace: { Name: "System", ContainingNamespace.IsGlobalNamespace: true } })
            {
                disposal = Disposal.Dispose;
            }
        }

        return disposal;
    }

    public static MiddlewareRefSpec ToMiddlewareRef(this ITypeSymbol type, LocationInfo? location, IAssemblySymbol routerAssembly)
        => new(
            type.FullyQualified(),
            type.Display(),
            type.ImplementsMiddleware(),
            type is INamedTypeSymbol named
                ? named.GetConstructor()
                : new ConstructorSpec(EquatableArray<string>.Empty, "it is not a class"),
            type.WhyInaccessible(routerAssembly),
            location,
            type.HasDirectInvoke());

    /// <summary>
    /// Whether the method that implements <c>IRouteMiddleware.InvokeAsync</c> on <paramref name="type"/> can be
    /// called on the type (a public or internal method), so the pipeline calls it without interface dispatch.
    /// </summary>
    public static bool HasDirectInvoke(this ITypeSymbol type)
    {
        foreach (var @interface in type.AllInterfaces)
        {
            if (@interface.IsRouterType("IRouteMiddleware")
                && @interface.GetMembers("InvokeAsync").FirstOrDefault() is IMethodSymbol member
                && type.FindImplementationForInterfaceMember(member) is IMethodSymbol { MethodKind: MethodKind.Ordinary, DeclaredAccessibility: Accessibility.Public or Accessibility.Internal or Accessibility.ProtectedOrInternal })
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The <c>[UseMiddleware]</c> and <c>[UseMiddleware&lt;T&gt;]</c> attributes of a symbol, in declaration order.</summary>
    public static EquatableArray<MiddlewareRefSpec> GetUseMiddleware(this ISymbol symbol, IAssemblySymbol routerAssembly)
    {
        List<MiddlewareRefSpec>? result = null;
        foreach (var attribute in symbol.GetAttributes())
        {
            var attributeClass = attribute.AttributeClass;
            if (!attributeClass.IsRouterType("UseMiddlewareAttribute"))
            {
                continue;
            }

            ITypeSymbol? middlewareType = attributeClass!.IsGenericType
                ? attributeClass.TypeArguments[0]
                : attribute.ConstructorArguments.Length == 1 ? attribute.ConstructorArguments[0].Value as ITypeSymbol : null;

            if (middlewareType is null or IErrorTypeSymbol)
            {
                continue; // a compile error the user already sees
            }

            (result ??= []).Add(middlewareType.ToMiddlewareRef(attribute.GetLocation(), routerAssembly));
        }

        return result is null ? EquatableArray<MiddlewareRefSpec>.Empty : result.ToEquatableArray();
    }
}
