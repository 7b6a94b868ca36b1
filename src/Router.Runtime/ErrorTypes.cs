namespace Router.Runtime;

/// <summary>
/// The stable <see cref="InvocationResult.ErrorType"/> values. Hosts report a direct invocation's through
/// each platform's error channel, and an HTTP invocation's as an HTTP status with the
/// <c>{ "errorType", "errorMessage" }</c> body; clients and tests may rely on them.
/// </summary>
public static class ErrorTypes
{
    /// <summary>
    /// The event is not usable: not JSON, truncated, empty, <c>null</c>, not an object, nested deeper
    /// than <see cref="FunctionInvokerOptions.MaxDepth"/>, larger than <see cref="FunctionInvokerOptions.MaxEventBytes"/>,
    /// or with <c>$url</c> given twice.
    /// </summary>
    public const string InvalidEvent = nameof(InvalidEvent);

    /// <summary>The event has no <c>$url</c>, or <c>$url</c> is not a string.</summary>
    public const string MissingRoute = nameof(MissingRoute);

    /// <summary><c>$url</c> names no route.</summary>
    public const string RouteNotFound = nameof(RouteNotFound);

    /// <summary>
    /// The event does not bind to the handler's request type, or its request fails the type's validation
    /// attributes (an HTTP 400 body then adds <c>"errors"</c>: the messages of each member by JSON path).
    /// </summary>
    public const string InvalidRequest = nameof(InvalidRequest);

    /// <summary>An <c>[Idempotent]</c> route's key was used before with another request: HTTP 422.</summary>
    public const string IdempotencyKeyReused = nameof(IdempotencyKeyReused);

    /// <summary>An <c>[Idempotent]</c> route's key belongs to an invocation that still runs: HTTP 409; retry later for its answer.</summary>
    public const string IdempotencyInProgress = nameof(IdempotencyInProgress);

    /// <summary>An HTTP request uses a method its route does not take (<c>RouteAttribute.Methods</c>): HTTP 405 with <c>Allow</c>.</summary>
    public const string MethodNotAllowed = nameof(MethodNotAllowed);

    /// <summary>A middleware or the handler threw, or the body could not be serialized.</summary>
    public const string HandlerError = nameof(HandlerError);

    /// <summary>
    /// <see cref="FunctionHostOptions.Initialize"/> threw. Reported through the platform's init error
    /// channel (Lambda's <c>/runtime/init/error</c>, FC's <c>/initialize</c> answer); no event is served.
    /// </summary>
    public const string InitializationError = nameof(InitializationError);
}
