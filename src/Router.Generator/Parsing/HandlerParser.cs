using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Router.Generator.Diagnostics;
using Router.Generator.Model;

namespace Router.Generator.Parsing;

/// <summary>
/// Reads a method marked <c>[Route]</c>: its routes (joined with the class prefixes), parameters, return
/// shape and middleware, and the problems of this handler alone. The generator and
/// <c>RouterAnalyzer</c> both call it, so the rules live in one place.
/// </summary>
internal static class HandlerParser
{
    public static HandlerSpec Parse(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
        => Parse((IMethodSymbol)context.TargetSymbol, context.Attributes, context.SemanticModel.Compilation.Assembly, cancellationToken);

    /// <param name="method">The handler.</param>
    /// <param name="routeAttributes">Its <c>[Route]</c> attributes.</param>
    /// <param name="routerAssembly">The assembly the generated router is compiled into (for RTR005).</param>
    public static HandlerSpec Parse(IMethodSymbol method, ImmutableArray<AttributeData> routeAttributes, IAssemblySymbol routerAssembly, CancellationToken cancellationToken)
    {
        var type = method.ContainingType;
        cancellationToken.ThrowIfCancellationRequested();

        var diagnostics = new List<DiagnosticInfo>();
        var handlerDisplay = $"{type.Display()}.{method.Name}";

        var routes = ParseRoutes(routeAttributes, type, diagnostics);
        var firstRoute = routes.Count > 0 ? routes[0].Path : routeAttributes[0].ConstructorArguments.FirstOrDefault().Value as string ?? "";
        var handlerLocation = routeAttributes[0].GetLocation();

        void Unsupported(string reason, LocationInfo? location = null)
            => diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnsupportedHandler, location ?? handlerLocation, handlerDisplay, firstRoute, reason));

        void Inaccessible(string what, string reason, LocationInfo? location)
            => diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.NotAccessible, location ?? handlerLocation, what, reason));

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

        if (method.WhyInaccessible(routerAssembly) is { } methodAccess)
        {
            Inaccessible($"Handler {handlerDisplay}", methodAccess, null);
        }

        var parameters = ParseParameters(method, Unsupported, out var requestLocation, out var requestSymbol);
        var returnLocation = GetReturnTypeLocation(method, cancellationToken);
        var (returnKind, responseType, responseSymbol) = ParseReturn(method, Unsupported);

        foreach (var parameter in method.Parameters)
        {
            if (parameter.RefKind == RefKind.None && parameter.Type.FindInaccessibleType(routerAssembly) is { } found)
            {
                Inaccessible($"Type {found.Type.Display()} of parameter '{parameter.Name}' of {handlerDisplay}", found.Reason, LocationInfo.From(parameter.Locations.FirstOrDefault()));
            }
        }

        if (responseSymbol?.FindInaccessibleType(routerAssembly) is { } response)
        {
            Inaccessible($"Response type {response.Type.Display()} of {handlerDisplay}", response.Reason, returnLocation);
        }

        ConstructorSpec? classConstructor = null;
        if (!method.IsStatic)
        {
            classConstructor = type.GetConstructor();
            if (classConstructor.Problem is { } problem)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.CannotConstruct, handlerLocation, type.Display(), problem));
            }
        }

        var classMiddleware = type.GetUseMiddleware(routerAssembly);
        var methodMiddleware = method.GetUseMiddleware(routerAssembly);
        foreach (var reference in classMiddleware.Concat(methodMiddleware))
        {
            MiddlewareChecks.Check(reference, diagnostics);
        }

        // What the request type asks to be checked before the handler (RTR016, RTR017).
        var validation = requestSymbol is null
            ? EquatableArray<ValidatedTypeSpec>.Empty
            : ValidationParser.Parse(requestSymbol, routerAssembly, diagnostics);
        var idempotency = ParseIdempotency(method, Unsupported);

        var (summary, remarks) = HandlerDocumentation.Read(method, cancellationToken);
        return new HandlerSpec(
            type.ContainingNamespace.IsGlobalNamespace ? string.Empty : type.ContainingNamespace.ToDisplayString(),
            type.FullyQualified(),
            type.Display(),
            method.Name,
            method.IsStatic,
            classConstructor,
            routes.ToEquatableArray(),
            parameters.ToEquatableArray(),
            returnKind,
            responseType,
            requestLocation,
            returnLocation,
            classMiddleware,
            methodMiddleware,
            diagnostics.Distinct().ToEquatableArray(),
            summary,
            remarks)
        {
            Validation = validation,
            Idempotency = idempotency,
        };

    }

    /// <summary>The handler's <c>[Idempotent]</c> settings, or null when it has none.</summary>
    private static IdempotencySpec? ParseIdempotency(IMethodSymbol method, Action<string, LocationInfo?> unsupported)
    {
        foreach (var attribute in method.GetAttributes())
        {
            if (!attribute.AttributeClass.IsRouterType("IdempotentAttribute"))
            {
                continue;
            }

            var keyMember = "idempotencyKey";
            var expirySeconds = 86_400;
            foreach (var named in attribute.NamedArguments)
            {
                switch (named.Key)
                {
                    case "KeyMember" when named.Value.Value is string member:
                        keyMember = member;
                        break;
                    case "ExpirySeconds" when named.Value.Value is int seconds:
                        expirySeconds = seconds;
                        break;
                }
            }

            if (keyMember.Length == 0)
            {
                unsupported("[Idempotent] KeyMember is empty; name the event member that carries the idempotency key", attribute.GetLocation());
            }

            if (expirySeconds < 1)
            {
                unsupported($"[Idempotent] ExpirySeconds is {expirySeconds}; a key's record is kept at least 1 second", attribute.GetLocation());
            }

            return new IdempotencySpec(keyMember, expirySeconds);
        }

        return null;
    }

    private static LocationInfo? GetReturnTypeLocation(IMethodSymbol method, CancellationToken cancellationToken)
    {
        foreach (var reference in method.DeclaringSyntaxReferences)
        {
            if (reference.GetSyntax(cancellationToken) is MethodDeclarationSyntax declaration)
            {
                return LocationInfo.From(declaration.ReturnType);
            }
        }

        return null;
    }

    private static List<RouteTemplateSpec> ParseRoutes(ImmutableArray<AttributeData> routeAttributes, INamedTypeSymbol type, List<DiagnosticInfo> diagnostics)
    {
        var prefixes = new List<string>();
        foreach (var attribute in type.GetAttributes())
        {
            if (attribute.AttributeClass.IsRouterType("RouteAttribute")
                && attribute.ConstructorArguments.Length == 1
                && attribute.ConstructorArguments[0].Value is string prefix)
            {
                if (MethodsOf(attribute) is not null)
                {
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidMethods, attribute.GetLocation(), MethodsOf(attribute)!, prefix,
                        "a class [Route] is a prefix, and a prefix takes no methods; set Methods on each handler method's [Route]"));
                }

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
        foreach (var attribute in routeAttributes)
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

            var methods = EquatableArray<string>.Empty;
            if (MethodsOf(attribute) is { } methodsText)
            {
                if (RouteText.ParseMethods(methodsText, out var parsed) is { } problem)
                {
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidMethods, location, methodsText, template, problem));
                }
                else
                {
                    methods = parsed.ToEquatableArray();
                }
            }

            foreach (var prefix in prefixes)
            {
                routes.Add(new RouteTemplateSpec(prefix.Length == 0 ? template : prefix + "/" + template, location, methods));
            }
        }

        return routes;
    }

    /// <summary>The <c>Methods</c> named argument of a <c>[Route]</c>, or null when not given.</summary>
    private static string? MethodsOf(AttributeData attribute)
    {
        foreach (var argument in attribute.NamedArguments)
        {
            if (argument.Key == "Methods")
            {
                return argument.Value.Value as string;
            }
        }

        return null;
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

    private static List<ParameterSpec> ParseParameters(IMethodSymbol method, Action<string, LocationInfo?> unsupported, out LocationInfo? requestLocation, out ITypeSymbol? requestSymbol)
    {
        requestLocation = null;
        requestSymbol = null;
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
                requestLocation = location;
                requestSymbol = parameterType;
            }

            parameters.Add(new ParameterSpec(kind, parameterType.FullyQualified()));
        }

        return parameters;
    }

    private static (ReturnKind Kind, string? ResponseType, ITypeSymbol? ResponseSymbol) ParseReturn(IMethodSymbol method, Action<string, LocationInfo?> unsupported)
    {
        if (method.ReturnsVoid)
        {
            if (method.IsAsync)
            {
                unsupported("it is 'async void', which cannot be awaited; return Task or ValueTask", null);
            }

            return (ReturnKind.Void, null, null);
        }

        var returnType = method.ReturnType;
        if (returnType is INamedTypeSymbol { ContainingNamespace: var ns } named && ns.ToDisplayString() == "System.Threading.Tasks")
        {
            switch (named.MetadataName)
            {
                case "Task":
                    return (ReturnKind.Task, null, null);
                case "ValueTask":
                    return (ReturnKind.ValueTask, null, null);
                case "Task`1":
                    return (ReturnKind.TaskOfT, named.TypeArguments[0].FullyQualified(), named.TypeArguments[0]);
                case "ValueTask`1":
                    return (ReturnKind.ValueTaskOfT, named.TypeArguments[0].FullyQualified(), named.TypeArguments[0]);
            }
        }

        if (returnType.TypeKind is TypeKind.Pointer or TypeKind.FunctionPointer || returnType.IsRefLikeType)
        {
            unsupported($"its return type {returnType.Display()} cannot be a response body", null);
        }

        return (ReturnKind.Value, returnType.FullyQualified(), returnType);
    }
}
