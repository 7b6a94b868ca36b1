using Router.Runtime.Http;

namespace Router.Runtime;

/// <summary>
/// Why an invocation failed, as one value from where it is found (the event scan, the HTTP request, the
/// dispatch, the body's serialization) to the host: the error type (<see cref="ErrorTypes"/>), the message
/// that names the cause, the HTTP status an HTTP answer gets, and for <see cref="ErrorTypes.MethodNotAllowed"/>
/// the methods the route takes (the <c>Allow</c> header).
/// </summary>
internal sealed record InvocationError(string Type, string Message, int StatusCode, string? Allow = null)
{
    /// <summary>An error whose HTTP status is its type's (docs/guide.md, "Errors").</summary>
    public static InvocationError Of(string type, string message, string? allow = null) => new(type, message, HttpStatuses.Of(type), allow);
}
