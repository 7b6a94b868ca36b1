using Router.Generator.Model;

namespace Router.Generator.RouteTable;

/// <summary>
/// The specs with every location reduced to its file (<see cref="LocationInfo.FileOnly"/>). The route
/// table is built from these, so typing inside a handler file, which moves the spans of every handler
/// below the caret, does not rebuild the table; only when that table has diagnostics is it built again
/// from the located specs, to point at the right spans.
/// </summary>
public static class PositionFree
{
    public static HandlerSpec Of(HandlerSpec handler) => handler with
    {
        Routes = handler.Routes.Select(r => r with { Location = r.Location?.FileOnly() }).ToEquatableArray(),
        RequestLocation = handler.RequestLocation?.FileOnly(),
        ResponseLocation = handler.ResponseLocation?.FileOnly(),
        ClassMiddleware = handler.ClassMiddleware.Select(Of).ToEquatableArray(),
        MethodMiddleware = handler.MethodMiddleware.Select(Of).ToEquatableArray(),
        Diagnostics = Of(handler.Diagnostics),
    };

    public static MiddlewareSpec Of(MiddlewareSpec middleware) => middleware with
    {
        Type = Of(middleware.Type),
        Patterns = middleware.Patterns.Select(p => p with { Location = p.Location?.FileOnly() }).ToEquatableArray(),
        Diagnostics = Of(middleware.Diagnostics),
    };

    private static MiddlewareRefSpec Of(MiddlewareRefSpec reference) => reference with { Location = reference.Location?.FileOnly() };

    private static EquatableArray<DiagnosticInfo> Of(EquatableArray<DiagnosticInfo> diagnostics)
        => diagnostics.Count == 0 ? diagnostics : diagnostics.Select(d => d with { Location = d.Location?.FileOnly() }).ToEquatableArray();
}
