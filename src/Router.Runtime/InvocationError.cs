using Router.Runtime.Http;

namespace Router.Runtime;

/// <summary>
/// Why an invocation failed, as one value from where it is found (the event scan, the HTTP request, the
/// dispatch, the body's serialization) to the host: the error type (<see cref="ErrorTypes"/>), the message
/// that names the cause, the HTTP status an HTTP answer gets, and for <see cref="ErrorTypes.MethodNotAllowed"/>
/// the methods the route takes (the <c>Allow</c> header), for a request that failed validation its errors by JSON path.
/// </summary>
internal sealed record InvocationError(string Type, string Message, int StatusCode, string? Allow = null)
{
    /// <summary>For a request that failed validation, the messages of each member by JSON path (the HTTP body's <c>"errors"</c>).</summary>
    public IReadOnlyDictionary<string, string[]>? Errors { get; init; }

    /// <summary>An error whose HTTP status is its type's (docs/guide.md, "Errors").</summary>
    public static InvocationError Of(string type, string message, string? allow = null) => new(type, message, HttpStatuses.Of(type), allow);
}
