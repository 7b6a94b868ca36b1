using Router.Generator.Model;

namespace Router.Generator.RouteTable;

/// <summary>
/// The two projections of the located specs. The route table is built once, from the position-free one:
/// every location reduced to its file and an anchor that names what it is the location of (for example
/// <c>H:global::Shop.Pay.MakeOrder(global::Shop.OrderRequest)/route0</c>), so typing inside a handler file,
/// which moves the spans of every handler below the caret, leaves the table's input equal and the table
/// cached. The table's diagnostics point at anchors; <see cref="Locate"/> maps them back to the spans of
/// the located specs (a dictionary lookup, only when there are diagnostics), with no second build.
/// </summary>
public static class PositionFree
{
    public static HandlerSpec Of(HandlerSpec handler) => Map(handler, static (location, anchor) => location?.FileOnly(anchor));

    public static MiddlewareSpec Of(MiddlewareSpec middleware) => Map(middleware, static (location, anchor) => location?.FileOnly(anchor));

    public static RouterSpec Of(RouterSpec router) => router with { Location = router.Location?.FileOnly(Key(router)) };

    /// <summary>
    /// The table's diagnostics with each anchored location replaced by the span it anchors in the located
    /// specs, ordered by file and position.
    /// </summary>
    public static EquatableArray<DiagnosticInfo> Locate(
        EquatableArray<DiagnosticInfo> diagnostics,
        IEnumerable<RouterSpec> routers,
        IEnumerable<HandlerSpec> handlers,
        IEnumerable<MiddlewareSpec> middleware)
    {
        if (diagnostics.Count == 0)
        {
            return diagnostics;
        }

        var spans = new Dictionary<(string File, string Anchor), LocationInfo>();
        LocationInfo? Record(LocationInfo? location, string anchor)
        {
            if (location is not null && !spans.ContainsKey((location.FilePath, anchor)))
            {
                spans.Add((location.FilePath, anchor), location);
            }

            return location;
        }

        foreach (var router in routers)
        {
            Record(router.Location, Key(router));
        }

        foreach (var handler in handlers)
        {
            Map(handler, Record);
        }

        foreach (var spec in middleware)
        {
            Map(spec, Record);
        }

        return diagnostics
            .Select(d => d.Location is { Anchor: { } anchor } location && spans.TryGetValue((location.FilePath, anchor), out var span) ? d with { Location = span } : d)
            .OrderBy(d => d.Location?.FilePath ?? "", StringComparer.Ordinal)
            .ThenBy(d => d.Location?.Span.Start ?? 0)
            .ToEquatableArray();
    }

    private static string Key(RouterSpec router) => "R:" + router.Namespace + "." + router.Name;

    // A method is declared once and C# forbids two overloads with the same parameter types, so this names one handler.
    private static string Key(HandlerSpec handler)
        => "H:" + handler.ContainingType + "." + handler.MethodName + "(" + string.Join(",", handler.Parameters.Select(p => p.TypeName)) + ")";

    private static string Key(MiddlewareSpec middleware) => "M:" + middleware.Type.TypeName;

    // The one walk both projections share, so an anchor always names the same location in both.
    private static HandlerSpec Map(HandlerSpec handler, Func<LocationInfo?, string, LocationInfo?> map)
    {
        var key = Key(handler);
        return handler with
        {
            Routes = handler.Routes.Select((r, i) => r with { Location = map(r.Location, key + "/route" + i) }).ToEquatableArray(),
            RequestLocation = map(handler.RequestLocation, key + "/request"),
            ResponseLocation = map(handler.ResponseLocation, key + "/response"),
            ClassMiddleware = handler.ClassMiddleware.Select((m, i) => m with { Location = map(m.Location, key + "/class" + i) }).ToEquatableArray(),
            MethodMiddleware = handler.MethodMiddleware.Select((m, i) => m with { Location = map(m.Location, key + "/method" + i) }).ToEquatableArray(),
            Diagnostics = Map(handler.Diagnostics, key, map),
        };
    }

    private static MiddlewareSpec Map(MiddlewareSpec middleware, Func<LocationInfo?, string, LocationInfo?> map)
    {
        var key = Key(middleware);
        return middleware with
        {
            Type = middleware.Type with { Location = map(middleware.Type.Location, key + "/type") },
            Patterns = middleware.Patterns.Select((p, i) => p with { Location = map(p.Location, key + "/pattern" + i) }).ToEquatableArray(),
            Diagnostics = Map(middleware.Diagnostics, key, map),
        };
    }

    private static EquatableArray<DiagnosticInfo> Map(EquatableArray<DiagnosticInfo> diagnostics, string key, Func<LocationInfo?, string, LocationInfo?> map)
        => diagnostics.Count == 0 ? diagnostics : diagnostics.Select((d, i) => d with { Location = map(d.Location, key + "/diag" + i) }).ToEquatableArray();
}
