namespace Router.Runtime.Http;

/// <summary>An HTTP event or request that cannot be served, with the error type and HTTP status it gets.</summary>
internal sealed class HttpEventException(string errorType, int statusCode, string message) : Exception(message)
{
    public string ErrorType { get; } = errorType;

    public int StatusCode { get; } = statusCode;

    public static HttpEventException Invalid(string message, int statusCode = 400) => new(ErrorTypes.InvalidEvent, statusCode, message);
}
