using System.Text.Json;

namespace Router;

/// <summary>
/// The rest of a route's pipeline, as seen by a middleware: calling it runs the next middleware
/// and finally the handler. The counterpart of koa's and tcb-router's <c>next</c>.
/// </summary>
/// <param name="context">The invocation's context; pass on the one you received.</param>
public delegate ValueTask RouteHandler(RouteContext context);

/// <summary>
/// A Koa-style middleware: code before <c>await next(context)</c> runs on the way in, code after it
/// on the way out (onion order). Not calling <c>next</c> short-circuits the route; calling it twice
/// throws <see cref="InvalidOperationException"/> with "next() called multiple times", as koa-compose does.
/// </summary>
/// <remarks>
/// One instance per router serves every invocation, so keep per-invocation state in
/// <see cref="RouteContext.Items"/>. Register it with <see cref="MiddlewareAttribute"/> or
/// <see cref="UseMiddlewareAttribute"/>; generated code constructs it with <c>new</c>, or with
/// constructor arguments resolved from <see cref="RouteContext.Services"/>.
/// </remarks>
public interface IRouteMiddleware
{
    /// <summary>Runs the middleware for one invocation.</summary>
    /// <param name="context">The invocation's context.</param>
    /// <param name="next">The rest of the pipeline.</param>
    ValueTask InvokeAsync(RouteContext context, RouteHandler next);
}

/// <summary>
/// A router: dispatches a <see cref="RouteContext"/> to the pipeline of its <see cref="RouteContext.Url"/>.
/// Implemented by the class marked with <see cref="GeneratedRouterAttribute"/>.
/// </summary>
public interface IRouteDispatcher
{
    /// <summary>Runs the pipeline of <see cref="RouteContext.Url"/>.</summary>
    /// <param name="context">The invocation's context.</param>
    /// <exception cref="RouteNotFoundException">No route is named <see cref="RouteContext.Url"/>.</exception>
    /// <exception cref="InvalidRequestException">The event does not bind to the handler's request type.</exception>
    ValueTask DispatchAsync(RouteContext context);

    /// <summary>The route table, ordered by path (ordinal).</summary>
    IReadOnlyList<RouteDescriptor> Routes { get; }

    /// <summary>
    /// The options of the router's JSON context, used to serialize a <see cref="RouteContext.Body"/>
    /// that was set without type metadata; <see langword="null"/> when the router has no JSON context.
    /// </summary>
    JsonSerializerOptions? JsonOptions { get; }

    /// <summary>
    /// What the validation attributes of the request types say in JSON Schema (docs/guide.md, "Validation"),
    /// for the OpenAPI document: one entry per validated member of every type a request holds. Empty unless
    /// the router was generated with validation; created on first use, never at start-up.
    /// </summary>
    IReadOnlyList<SchemaConstraint> SchemaConstraints => [];
}

/// <summary>What one validated member's attributes say in JSON Schema (<see cref="IRouteDispatcher.SchemaConstraints"/>).</summary>
/// <param name="DeclaringType">The type that has the member.</param>
/// <param name="Member">The member's C# name; its JSON name is <paramref name="JsonName"/>, or the JSON context's naming policy applied to it.</param>
/// <param name="JsonName">Its <c>[JsonPropertyName]</c>, or <see langword="null"/>.</param>
/// <param name="IsRequired">Whether it is <c>[Required]</c>: it goes into its object's <c>required</c>.</param>
/// <param name="Keywords">The JSON Schema 2020-12 keywords as a JSON object's text: <c>{"minLength":3,"maxLength":20}</c>.</param>
public sealed record SchemaConstraint(Type DeclaringType, string Member, string? JsonName, bool IsRequired, string Keywords);

/// <summary>One row of a router's route table.</summary>
/// <param name="Path">The route, for example <c>pay/makeOrder</c>.</param>
/// <param name="Handler">The handler method, as <c>Namespace.Type.Method</c>.</param>
/// <param name="Middleware">The pipeline's middleware types, outermost first, as full type names.</param>
/// <param name="RequestType">The request type bound from the event, or <see langword="null"/>.</param>
/// <param name="ResponseType">The type of the returned body, or <see langword="null"/> when the handler returns none.</param>
public sealed record RouteDescriptor(
    string Path,
    string Handler,
    IReadOnlyList<string> Middleware,
    string? RequestType,
    string? ResponseType)
{
    /// <summary>The HTTP methods the route takes (<see cref="RouteAttribute.Methods"/>); empty when it takes every method.</summary>
    public IReadOnlyList<string> Methods { get; init; } = [];

    /// <summary>
    /// The request type (<see cref="RequestType"/>) as a <see cref="Type"/>, for its metadata in the router's
    /// JSON context (<see cref="IRouteDispatcher.JsonOptions"/>, <c>GetTypeInfo</c>); <see langword="null"/> when the route binds none.
    /// </summary>
    public Type? RequestClrType { get; init; }

    /// <summary>The returned body's type (<see cref="ResponseType"/>) as a <see cref="Type"/>; <see langword="null"/> when the handler returns none.</summary>
    public Type? ResponseClrType { get; init; }

    /// <summary>The handler's XML documentation <c>&lt;summary&gt;</c> as plain text (whitespace collapsed), or <see langword="null"/>; the OpenAPI operation's <c>summary</c>.</summary>
    public string? Summary { get; init; }

    /// <summary>The handler's <c>&lt;remarks&gt;</c> as plain text (paragraphs separated by a blank line), or <see langword="null"/>; the OpenAPI operation's <c>description</c>.</summary>
    public string? Description { get; init; }

    /// <summary>Whether the handler is <see cref="IdempotentAttribute"/>: the OpenAPI operation then takes an <c>Idempotency-Key</c> header.</summary>
    public bool IsIdempotent { get; init; }
}
