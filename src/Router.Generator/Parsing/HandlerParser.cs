using Microsoft.CodeAnalysis;
using Router.Generator.Diagnostics;
using Router.Generator.Model;

namespace Router.Generator.Parsing;

/// <summary>Reads a method marked <c>[Route]</c>: its routes (joined with the class prefixes), parameters, return shape and middleware.</summary>
internal static class HandlerParser
{
    public static HandlerSpec Parse(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
    {
        var method = (IMethodSymbol)context.TargetSymbol;
        var type = method.ContainingType;
        cancellationToken.ThrowIfCancellationRequested();

        var diagnostics = new List<DiagnosticInfo>();
        var handlerDisplay = $"{type.Display()}.{method.Name}";

        var routes = ParseRoutes(context, type, diagnostics);
        var firstRoute = routes.Count > 0 ? routes[0].Path : context.Attributes[0].ConstructorArguments.FirstOrDefault().Value as string ?? "";
        var handlerLocation = context.Attributes[0].GetLocation();

        void Unsupported(string reason, LocationInfo? location = null)
            => diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnsupportedHandler, location ?? handlerLocation, handlerDisplay, firstRoute, reason));

        if (method.IsGenericMethod)
        {
            Unsupported("generic methods cannot be routed; remove the type parameters");
        }

        if (type.IsGenericType)
        {
            Unsupported($"its class {type.Name} is generic; move the handler to a non-generic class");
        }

        if (method.MethodKind != MethodKind.Ordinary)
        {
            Unsupported("only ordinary methods can be handlers");
        }

        if (method.ReturnsByRef || method.ReturnsByRefReadonly)
        {
            Unsupported("it returns by reference; return a value");
        }

        var parameters = ParseParameters(method, Unsupported);
        var (returnKind, responseType) = ParseReturn(method, Unsupported);

        ConstructorSpec? classConstructor = null;
        if (!method.IsStatic)
        {
            classConstructor = type.GetConstructor();
            if (classConstructor.Problem is { } problem)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.CannotConstruct, handlerLocation, type.Display(), problem));
            }
        }

        return new HandlerSpec(
            type.FullyQualified(),
            type.Display(),
            method.Name,
            method.IsStatic,
            classConstructor,
            routes.ToEquatableArray(),
            parameters.ToEquatableArray(),
            returnKind,
            responseType,
            type.GetUseMiddleware(),
            method.GetUseMiddleware(),
            diagnostics.ToEquatableArray());
    }

    private static List<RouteTemplateSpec> ParseRoutes(GeneratorAttributeSyntaxContext context, INamedTypeSymbol type, List<DiagnosticInfo> diagnostics)
    {
        var prefixes = new List<string>();
        foreach (var attribute in type.GetAttributes())
        {
            if (attribute.AttributeClass.IsRouterType("RouteAttribute")
                && attribute.ConstructorArguments.Length == 1
                && attribute.ConstructorArguments[0].Value is string prefix)
            {
                if (CheckRouteText(prefix, attribute.GetLocation(), diagnostics))
                {
                    prefixes.Add(prefix);
                }
            }
        }

        if (prefixes.Count == 0)
        {
            prefixes.Add(string.Empty);
        }

        var routes = new List<RouteTemplateSpec>();
        foreach (var attribute in context.Attributes)
        {
            if (attribute.ConstructorArguments.Length != 1 || attribute.ConstructorArguments[0].Value is not string template)
            {
                continue; // a compile error the user already sees
            }

            var location = attribute.GetLocation();
            if (!CheckRouteText(template, location, diagnostics))
            {
                continue;
            }

            foreach (var prefix in prefixes)
            {
                routes.Add(new RouteTemplateSpec(prefix.Length == 0 ? template : prefix + "/" + template, location));
            }
        }

        return routes;
    }

    private static bool CheckRouteText(string text, LocationInfo? location, List<DiagnosticInfo> diagnostics)
    {
        if (RouteText.IsPattern(text))
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.PatternAsRoute, location, text));
            return false;
        }

        if (RouteText.Validate(text) is { } reason)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidRouteText, location, text, reason));
            return false;
        }

        return true;
    }

    private static List<ParameterSpec> ParseParameters(IMethodSymbol method, Action<string, LocationInfo?> unsupported)
    {
        var parameters = new List<ParameterSpec>(method.Parameters.Length);
        string? requestParameter = null;
        foreach (var parameter in method.Parameters)
        {
            var location = LocationInfo.From(parameter.Locations.FirstOrDefault());
            var parameterType = parameter.Type;
            if (parameter.RefKind != RefKind.None)
            {
                unsupported($"parameter '{parameter.Name}' is passed by reference (ref, out or in); take it by value", location);
                continue;
            }

            ParameterKind kind;
            if (parameterType.IsRouterType("RouteContext"))
            {
                kind = ParameterKind.Context;
            }
            else if (parameterType.IsType("System.Threading.CancellationToken"))
            {
                kind = ParameterKind.CancellationToken;
            }
            else if (parameterType.IsType("System.IServiceProvider"))
            {
                kind = ParameterKind.ServiceProvider;
            }
            else if (parameterType.TypeKind == TypeKind.Interface || (parameterType.IsAbstract && parameterType.TypeKind == TypeKind.Class))
            {
                kind = ParameterKind.Service;
            }
            else if (parameterType.SpecialType != SpecialType.None
                || parameterType.TypeKind is TypeKind.Array or TypeKind.Pointer or TypeKind.FunctionPointer or TypeKind.Delegate or TypeKind.Enum or TypeKind.TypeParameter or TypeKind.Dynamic or TypeKind.Error)
            {
                unsupported(
                    $"parameter '{parameter.Name}' of type {parameterType.Display()} cannot be bound; take a request class bound from the whole event, RouteContext, CancellationToken or a service interface",
                    location);
                continue;
            }
            else if (requestParameter is not null)
            {
                unsupported(
                    $"parameters '{requestParameter}' and '{parameter.Name}' would both bind the event; take one request class (services must be interfaces or abstract classes)",
                    location);
                continue;
            }
            else
            {
                kind = ParameterKind.Request;
                requestParameter = parameter.Name;
            }

            parameters.Add(new ParameterSpec(kind, parameterType.FullyQualified()));
        }

        return parameters;
    }

    private static (ReturnKind Kind, string? ResponseType) ParseReturn(IMethodSymbol method, Action<string, LocationInfo?> unsupported)
    {
        if (method.ReturnsVoid)
        {
            if (method.IsAsync)
            {
                unsupported("it is 'async void', which cannot be awaited; return Task or ValueTask", null);
            }

            return (ReturnKind.Void, null);
        }

        var returnType = method.ReturnType;
        if (returnType is INamedTypeSymbol { ContainingNamespace: var ns } named && ns.ToDisplayString() == "System.Threading.Tasks")
        {
            switch (named.MetadataName)
            {
                case "Task":
                    return (ReturnKind.Task, null);
                case "ValueTask":
                    return (ReturnKind.ValueTask, null);
                case "Task`1":
                    return (ReturnKind.TaskOfT, named.TypeArguments[0].FullyQualified());
                case "ValueTask`1":
                    return (ReturnKind.ValueTaskOfT, named.TypeArguments[0].FullyQualified());
            }
        }

        if (returnType.TypeKind is TypeKind.Pointer or TypeKind.FunctionPointer || returnType.IsRefLikeType)
        {
            unsupported($"its return type {returnType.Display()} cannot be a response body", null);
        }

        return (ReturnKind.Value, returnType.FullyQualified());
    }
}
