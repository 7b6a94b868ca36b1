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
/// for example), or binds to a request that its validation attributes refuse (docs/guide.md, "Validation").
/// The function runtime reports it as the <c>InvalidRequest</c> error; over HTTP a 400 whose body carries
/// <see cref="Errors"/> as <c>"errors"</c>.
/// </summary>
public sealed class InvalidRequestException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What did not bind, naming the member.</param>
    /// <param name="memberPath">The JSON path of the member at fault (<c>$.amount</c>), when known.</param>
    /// <param name="innerException">The serializer's exception.</param>
    public InvalidRequestException(string message, string? memberPath, Exception? innerException)
        : base(message, innerException) => MemberPath = memberPath;

    /// <summary>Creates the exception for a request that failed validation; <see cref="MemberPath"/> is the first failing member's.</summary>
    /// <param name="message">What failed, naming every member.</param>
    /// <param name="errors">Every failure: the messages of each member, by JSON path (<c>$.lines[0].sku</c>), in the order found.</param>
    public InvalidRequestException(string message, IReadOnlyDictionary<string, string[]> errors)
        : base(message)
    {
        ArgumentNullException.ThrowIfNull(errors);
        Errors = errors;
        foreach (var path in errors.Keys)
        {
            MemberPath = path;
            break;
        }
    }

    /// <summary>The JSON path of the member at fault, for example <c>$.amount</c>, when known.</summary>
    public string? MemberPath { get; }

    /// <summary>
    /// For a request that failed validation, the messages of each failing member by JSON path, in the order
    /// found (<c>{ "$.amount": ["The field amount must be between 1 and 99."] }</c>); <see langword="null"/>
    /// when the event did not bind.
    /// </summary>
    public IReadOnlyDictionary<string, string[]>? Errors { get; }
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

/// <summary>
/// Thrown before an <see cref="IdempotentAttribute"/> handler when its idempotency key was used before with
/// another request (the bound requests' SHA-256 differ). The function runtime reports it as the
/// <c>IdempotencyKeyReused</c> error, HTTP 422, as the IETF httpapi draft on the <c>Idempotency-Key</c> header advises.
/// </summary>
public sealed class IdempotencyKeyReusedException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="route">The route.</param>
    /// <param name="key">The client's key.</param>
    public IdempotencyKeyReusedException(string route, string key)
        : base($"The idempotency key '{key}' of route '{route}' was used with another request; send a new key for a new request.")
    {
        Route = route;
        Key = key;
    }

    /// <summary>The route.</summary>
    public string Route { get; }

    /// <summary>The client's key.</summary>
    public string Key { get; }
}

/// <summary>
/// Thrown before an <see cref="IdempotentAttribute"/> handler when another invocation with the same key and
/// request is still running. The function runtime reports it as the <c>IdempotencyInProgress</c> error,
/// HTTP 409, as the IETF httpapi draft on the <c>Idempotency-Key</c> header advises; retry later for its answer.
/// </summary>
public sealed class IdempotencyInProgressException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="route">The route.</param>
    /// <param name="key">The client's key.</param>
    public IdempotencyInProgressException(string route, string key)
        : base($"A request with the idempotency key '{key}' of route '{route}' is still running; retry later for its answer.")
    {
        Route = route;
        Key = key;
    }

    /// <summary>The route.</summary>
    public string Route { get; }

    /// <summary>The client's key.</summary>
    public string Key { get; }
}
