using Microsoft.CodeAnalysis;

namespace Router.Generator.Diagnostics;

/// <summary>
/// Every diagnostic the router reports. IDs are fixed (never renumbered); each has a page under
/// <c>docs/diagnostics/</c>.
/// </summary>
public static class DiagnosticDescriptors
{
    private const string Category = "Router";

    /// <summary>RTR001: two handlers claim the same route.</summary>
    public static readonly DiagnosticDescriptor DuplicateRoute = new(
        "RTR001",
        "Duplicate route",
        "Route '{0}' is claimed by both {1} and {2}; give one of them another route",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true);

    /// <summary>RTR002: route or pattern text that is not a valid route.</summary>
    public static readonly DiagnosticDescriptor InvalidRouteText = new(
        "RTR002",
        "Invalid route text",
        "'{0}' is not a valid route: {1}; use segments of letters, digits, '-', '_', '.' or '~' separated by single '/'",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true);

    /// <summary>RTR004: a handler signature that generated code cannot call.</summary>
    public static readonly DiagnosticDescriptor UnsupportedHandler = new(
        "RTR004",
        "Unsupported handler signature",
        "Handler {0} for route '{1}' is not supported: {2}",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true);

    /// <summary>RTR006: a middleware type that does not implement IRouteMiddleware.</summary>
    public static readonly DiagnosticDescriptor NotAMiddleware = new(
        "RTR006",
        "Middleware type does not implement IRouteMiddleware",
        "{0} is used as middleware but does not implement Router.IRouteMiddleware; implement it or remove the attribute",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true);

    /// <summary>RTR008: handlers need JSON but the router has no single JSON context.</summary>
    public static readonly DiagnosticDescriptor NoJsonContext = new(
        "RTR008",
        "No JSON context for the router",
        "Router {0} needs a JsonSerializerContext for its request and response types: {1}",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true);

    /// <summary>RTR011: the [GeneratedRouter] class cannot be filled in.</summary>
    public static readonly DiagnosticDescriptor InvalidRouterClass = new(
        "RTR011",
        "Invalid [GeneratedRouter] class",
        "[GeneratedRouter] class {0} {1}",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true);

    /// <summary>RTR013: generated code cannot construct a handler class or middleware.</summary>
    public static readonly DiagnosticDescriptor CannotConstruct = new(
        "RTR013",
        "Handler or middleware class cannot be constructed",
        "Generated code cannot create {0}: {1}",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true);

    /// <summary>RTR014: '*' or a pattern used as a handler route.</summary>
    public static readonly DiagnosticDescriptor PatternAsRoute = new(
        "RTR014",
        "A pattern used as a handler route",
        "'{0}' is a middleware pattern, not a route; a handler needs an exact route such as 'pay/makeOrder'",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true);
}
