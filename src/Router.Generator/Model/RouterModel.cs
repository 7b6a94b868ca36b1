namespace Router.Generator.Model;

// The emitter's input: everything the generated source depends on and nothing else (no
// locations, no diagnostics), so an edit that only moves code leaves it equal and the output cached.

/// <summary>The router to emit.</summary>
/// <param name="Namespace">The router's namespace, or empty.</param>
/// <param name="Name">The router class's name.</param>
/// <param name="JsonContext">The JSON context (fully qualified, with <c>global::</c>), or null.</param>
/// <param name="IsFallback">True when the route table has errors: only the public surface is emitted.</param>
public sealed record RouterModel(
    string Namespace,
    string Name,
    string? JsonContext,
    bool IsFallback,
    EquatableArray<RouteModel> Routes,
    EquatableArray<InstanceModel> HandlerClasses,
    EquatableArray<InstanceModel> Middleware,
    EquatableArray<string> JsonTypes)
{
    /// <summary>The types whose validation generated code runs (docs/guide.md, "Validation"), by name.</summary>
    public EquatableArray<ValidatedTypeSpec> ValidatedTypes { get; init; } = EquatableArray<ValidatedTypeSpec>.Empty;
}

/// <summary>
/// A class that generated code creates: a middleware once per router; a handler class once per router
/// when its constructor takes nothing, else once per invocation from the invocation's services.
/// </summary>
/// <param name="TypeName">Fully qualified, with <c>global::</c>.</param>
/// <param name="DisplayName">Fully qualified, without <c>global::</c>, for messages.</param>
/// <param name="ConstructorParameters">Fully qualified types resolved from services.</param>
/// <param name="Disposal">How a handler instance created per invocation is disposed after its call.</param>
/// <param name="HasDirectInvoke">For a middleware: whether its <c>InvokeAsync</c> is called on the type itself (else through <c>IRouteMiddleware</c>).</param>
public sealed record InstanceModel(string TypeName, string DisplayName, EquatableArray<string> ConstructorParameters, Disposal Disposal = Disposal.None, bool HasDirectInvoke = false)
{
    /// <summary>Whether generated code creates it per invocation (a handler class whose constructor takes services).</summary>
    public bool IsPerInvocation => ConstructorParameters.Count > 0;
}

/// <summary>One route: its handler call and its precomposed pipeline.</summary>
/// <param name="Path">The route.</param>
/// <param name="HandlerDisplay">The handler as <c>Namespace.Type.Method</c>.</param>
/// <param name="HandlerType">The handler's class, fully qualified with <c>global::</c>.</param>
/// <param name="HandlerClassIndex">Index into <see cref="RouterModel.HandlerClasses"/>, or -1 for a static handler.</param>
/// <param name="Pipeline">Indexes into <see cref="RouterModel.Middleware"/>, outermost first.</param>
/// <param name="RequestTypeIndex">Index into <see cref="RouterModel.JsonTypes"/>, or -1.</param>
/// <param name="ResponseTypeIndex">Index into <see cref="RouterModel.JsonTypes"/>, or -1.</param>
/// <param name="Methods">The HTTP methods the route takes; empty for every method.</param>
/// <param name="Summary">The handler's documentation summary as plain text, or null.</param>
/// <param name="Remarks">The handler's documentation remarks as plain text, or null.</param>
public sealed record RouteModel(
    string Path,
    string HandlerDisplay,
    string HandlerType,
    string MethodName,
    int HandlerClassIndex,
    EquatableArray<ParameterSpec> Parameters,
    ReturnKind ReturnKind,
    EquatableArray<int> Pipeline,
    int RequestTypeIndex,
    int ResponseTypeIndex,
    EquatableArray<string> Methods = default,
    string? Summary = null,
    string? Remarks = null)
{
    /// <summary>Index into <see cref="RouterModel.ValidatedTypes"/> of the request type, or -1 when the request has nothing to check.</summary>
    public int ValidatorIndex { get; init; } = -1;

    /// <summary>The handler's <c>[Idempotent]</c> settings, or null.</summary>
    public IdempotencySpec? Idempotency { get; init; }
}

/// <summary>What the route-table stage produces: the model to emit and the diagnostics to report.</summary>
public sealed record RouteTableSpec(RouterModel? Model, EquatableArray<DiagnosticInfo> Diagnostics);
