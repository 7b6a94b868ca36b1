namespace Router.Runtime.Http;

/// <summary>An HTTP event or request that cannot be served: thrown where it is found, carrying its <see cref="InvocationError"/>.</summary>
internal sealed class HttpEventException(InvocationError error) : Exception(error.Message)
{
    public HttpEventException(string errorType, int statusCode, string message)
        : this(new InvocationError(errorType, message, statusCode))
    {
    }

    public InvocationError Error { get; } = error;

    public string ErrorType => Error.Type;

    public int StatusCode => Error.StatusCode;

    public static HttpEventException Invalid(string message, int statusCode = 400) => new(ErrorTypes.InvalidEvent, statusCode, message);
}
