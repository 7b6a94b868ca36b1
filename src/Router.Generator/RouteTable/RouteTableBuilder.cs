using System.Collections.Immutable;
using Router.Generator.Diagnostics;
using Router.Generator.Model;
using Router.Generator.Parsing;

namespace Router.Generator.RouteTable;

/// <summary>What the route table is built from: every spec of the compilation.</summary>
/// <param name="Routers">The <c>[GeneratedRouter]</c> classes.</param>
/// <param name="Handlers">The handlers declared in this compilation.</param>
/// <param name="ReferencedHandlers">The public handlers of referenced libraries.</param>
/// <param name="Middleware">The <c>[Middleware]</c> classes.</param>
/// <param name="JsonContexts">The JSON contexts.</param>
/// <param name="IsExecutable">Whether the compilation is an executable (RTR012 applies only then).</param>
public sealed record RouteTableInput(
    EquatableArray<RouterSpec> Routers,
    EquatableArray<HandlerSpec> Handlers,
    EquatableArray<HandlerSpec> ReferencedHandlers,
    EquatableArray<MiddlewareSpec> Middleware,
    EquatableArray<JsonContextSpec> JsonContexts,
    bool IsExecutable);

/// <summary>
/// Combines every spec of the compilation into one route table: joins routes to handlers, composes
/// each route's middleware chain in the documented order (docs/guide.md, "Middleware and the pipeline"), and finds the problems that need the
/// whole table (RTR001, RTR003, RTR007 to RTR012). Problems of one symbol were found while parsing and
/// are reported by <c>RouterAnalyzer</c>; here they only decide that the router falls back to its
/// public surface. Pure: no symbols, so it can be tested with hand-built specs, and its output never
/// depends on file order.
/// </summary>
public static class RouteTableBuilder
{
    public static RouteTableSpec Build(
        ImmutableArray<RouterSpec> routers,
        ImmutableArray<HandlerSpec> handlers,
        ImmutableArray<MiddlewareSpec> middleware,
        ImmutableArray<JsonContextSpec> jsonContexts)
        => Build(new RouteTableInput(
            routers.ToEquatableArray(), handlers.ToEquatableArray(), EquatableArray<HandlerSpec>.Empty,
            middleware.ToEquatableArray(), jsonContexts.ToEquatableArray(), IsExecutable: false));

    public static RouteTableSpec Build(RouteTableInput input)
    {
        var diagnostics = new List<DiagnosticInfo>();
        var allHandlers = input.Handlers.Concat(input.ReferencedHandlers).ToList();

        // Every route, ordered by path and then by handler so that reports and output are stable.
        var entries = allHandlers
            .SelectMany(h => h.Routes.Select(r => (Route: r, Handler: h)))
            .OrderBy(e => e.Route.Path, StringComparer.Ordinal)
            .ThenBy(e => HandlerName(e.Handler), StringComparer.Ordinal)
            .ToList();

        if (input.Routers.Count == 0)
        {
            if (input.IsExecutable && entries.FirstOrDefault(e => !e.Handler.IsFromReference) is { Handler: not null } first)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.NoRouter, first.Route.Location, first.Route.Path)
                    .WithProperties(new DiagnosticProperty(DiagnosticProperties.Namespace, first.Handler.Namespace)));
            }

            return new RouteTableSpec(null, Finish(diagnostics));
        }

        var orderedRouters = input.Routers.OrderBy(r => r.Namespace, StringComparer.Ordinal).ThenBy(r => r.Name, StringComparer.Ordinal).ToList();
        var router = orderedRouters[0];
        foreach (var extra in orderedRouters.Skip(1))
        {
            diagnostics.Add(DiagnosticInfo.Create(
                DiagnosticDescriptors.InvalidRouterClass, extra.Location, Qualify(extra),
                $"is one of several in this compilation (the first is {Qualify(router)}); keep one [GeneratedRouter] class per function"));
        }

        if (router.Problem is not null)
        {
            return new RouteTableSpec(null, Finish(diagnostics)); // RTR011 itself comes from RouterAnalyzer
        }

        // Problems of one symbol: reported by RouterAnalyzer for source; for referenced libraries the
        // analyzer never sees them, so they are reported here, at the router.
        var symbolErrors = input.Handlers.Any(h => h.Diagnostics.Any(d => d.IsError))
            || input.Middleware.Any(m => m.Diagnostics.Any(d => d.IsError));
        foreach (var handler in input.ReferencedHandlers)
        {
            foreach (var diagnostic in handler.Diagnostics)
            {
                diagnostics.Add(diagnostic with { Location = diagnostic.Location ?? router.Location });
            }
        }

        RouteTableChecks.CheckDuplicates(entries, router, diagnostics);
        RouteTableChecks.CheckLetterCase(entries, router, diagnostics);
        var jsonContext = CheckJson(input, allHandlers, router, diagnostics);

        // Middleware and pipelines.
        var registered = input.Middleware.OrderBy(m => m.Type.DisplayName, StringComparer.Ordinal).ToList();
        var globals = registered
            .Where(m => m.Patterns.Any(p => p.Pattern == "*"))
            .Select(m => (m.Type, Pattern: m.Patterns.Where(p => p.Pattern == "*").OrderBy(p => p.Order).First()))
            .OrderBy(m => m.Pattern.Order)
            .ThenBy(m => m.Type.DisplayName, StringComparer.Ordinal)
            .ToList();
        var scoped = registered.Where(m => !m.Patterns.Any(p => p.Pattern == "*")).ToList();
        RouteTableChecks.CheckPatternsMatch(scoped, entries, diagnostics);

        var handlerClasses = new SortedDictionary<string, InstanceModel>(StringComparer.Ordinal);
        var middlewareTypes = new SortedDictionary<string, InstanceModel>(StringComparer.Ordinal);
        var jsonTypes = new SortedSet<string>(StringComparer.Ordinal);
        var chains = new List<(RouteTemplateSpec Route, HandlerSpec Handler, List<MiddlewareRefSpec> Chain)>();
        var reportedOrderPairs = new HashSet<(string, string)>();

        foreach (var (route, handler) in entries)
        {
            var matchingScoped = scoped
                .Select(m => (m.Type, Pattern: m.Patterns.Where(p => RouteText.Matches(p.Pattern, route.Path)).OrderBy(p => p.Order).FirstOrDefault()))
                .Where(m => m.Pattern is not null)
                .Select(m => (m.Type, Pattern: m.Pattern!))
                .OrderBy(m => m.Pattern.Order)
                .ThenBy(m => m.Type.DisplayName, StringComparer.Ordinal)
                .ToList();
            RouteTableChecks.CheckOrder(globals, route.Path, reportedOrderPairs, diagnostics);
            RouteTableChecks.CheckOrder(matchingScoped, route.Path, reportedOrderPairs, diagnostics);

            var chain = new List<MiddlewareRefSpec>(globals.Count + matchingScoped.Count);
            chain.AddRange(globals.Select(m => m.Type));
            chain.AddRange(matchingScoped.Select(m => m.Type));
            chain.AddRange(handler.ClassMiddleware);
            chain.AddRange(handler.MethodMiddleware);

            chains.Add((route, handler, chain));
            foreach (var reference in chain)
            {
                middlewareTypes[reference.TypeName] = new InstanceModel(reference.TypeName, reference.DisplayName, reference.Constructor.ParameterTypes, HasDirectInvoke: reference.HasDirectInvoke);
            }

            if (!handler.IsStatic && handler.ClassConstructor is { } constructor)
            {
                handlerClasses[handler.ContainingType] = new InstanceModel(handler.ContainingType, handler.ContainingTypeDisplay, constructor.ParameterTypes, constructor.Disposal);
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
        if (symbolErrors || finished.Any(d => d.IsError))
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
        var jsonTypeIndex = jsonTypeList.Select((name, i) => (name, i)).ToDictionary(x => x.name, x => x.i, StringComparer.Ordinal);

        // Every validated type once, by name (ordinal order); each route points at its request type's entry.
        var validatedTypes = chains.SelectMany(c => c.Handler.Validation)
            .GroupBy(t => t.TypeName, StringComparer.Ordinal)
            .Select(g => g.First())
            .OrderBy(t => t.TypeName, StringComparer.Ordinal)
            .ToList();
        var validatedIndex = validatedTypes.Select((t, i) => (t.TypeName, i)).ToDictionary(x => x.TypeName, x => x.i, StringComparer.Ordinal);

        var routes = chains.Select(c => new RouteModel(
            c.Route.Path,
            HandlerName(c.Handler),
            c.Handler.ContainingType,
            c.Handler.MethodName,
            c.Handler.IsStatic ? -1 : handlerIndex[c.Handler.ContainingType],
            c.Handler.Parameters,
            c.Handler.ReturnKind,
            c.Chain.Select(m => middlewareIndex[m.TypeName]).ToEquatableArray(),
            c.Handler.RequestType is { } request ? jsonTypeIndex[request] : -1,
            c.Handler.ResponseType is { } response ? jsonTypeIndex[response] : -1,
            c.Route.Methods,
            c.Handler.Summary,
            c.Handler.Remarks)
        {
            ValidatorIndex = c.Handler.Validation.Count > 0 ? validatedIndex[c.Handler.Validation[0].TypeName] : -1,
            Idempotency = c.Handler.Idempotency,
        });

        var model = new RouterModel(
            router.Namespace,
            router.Name,
            jsonContext,
            IsFallback: false,
            routes.ToEquatableArray(),
            handlerClasses.Values.ToEquatableArray(),
            middlewareTypes.Values.ToEquatableArray(),
            jsonTypeList.ToEquatableArray())
        {
            ValidatedTypes = validatedTypes.ToEquatableArray(),
        };
        return new RouteTableSpec(model, finished);
    }

    /// <summary>RTR008 (no single JSON context) and RTR007 (a request or response type it lacks). Returns the context to use.</summary>
    private static string? CheckJson(RouteTableInput input, List<HandlerSpec> handlers, RouterSpec router, List<DiagnosticInfo> diagnostics)
    {
        var jsonContext = router.JsonContext;
        var needsJson = handlers.Any(h => h.RequestType is not null || h.ResponseType is not null);
        if (!needsJson)
        {
            return jsonContext;
        }

        if (jsonContext is null)
        {
            var candidates = input.JsonContexts.Select(c => c.Name).Distinct().OrderBy(c => c, StringComparer.Ordinal).ToList();
            if (candidates.Count != 1)
            {
                var reason = candidates.Count == 0
                    ? "none was found; declare a partial class deriving from JsonSerializerContext with [JsonSerializable] for each request and response type"
                    : $"several were found ({string.Join(", ", candidates.Select(Unqualify))}); choose one with [GeneratedRouter(JsonContext = typeof(...))]";
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.NoJsonContext, router.Location, Qualify(router), reason));
                return null;
            }

            jsonContext = candidates[0];
        }

        // A context declared elsewhere (a referenced assembly) is not seen by the parser: it is trusted.
        var context = input.JsonContexts.FirstOrDefault(c => c.Name == jsonContext);
        if (context is null)
        {
            return jsonContext;
        }

        var known = new HashSet<string>(context.Types, StringComparer.Ordinal);
        foreach (var handler in handlers.OrderBy(HandlerName, StringComparer.Ordinal))
        {
            if (handler.Diagnostics.Any(d => d.IsError))
            {
                continue; // its own error comes first; a missing JSON type would only repeat it
            }

            var route = handler.Routes.Count > 0 ? handler.Routes[0].Path : HandlerName(handler);
            if (handler.RequestType is { } request && !known.Contains(request))
            {
                diagnostics.Add(MissingJsonType("Request type", request, route, context, handler.RequestLocation ?? handler.Routes.FirstOrDefault()?.Location ?? router.Location));
            }

            if (handler.ResponseType is { } response && !known.Contains(response))
            {
                diagnostics.Add(MissingJsonType("Response type", response, route, context, handler.ResponseLocation ?? handler.Routes.FirstOrDefault()?.Location ?? router.Location));
            }
        }

        return jsonContext;
    }

    private static DiagnosticInfo MissingJsonType(string what, string type, string route, JsonContextSpec context, LocationInfo? location)
        => DiagnosticInfo.Create(DiagnosticDescriptors.MissingJsonType, location, what, Unqualify(type), route, Unqualify(context.Name))
            .WithProperties(
                new DiagnosticProperty(DiagnosticProperties.JsonContext, Unqualify(context.Name)),
                new DiagnosticProperty(DiagnosticProperties.Type, type));

    internal static string HandlerName(HandlerSpec handler) => handler.ContainingTypeDisplay + "." + handler.MethodName;

    private static string Qualify(RouterSpec router) => router.Namespace.Length == 0 ? router.Name : router.Namespace + "." + router.Name;

    private static string Unqualify(string fullyQualified) => fullyQualified.Replace("global::", "");

    /// <summary>Removes repeats and orders by place.</summary>
    private static EquatableArray<DiagnosticInfo> Finish(List<DiagnosticInfo> diagnostics)
        => diagnostics
            .Distinct()
            .OrderBy(d => d.Location?.FilePath ?? "", StringComparer.Ordinal)
            .ThenBy(d => d.Location?.Span.Start ?? 0)
            .ThenBy(d => d.Descriptor.Id, StringComparer.Ordinal)
            .ToEquatableArray();
}
