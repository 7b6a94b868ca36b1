namespace Router;

/// <summary>
/// Marks the <see langword="partial"/> class that the router generator fills in with a
/// <c>switch</c> dispatcher over every <see cref="RouteAttribute"/> handler in the compilation, one
/// precomposed middleware pipeline per route, and the route table (<c>Routes</c>).
/// The class then implements <see cref="IRouteDispatcher"/>; run it with
/// <c>FunctionHost.RunAsync(new MyRouter(), args)</c>.
/// </summary>
/// <remarks>Plays the role of tcb-router's <c>new TcbRouter({ event })</c> plus <c>app.serve()</c>.</remarks>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class GeneratedRouterAttribute : Attribute
{
    /// <summary>
    /// The <c>System.Text.Json.Serialization.JsonSerializerContext</c> that supplies the metadata for
    /// every request and response type. When <see langword="null"/>, the only context in the
    /// compilation is used.
    /// </summary>
    public Type? JsonContext { get; set; }
}

/// <summary>
/// On a method: the route (or routes, when applied several times) that the method handles, like
/// tcb-router's <c>app.router('pay/makeOrder', handler)</c>. On a class: a prefix joined with <c>/</c>
/// to the route of every handler method in the class (<c>[Route("pay")]</c> + <c>[Route("makeOrder")]</c>
/// is <c>pay/makeOrder</c>).
/// </summary>
/// <remarks>
/// A route is one or more segments separated by <c>/</c>; a segment holds letters, digits,
/// <c>-</c>, <c>_</c>, <c>.</c> or <c>~</c>. Routes are case-sensitive, as in tcb-router. <c>*</c> is not a
/// route (it is only a <see cref="MiddlewareAttribute"/> pattern).
/// Handler methods take at most one request parameter (bound from the whole event through the
/// router's JSON context), and any of <see cref="RouteContext"/>, <see cref="CancellationToken"/>,
/// <see cref="IServiceProvider"/> and services (interface or abstract types resolved from
/// <see cref="RouteContext.Services"/>). They return <see langword="void"/>, <see cref="Task"/>,
/// <see cref="ValueTask"/>, <c>T</c>, <see cref="Task{TResult}"/> or <see cref="ValueTask{TResult}"/>;
/// a returned value becomes <see cref="RouteContext.Body"/>.
/// </remarks>
[AttributeUsage(AttributeTargets.Method | AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class RouteAttribute : Attribute
{
    /// <summary>Creates the attribute.</summary>
    /// <param name="template">The route, or on a class the prefix, for example <c>"pay/makeOrder"</c>.</param>
    public RouteAttribute(string template) => Template = template;

    /// <summary>The route text as written, for example <c>"pay/makeOrder"</c>.</summary>
    public string Template { get; }

    /// <summary>
    /// The HTTP methods the route takes, comma-separated in upper case: <c>"GET"</c>, <c>"GET,POST"</c>.
    /// An HTTP request with another method is refused with 405 and an <c>Allow</c> header, before any
    /// middleware runs; a direct invocation has no method and is never refused. <see langword="null"/> (the
    /// default) takes every method. Only on a handler method's <c>[Route]</c>, not on a class prefix (RTR015).
    /// </summary>
    public string? Methods { get; set; }
}

/// <summary>
/// Registers a class implementing <see cref="IRouteMiddleware"/> for every route that matches
/// <see cref="Pattern"/>, like tcb-router's <c>app.use(mw)</c> and <c>app.use('user/login', mw)</c>.
/// </summary>
/// <remarks>
/// Patterns: <c>*</c> (every route, the default), an exact route, or <c>prefix/*</c> (every route that
/// starts with <c>prefix/</c>). A route's pipeline runs global (<c>*</c>) middleware first, ordered by
/// <see cref="Order"/> and then by full type name, then pattern-scoped middleware in the same order,
/// then the handler class's <see cref="UseMiddlewareAttribute"/>s, then the method's, then the handler.
/// </remarks>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class MiddlewareAttribute : Attribute
{
    /// <summary>Registers the middleware for every route (pattern <c>*</c>).</summary>
    public MiddlewareAttribute() : this("*")
    {
    }

    /// <summary>Registers the middleware for the routes that match <paramref name="pattern"/>.</summary>
    /// <param name="pattern"><c>*</c>, an exact route, or <c>prefix/*</c>.</param>
    public MiddlewareAttribute(string pattern) => Pattern = pattern;

    /// <summary>The route pattern: <c>*</c>, an exact route, or <c>prefix/*</c>.</summary>
    public string Pattern { get; }

    /// <summary>Lower runs earlier (further outside in the onion). Defaults to 0.</summary>
    public int Order { get; set; }
}

/// <summary>
/// Adds a middleware to one handler method, or to every handler of a class, like the middleware
/// arguments of tcb-router's <c>app.router('x', mw1, mw2, handler)</c>. Several apply in declaration
/// order; they run inside the <see cref="MiddlewareAttribute"/> middleware and never replace it.
/// </summary>
[AttributeUsage(AttributeTargets.Method | AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public class UseMiddlewareAttribute : Attribute
{
    /// <summary>Creates the attribute.</summary>
    /// <param name="middlewareType">A class implementing <see cref="IRouteMiddleware"/>.</param>
    public UseMiddlewareAttribute(Type middlewareType) => MiddlewareType = middlewareType;

    /// <summary>The middleware class.</summary>
    public Type MiddlewareType { get; }
}

/// <summary>The generic form of <see cref="UseMiddlewareAttribute"/>: <c>[UseMiddleware&lt;RequireSession&gt;]</c>.</summary>
/// <typeparam name="TMiddleware">A class implementing <see cref="IRouteMiddleware"/>.</typeparam>
[AttributeUsage(AttributeTargets.Method | AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class UseMiddlewareAttribute<TMiddleware> : UseMiddlewareAttribute
    where TMiddleware : IRouteMiddleware
{
    /// <summary>Creates the attribute.</summary>
    public UseMiddlewareAttribute() : base(typeof(TMiddleware))
    {
    }
}
