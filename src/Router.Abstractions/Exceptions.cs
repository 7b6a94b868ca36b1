namespace Router;

/// <summary>
/// Thrown by <see cref="IRouteDispatcher.DispatchAsync"/> when no route is named by the event's
/// <c>$url</c>. The function runtime reports it as the <c>RouteNotFound</c> error.
/// </summary>
public sealed class RouteNotFoundException : Exception
{
    /// <summary>Creates the exception for <paramref name="route"/>.</summary>
    public RouteNotFoundException(string route)
        : base($"No route is named '{route}'.") => Route = route;

    /// <summary>The route that was asked for.</summary>
    public string Route { get; }
}

/// <summary>
/// Thrown when the event does not bind to a handler's request type (a member of the wrong type,
/// for example). The function runtime reports it as the <c>InvalidRequest</c> error.
/// </summary>
public sealed class InvalidRequestException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What did not bind, naming the member.</param>
    /// <param name="memberPath">The JSON path of the member at fault (<c>$.amount</c>), when known.</param>
    /// <param name="innerException">The serializer's exception.</param>
    public InvalidRequestException(string message, string? memberPath, Exception? innerException)
        : base(message, innerException) => MemberPath = memberPath;

    /// <summary>The JSON path of the member at fault, for example <c>$.amount</c>, when known.</summary>
    public string? MemberPath { get; }
}

/// <summary>
/// Thrown by <see cref="IRouteDispatcher.DispatchAsync"/> when an HTTP request uses a method its route
/// does not take (<see cref="RouteAttribute.Methods"/>). The function runtime reports it as the
/// <c>MethodNotAllowed</c> error: HTTP 405 with an <c>Allow</c> header. Direct invocations have no method
/// and are never refused this way.
/// </summary>
public sealed class MethodNotAllowedException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="route">The route.</param>
    /// <param name="method">The request's method.</param>
    /// <param name="allowedMethods">The methods the route takes.</param>
    public MethodNotAllowedException(string route, string method, IReadOnlyList<string> allowedMethods)
        : base($"Route '{route}' does not take {method} requests; it takes {string.Join(", ", allowedMethods)}.")
    {
        Route = route;
        Method = method;
        AllowedMethods = allowedMethods;
    }

    /// <summary>The route that was asked for.</summary>
    public string Route { get; }

    /// <summary>The request's method.</summary>
    public string Method { get; }

    /// <summary>The methods the route takes, in the order <see cref="RouteAttribute.Methods"/> names them.</summary>
    public IReadOnlyList<string> AllowedMethods { get; }
}
