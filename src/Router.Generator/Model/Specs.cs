namespace Router.Generator.Model;

// The specs below are what the parsing stage extracts from symbols. They hold only strings,
// numbers, enums, value-equal LocationInfo records and EquatableArrays: never an ISymbol,
// SyntaxNode, Compilation or Location. Records compare by value, which is what lets the
// incremental pipeline see that nothing changed.

/// <summary>A <c>JsonSerializerContext</c> with <c>[JsonSerializable]</c> attributes.</summary>
/// <param name="Name">Fully qualified, with <c>global::</c>.</param>
/// <param name="Types">Every type it has metadata for (fully qualified, ordinal order): the listed types and,
/// as System.Text.Json's generator does, the types of their public properties and fields, element types and type arguments.</param>
public sealed record JsonContextSpec(string Name, EquatableArray<string> Types);

/// <summary>The class marked <c>[GeneratedRouter]</c>.</summary>
/// <param name="Namespace">Its namespace, or empty for the global namespace.</param>
/// <param name="Name">Its simple name.</param>
/// <param name="JsonContext">The fully qualified <c>JsonContext</c> argument, or null when not given.</param>
/// <param name="Problem">Why the class cannot be filled in (RTR011), or null.</param>
/// <param name="CanAddPartial">Whether the problem is only a missing <c>partial</c> (the RTR011 code fix).</param>
public sealed record RouterSpec(
    string Namespace,
    string Name,
    string? JsonContext,
    string? Problem,
    bool CanAddPartial,
    LocationInfo? Location);

/// <summary>How generated code creates a handler class or middleware.</summary>
/// <param name="ParameterTypes">Fully qualified types of the chosen constructor's parameters, resolved from services.</param>
/// <param name="Problem">Why generated code cannot construct the type (RTR013), or null.</param>
/// <param name="Disposal">How an instance created per invocation is disposed when the invocation ends.</param>
public sealed record ConstructorSpec(EquatableArray<string> ParameterTypes, string? Problem, Disposal Disposal = Disposal.None);

/// <summary>Whether a type is disposed, and how: <c>IAsyncDisposable</c> wins over <c>IDisposable</c>, as <c>await using</c> chooses.</summary>
public enum Disposal
{
    None,
    Dispose,
    DisposeAsync,
}

/// <summary>A middleware type as referenced by <c>[Middleware]</c> or <c>[UseMiddleware]</c>.</summary>
/// <param name="TypeName">Fully qualified, with <c>global::</c>.</param>
/// <param name="DisplayName">Fully qualified, without <c>global::</c>.</param>
/// <param name="ImplementsMiddleware">Whether it implements <c>Router.IRouteMiddleware</c>.</param>
/// <param name="AccessProblem">Why generated code cannot name the type (RTR005), or null.</param>
/// <param name="HasDirectInvoke">Whether generated code can call its <c>InvokeAsync</c> on the type itself (not an explicit interface implementation).</param>
public sealed record MiddlewareRefSpec(
    string TypeName,
    string DisplayName,
    bool ImplementsMiddleware,
    ConstructorSpec Constructor,
    string? AccessProblem,
    LocationInfo? Location,
    bool HasDirectInvoke = false);

/// <summary>One <c>[Middleware(pattern)]</c> attribute.</summary>
public sealed record MiddlewarePatternSpec(string Pattern, int Order, LocationInfo? Location);

/// <summary>A class marked with one or more <c>[Middleware]</c> attributes.</summary>
/// <param name="Diagnostics">Problems of this middleware alone (RTR002, RTR005, RTR006, RTR013).</param>
public sealed record MiddlewareSpec(MiddlewareRefSpec Type, EquatableArray<MiddlewarePatternSpec> Patterns, EquatableArray<DiagnosticInfo> Diagnostics);

/// <summary>What a handler parameter is bound from.</summary>
public enum ParameterKind
{
    Request,
    Context,
    CancellationToken,
    ServiceProvider,
    Service,
}

/// <summary>One handler parameter.</summary>
/// <param name="TypeName">Fully qualified, with <c>global::</c>.</param>
public sealed record ParameterSpec(ParameterKind Kind, string TypeName);

/// <summary>The shape of a handler's return type.</summary>
public enum ReturnKind
{
    Void,
    Task,
    ValueTask,
    Value,
    TaskOfT,
    ValueTaskOfT,
}

/// <summary>One <c>[Route]</c> of a handler, joined with its class prefix.</summary>
/// <param name="Path">The full route, for example <c>pay/makeOrder</c>.</param>
/// <param name="Location">The method's <c>[Route]</c> attribute.</param>
/// <param name="Methods">The HTTP methods the route takes, in the order written; empty for every method.</param>
public sealed record RouteTemplateSpec(string Path, LocationInfo? Location, EquatableArray<string> Methods = default);

/// <summary>A method with one or more <c>[Route]</c> attributes.</summary>
/// <param name="Namespace">The namespace of its class, or empty.</param>
/// <param name="ContainingType">Fully qualified, with <c>global::</c>.</param>
/// <param name="ContainingTypeDisplay">Fully qualified, without <c>global::</c>.</param>
/// <param name="ClassConstructor">How to create the class, for instance handlers; null for static ones.</param>
/// <param name="ResponseType">The body type (fully qualified), or null when the handler returns none.</param>
/// <param name="RequestLocation">The request parameter, where RTR007 points for the request type.</param>
/// <param name="ResponseLocation">The return type, where RTR007 points for the response type.</param>
/// <param name="Diagnostics">Problems found in this handler alone (RTR002, RTR004, RTR005, RTR006, RTR013, RTR014).</param>
/// <param name="Summary">The handler's XML documentation <c>&lt;summary&gt;</c> as plain text, or null (<see cref="Parsing.HandlerDocumentation"/>).</param>
/// <param name="Remarks">Its <c>&lt;remarks&gt;</c> as plain text, or null.</param>
public sealed record HandlerSpec(
    string Namespace,
    string ContainingType,
    string ContainingTypeDisplay,
    string MethodName,
    bool IsStatic,
    ConstructorSpec? ClassConstructor,
    EquatableArray<RouteTemplateSpec> Routes,
    EquatableArray<ParameterSpec> Parameters,
    ReturnKind ReturnKind,
    string? ResponseType,
    LocationInfo? RequestLocation,
    LocationInfo? ResponseLocation,
    EquatableArray<MiddlewareRefSpec> ClassMiddleware,
    EquatableArray<MiddlewareRefSpec> MethodMiddleware,
    EquatableArray<DiagnosticInfo> Diagnostics,
    string? Summary = null,
    string? Remarks = null)
{
    /// <summary>What its request type asks to be checked before it runs, the request type first; empty when nothing (docs/guide.md, "Validation").</summary>
    public EquatableArray<ValidatedTypeSpec> Validation { get; init; } = EquatableArray<ValidatedTypeSpec>.Empty;

    /// <summary>Its <c>[Idempotent]</c> settings, or null.</summary>
    public IdempotencySpec? Idempotency { get; init; }

    /// <summary>Whether the handler comes from a referenced assembly (it then has no source locations).</summary>
    public bool IsFromReference => Routes.Count > 0 && Routes[0].Location is null;

    public string? RequestType
    {
        get
        {
            foreach (var parameter in Parameters)
            {
                if (parameter.Kind == ParameterKind.Request)
                {
                    return parameter.TypeName;
                }
            }

            return null;
        }
    }
}
