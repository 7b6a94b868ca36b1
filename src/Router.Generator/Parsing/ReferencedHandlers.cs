using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Router.Generator.Model;

namespace Router.Generator.Parsing;

/// <summary>
/// Finds the <c>[Route]</c> handlers of referenced class libraries, so a function can route handlers
/// that live in a library it references. Only assemblies that reference Router.Abstractions are
/// searched, and only public handlers of public types are taken (generated code must name them).
/// </summary>
internal static class ReferencedHandlers
{
    public static EquatableArray<HandlerSpec> Find(Compilation compilation, CancellationToken cancellationToken)
    {
        var routeAttribute = compilation.GetTypeByMetadataName("Router.RouteAttribute");
        if (routeAttribute is null)
        {
            return EquatableArray<HandlerSpec>.Empty;
        }

        var abstractions = routeAttribute.ContainingAssembly;
        List<HandlerSpec>? handlers = null;
        foreach (var assembly in compilation.SourceModule.ReferencedAssemblySymbols)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (SymbolEqualityComparer.Default.Equals(assembly, abstractions) || !References(assembly, abstractions))
            {
                continue;
            }

            Walk(assembly.GlobalNamespace, routeAttribute, compilation.Assembly, ref handlers, cancellationToken);
        }

        return handlers is null ? EquatableArray<HandlerSpec>.Empty : handlers.ToEquatableArray();
    }

    private static bool References(IAssemblySymbol assembly, IAssemblySymbol abstractions)
    {
        foreach (var module in assembly.Modules)
        {
            foreach (var referenced in module.ReferencedAssemblySymbols)
            {
                if (SymbolEqualityComparer.Default.Equals(referenced, abstractions))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static void Walk(INamespaceOrTypeSymbol container, INamedTypeSymbol routeAttribute, IAssemblySymbol routerAssembly, ref List<HandlerSpec>? handlers, CancellationToken cancellationToken)
    {
        foreach (var member in container.GetMembers())
        {
            switch (member)
            {
                case INamespaceSymbol ns:
                    Walk(ns, routeAttribute, routerAssembly, ref handlers, cancellationToken);
                    break;
                case INamedTypeSymbol { DeclaredAccessibility: Accessibility.Public } type:
                    Walk(type, routeAttribute, routerAssembly, ref handlers, cancellationToken);
                    break;
                case IMethodSymbol { DeclaredAccessibility: Accessibility.Public, MethodKind: MethodKind.Ordinary } method:
                    var routes = method.GetAttributes().Where(a => SymbolEqualityComparer.Default.Equals(a.AttributeClass, routeAttribute)).ToImmutableArray();
                    if (routes.Length > 0)
                    {
                        (handlers ??= []).Add(HandlerParser.Parse(method, routes, routerAssembly, cancellationToken));
                    }

                    break;
            }
        }
    }
}
