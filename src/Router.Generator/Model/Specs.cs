namespace Router.Generator.Model;

// The specs below are what the parsing stage extracts from symbols. They hold only strings,
// numbers, enums, value-equal LocationInfo records and EquatableArrays: never an ISymbol,
// SyntaxNode, Compilation or Location. Records compare by value, which is what lets the
// incremental pipeline see that nothing changed.

/// <summary>The class marked <c>[GeneratedRouter]</c>.</summary>
/// <param name="Namespace">Its namespace, or empty for the global namespace.</param>
/// <param name="Name">Its simple name.</param>
/// <param name="JsonContext">The fully qualified <c>JsonContext</c> argument, or null when not given.</param>
/// <param name="Problem">Why the class cannot be filled in (RTR011), or null.</param>
public sealed record RouterSpec(
    string Namespace,
    string Name,
    string? JsonContext,
    string? Problem,
    LocationInfo? Location);

/// <summary>How generated code creates a handler class or middleware.</summary>
/// <param name="ParameterTypes">Fully qualified types of the chosen constructor's parameters, resolved from services.</param>
/// <param name="Problem">Why generated code cannot construct the type (RTR013), or null.</param>
public sealed record ConstructorSpec(EquatableArray<string> ParameterTypes, string? Problem);

/// <summary>A middleware type as referenced by <c>[Middleware]</c> or <c>[UseMiddleware]</c>.</summary>
/// <param name="TypeName">Fully qualified, with <c>global::</c>.</param>
/// <param name="DisplayName">Fully qualified, without <c>global::</c>.</param>
/// <param name="ImplementsMiddleware">Whether it implements <c>Router.IRouteMiddleware</c>.</param>
public sealed record MiddlewareRefSpec(
    string TypeName,
    string DisplayName,
    bool ImplementsMiddleware,
    ConstructorSpec Constructor,
    LocationInfo? Location);

/// <summary>One <c>[Middleware(pattern)]</c> attribute.</summary>
public sealed record MiddlewarePatternSpec(string Pattern, int Order, LocationInfo? Location);

/// <summary>A class marked with one or more <c>[Middleware]</c> attributes.</summary>
public sealed record MiddlewareSpec(MiddlewareRefSpec Type, EquatableArray<MiddlewarePatternSpec> Patterns);

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
public sealed record RouteTemplateSpec(string Path, LocationInfo? Location);

/// <summary>A method with one or more <c>[Route]</c> attributes.</summary>
/// <param name="ContainingType">Fully qualified, with <c>global::</c>.</param>
/// <param name="ContainingTypeDisplay">Fully qualified, without <c>global::</c>.</param>
/// <param name="ClassConstructor">How to create the class, for instance handlers; null for static ones.</param>
/// <param name="ResponseType">The body type (fully qualified), or null when the handler returns none.</param>
/// <param name="Diagnostics">Problems found in this handler alone (RTR002, RTR004, RTR006, RTR013, RTR014).</param>
public sealed record HandlerSpec(
    string ContainingType,
    string ContainingTypeDisplay,
    string MethodName,
    bool IsStatic,
    ConstructorSpec? ClassConstructor,
    EquatableArray<RouteTemplateSpec> Routes,
    EquatableArray<ParameterSpec> Parameters,
    ReturnKind ReturnKind,
    string? ResponseType,
    EquatableArray<MiddlewareRefSpec> ClassMiddleware,
    EquatableArray<MiddlewareRefSpec> MethodMiddleware,
    EquatableArray<DiagnosticInfo> Diagnostics)
{
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
