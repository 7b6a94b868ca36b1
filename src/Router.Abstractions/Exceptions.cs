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
