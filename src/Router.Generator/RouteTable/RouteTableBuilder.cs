using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Router.Generator.Diagnostics;
using Router.Generator.Model;
using Router.Generator.Parsing;

namespace Router.Generator.RouteTable;

/// <summary>
/// Combines every spec of the compilation into one route table: joins routes to handlers, composes
/// each route's middleware chain in the order DESIGN.md gives, and finds the problems that need the
/// whole table (duplicate routes, bad patterns, missing JSON context). Pure: no symbols, so it can
/// be tested with hand-built specs, and its output never depends on file order.
/// </summary>
public static class RouteTableBuilder
{
    public static RouteTableSpec Build(
        ImmutableArray<RouterSpec> routers,
        ImmutableArray<HandlerSpec> handlers,
        ImmutableArray<MiddlewareSpec> middleware,
        ImmutableArray<string> jsonContexts)
    {
        if (routers.IsDefaultOrEmpty)
        {
            return new RouteTableSpec(null, EquatableArray<DiagnosticInfo>.Empty);
        }

        var diagnostics = new List<DiagnosticInfo>();
        var orderedRouters = routers.OrderBy(r => r.Namespace, StringComparer.Ordinal).ThenBy(r => r.Name, StringComparer.Ordinal).ToList();
        var router = orderedRouters[0];
        foreach (var extra in orderedRouters.Skip(1))
        {
            diagnostics.Add(DiagnosticInfo.Create(
                DiagnosticDescriptors.InvalidRouterClass, extra.Location, Qualify(extra),
                $"is one of several in this compilation (the first is {Qualify(router)}); keep one [GeneratedRouter] class per function"));
        }

        if (router.Problem is not null)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidRouterClass, router.Location, Qualify(router), router.Problem));
            return new RouteTableSpec(null, Finish(diagnostics));
        }

        // Handler-local problems found while parsing.
        foreach (var handler in handlers)
        {
            diagnostics.AddRange(handler.Diagnostics);
        }

        // Middleware registered with [Middleware]: patterns and the type itself.
        var registered = middleware.OrderBy(m => m.Type.DisplayName, StringComparer.Ordinal).ToList();
        foreach (var spec in registered)
        {
            CheckMiddlewareType(spec.Type, diagnostics);
            foreach (var pattern in spec.Patterns)
            {
                if (RouteText.ValidatePattern(pattern.Pattern) is { } reason)
                {
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidRouteText, pattern.Location, pattern.Pattern, reason));
                }
            }
        }

        // Every route, ordered by path and then by handler so that reports and output are stable.
        var entries = handlers
            .SelectMany(h => h.Routes.Select(r => (Route: r, Handler: h)))
            .OrderBy(e => e.Route.Path, StringComparer.Ordinal)
            .ThenBy(e => e.Handler.ContainingTypeDisplay + "." + e.Handler.MethodName, StringComparer.Ordinal)
            .ToList();

        foreach (var group in entries.GroupBy(e => e.Route.Path, StringComparer.Ordinal))
        {
            var claimants = group.ToList();
            if (claimants.Count < 2)
            {
                continue;
            }

            for (var i = 0; i < claimants.Count; i++)
            {
                var other = claimants[i == 0 ? 1 : 0];
                diagnostics.Add(DiagnosticInfo.Create(
                    DiagnosticDescriptors.DuplicateRoute, claimants[i].Route.Location, group.Key,
                    HandlerName(claimants[i].Handler), HandlerName(other.Handler)));
            }
        }

        // The JSON context, needed as soon as one handler binds a request or returns a body.
        string? jsonContext = router.JsonContext;
        var needsJson = handlers.Any(h => h.RequestType is not null || h.ResponseType is not null);
        if (jsonContext is null && needsJson)
        {
            var candidates = jsonContexts.Distinct().OrderBy(c => c, StringComparer.Ordinal).ToList();
            if (candidates.Count == 1)
            {
                jsonContext = candidates[0];
            }
            else
            {
                var reason = candidates.Count == 0
                    ? "none was found; declare a partial class deriving from JsonSerializerContext with [JsonSerializable] for each request and response type"
                    : $"several were found ({string.Join(", ", candidates.Select(c => c.Replace("global::", "")))}); choose one with [GeneratedRouter(JsonContext = typeof(...))]";
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.NoJsonContext, router.Location, Qualify(router), reason));
            }
        }

        // Instances and pipelines.
        var handlerClasses = new SortedDictionary<string, InstanceModel>(StringComparer.Ordinal);
        var middlewareTypes = new SortedDictionary<string, InstanceModel>(StringComparer.Ordinal);
        var jsonTypes = new SortedSet<string>(StringComparer.Ordinal);
        var chains = new List<(string Path, HandlerSpec Handler, List<MiddlewareRefSpec> Chain)>();

        var globals = registered
            .Where(m => m.Patterns.Any(p => p.Pattern == "*"))
            .OrderBy(m => m.Patterns.Where(p => p.Pattern == "*").Min(p => p.Order))
            .ThenBy(m => m.Type.DisplayName, StringComparer.Ordinal)
            .Select(m => m.Type)
            .ToList();
        var scoped = registered.Where(m => !m.Patterns.Any(p => p.Pattern == "*")).ToList();

        foreach (var (route, handler) in entries)
        {
            var chain = new List<MiddlewareRefSpec>(globals);
            chain.AddRange(scoped
                .Select(m => (m.Type, Matching: m.Patterns.Where(p => RouteText.Matches(p.Pattern, route.Path)).ToList()))
                .Where(m => m.Matching.Count > 0)
                .OrderBy(m => m.Matching.Min(p => p.Order))
                .ThenBy(m => m.Type.DisplayName, StringComparer.Ordinal)
                .Select(m => m.Type));
            chain.AddRange(handler.ClassMiddleware);
            chain.AddRange(handler.MethodMiddleware);

            // A class-level reference is seen once per handler method; Finish() drops the repeats.
            foreach (var reference in handler.ClassMiddleware.Concat(handler.MethodMiddleware))
            {
                CheckMiddlewareType(reference, diagnostics);
            }

            chains.Add((route.Path, handler, chain));
            foreach (var reference in chain)
            {
                middlewareTypes[reference.TypeName] = new InstanceModel(reference.TypeName, reference.DisplayName, reference.Constructor.ParameterTypes);
            }

            if (!handler.IsStatic && handler.ClassConstructor is { } constructor)
            {
                handlerClasses[handler.ContainingType] = new InstanceModel(handler.ContainingType, handler.ContainingTypeDisplay, constructor.ParameterTypes);
            }

            if (handler.RequestType is { } requestType)
            {
                jsonTypes.Add(requestType);
            }

            if (handler.ResponseType is { } responseType)
            {
                jsonTypes.Add(responseType);
            }
        }

        var finished = Finish(diagnostics);
        if (finished.Any(d => d.Descriptor.DefaultSeverity == DiagnosticSeverity.Error))
        {
            // Still emit the router's public surface, so the user sees the RTR error and not a cascade.
            var fallback = new RouterModel(
                router.Namespace, router.Name, null, IsFallback: true,
                EquatableArray<RouteModel>.Empty, EquatableArray<InstanceModel>.Empty, EquatableArray<InstanceModel>.Empty, EquatableArray<string>.Empty);
            return new RouteTableSpec(fallback, finished);
        }

        var handlerIndex = handlerClasses.Keys.Select((name, i) => (name, i)).ToDictionary(x => x.name, x => x.i, StringComparer.Ordinal);
        var middlewareIndex = middlewareTypes.Keys.Select((name, i) => (name, i)).ToDictionary(x => x.name, x => x.i, StringComparer.Ordinal);
        var jsonTypeList = jsonTypes.ToList();

        var routes = chains.Select(c => new RouteModel(
            c.Path,
            HandlerName(c.Handler),
            c.Handler.ContainingType,
            c.Handler.MethodName,
            c.Handler.IsStatic ? -1 : handlerIndex[c.Handler.ContainingType],
            c.Handler.Parameters,
            c.Handler.ReturnKind,
            c.Chain.Select(m => middlewareIndex[m.TypeName]).ToEquatableArray(),
            c.Handler.RequestType is { } request ? jsonTypeList.IndexOf(request) : -1,
            c.Handler.ResponseType is { } response ? jsonTypeList.IndexOf(response) : -1));

        var model = new RouterModel(
            router.Namespace,
            router.Name,
            jsonContext,
            IsFallback: false,
            routes.ToEquatableArray(),
            handlerClasses.Values.ToEquatableArray(),
            middlewareTypes.Values.ToEquatableArray(),
            jsonTypeList.ToEquatableArray());
        return new RouteTableSpec(model, finished);
    }

    private static void CheckMiddlewareType(MiddlewareRefSpec type, List<DiagnosticInfo> diagnostics)
    {
        if (!type.ImplementsMiddleware)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.NotAMiddleware, type.Location, type.DisplayName));
        }
        else if (type.Constructor.Problem is { } problem)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.CannotConstruct, type.Location, type.DisplayName, problem));
        }
    }

    private static string HandlerName(HandlerSpec handler) => handler.ContainingTypeDisplay + "." + handler.MethodName;

    private static string Qualify(RouterSpec router) => router.Namespace.Length == 0 ? router.Name : router.Namespace + "." + router.Name;

    /// <summary>Removes repeats (a class-level problem is found once per handler method) and orders by place.</summary>
    private static EquatableArray<DiagnosticInfo> Finish(List<DiagnosticInfo> diagnostics)
        => diagnostics
            .Distinct()
            .OrderBy(d => d.Location?.FilePath ?? "", StringComparer.Ordinal)
            .ThenBy(d => d.Location?.Span.Start ?? 0)
            .ThenBy(d => d.Descriptor.Id, StringComparer.Ordinal)
            .ToEquatableArray();
}
