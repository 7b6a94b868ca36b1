using Microsoft.CodeAnalysis;

namespace Router.Generator.Diagnostics;

/// <summary>
/// Every diagnostic the router reports. IDs are fixed (never renumbered); each has a page under
/// <c>docs/diagnostics/</c>. Checks of one symbol are reported by <c>RouterAnalyzer</c>; checks that
/// need the whole route table are reported by <c>RouterGenerator</c>.
/// </summary>
public static class DiagnosticDescriptors
{
    private const string Category = "Router";

    /// <summary>
    /// Where the diagnostics' pages are published: docs/diagnostics/ of the repository that
    /// Directory.Build.props names as RouterRepositoryUrl (a test keeps the two equal).
    /// </summary>
    public const string HelpLinkBase = "https://github.com/router-serverless/router/blob/main/docs/diagnostics/";

    /// <summary>The page of one diagnostic, for example <c>.../docs/diagnostics/RTR001.md</c>.</summary>
    public static string HelpLink(string id) => HelpLinkBase + id + ".md";

    /// <summary>RTR001: two handlers claim the same route.</summary>
    public static readonly DiagnosticDescriptor DuplicateRoute = new(
        "RTR001",
        "Duplicate route",
        "Route '{0}' is claimed by both {1} and {2}; give one of them another route",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpLink("RTR001"));

    /// <summary>RTR002: route or pattern text that is not a valid route.</summary>
    public static readonly DiagnosticDescriptor InvalidRouteText = new(
        "RTR002",
        "Invalid route text",
        "'{0}' is not a valid route: {1}; use segments of letters, digits, '-', '_', '.' or '~' separated by single '/'",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpLink("RTR002"));

    /// <summary>RTR003: two routes that differ only by letter case.</summary>
    public static readonly DiagnosticDescriptor RoutesDifferByCase = new(
        "RTR003",
        "Routes differ only by letter case",
        "Route '{0}' ({1}) differs from route '{2}' ({3}) only by letter case; routes match case-sensitively, so a client that gets the case wrong reaches the other handler or none",
        Category,
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        helpLinkUri: HelpLink("RTR003"));

    /// <summary>RTR004: a handler signature that generated code cannot call.</summary>
    public static readonly DiagnosticDescriptor UnsupportedHandler = new(
        "RTR004",
        "Unsupported handler signature",
        "Handler {0} for route '{1}' is not supported: {2}",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpLink("RTR004"));

    /// <summary>RTR005: a type or method that generated code, in the router's assembly, cannot see.</summary>
    public static readonly DiagnosticDescriptor NotAccessible = new(
        "RTR005",
        "Not accessible to generated code",
        "{0} is not accessible to the generated router: {1}",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpLink("RTR005"));

    /// <summary>RTR006: a middleware type that does not implement IRouteMiddleware.</summary>
    public static readonly DiagnosticDescriptor NotAMiddleware = new(
        "RTR006",
        "Middleware type does not implement IRouteMiddleware",
        "{0} is used as middleware but does not implement Router.IRouteMiddleware; implement it or remove the attribute",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpLink("RTR006"));

    /// <summary>RTR007: a request or response type the router's JSON context has no metadata for.</summary>
    public static readonly DiagnosticDescriptor MissingJsonType = new(
        "RTR007",
        "Type missing from the JSON context",
        "{0} {1} of route '{2}' is not in {3}; add [JsonSerializable(typeof({1}))] to it",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpLink("RTR007"));

    /// <summary>RTR008: handlers need JSON but the router has no single JSON context.</summary>
    public static readonly DiagnosticDescriptor NoJsonContext = new(
        "RTR008",
        "No JSON context for the router",
        "Router {0} needs a JsonSerializerContext for its request and response types: {1}",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpLink("RTR008"));

    /// <summary>RTR009: a middleware pattern that matches no route.</summary>
    public static readonly DiagnosticDescriptor PatternMatchesNothing = new(
        "RTR009",
        "Middleware pattern matches no route",
        "Pattern '{0}' of middleware {1} matches no route, so the middleware never runs; fix the pattern or remove the attribute",
        Category,
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        helpLinkUri: HelpLink("RTR009"));

    /// <summary>RTR010: middlewares of the same Order on one route, declared in different files.</summary>
    public static readonly DiagnosticDescriptor AmbiguousMiddlewareOrder = new(
        "RTR010",
        "Ambiguous middleware order",
        "Middlewares {0} and {1} both have Order = {2} and both apply to route '{3}', but are declared in different files; the router runs them by type name ({0} first), which is probably not a choice you made: give them different Order values",
        Category,
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        helpLinkUri: HelpLink("RTR010"));

    /// <summary>RTR011: the [GeneratedRouter] class cannot be filled in.</summary>
    public static readonly DiagnosticDescriptor InvalidRouterClass = new(
        "RTR011",
        "Invalid [GeneratedRouter] class",
        "[GeneratedRouter] class {0} {1}",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpLink("RTR011"));

    /// <summary>RTR012: an executable with handlers and no router.</summary>
    public static readonly DiagnosticDescriptor NoRouter = new(
        "RTR012",
        "Handlers but no [GeneratedRouter] class",
        "This executable has [Route] handlers (such as '{0}') but no [GeneratedRouter] class, so nothing routes to them; declare 'public sealed partial class FunctionRouter;' with [GeneratedRouter]",
        Category,
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        helpLinkUri: HelpLink("RTR012"));

    /// <summary>RTR013: generated code cannot construct a handler class or middleware.</summary>
    public static readonly DiagnosticDescriptor CannotConstruct = new(
        "RTR013",
        "Handler or middleware class cannot be constructed",
        "Generated code cannot create {0}: {1}",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpLink("RTR013"));

    /// <summary>RTR014: '*' or a pattern used as a handler route.</summary>
    public static readonly DiagnosticDescriptor PatternAsRoute = new(
        "RTR014",
        "A pattern used as a handler route",
        "'{0}' is a middleware pattern, not a route; a handler needs an exact route such as 'pay/makeOrder'",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpLink("RTR014"));

    /// <summary>RTR015: <c>Methods</c> of a <c>[Route]</c> that is not a list of HTTP methods, or on a class prefix.</summary>
    public static readonly DiagnosticDescriptor InvalidMethods = new(
        "RTR015",
        "Invalid HTTP methods of a route",
        "Methods = \"{0}\" of route '{1}' is not valid: {2}",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpLink("RTR015"));

    /// <summary>RTR016: a validation attribute that generated code cannot check without reflection.</summary>
    public static readonly DiagnosticDescriptor CannotValidate = new(
        "RTR016",
        "Validation attribute cannot be checked without reflection",
        "[{0}] on '{1}' cannot be checked before the handler: {2}",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpLink("RTR016"));

    /// <summary>RTR017: a validation attribute on a member of a type it cannot check.</summary>
    public static readonly DiagnosticDescriptor ValidationDoesNotApply = new(
        "RTR017",
        "Validation attribute does not apply to the member's type",
        "[{0}] cannot check '{1}' of type {2}: {3}",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpLink("RTR017"));
}
