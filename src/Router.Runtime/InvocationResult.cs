using Router.Runtime.Output;

namespace Router.Runtime;

/// <summary>
/// The outcome of one invocation: a body, or an error with a stable type. A body the invoker serialized
/// lives in a pooled buffer: <see cref="Dispose"/> returns it once the body has been written (the hosts
/// do), after which <see cref="Body"/> must not be read. A result that is never disposed is collected.
/// </summary>
public sealed class InvocationResult : IDisposable
{
    private static readonly byte[] s_null = "null"u8.ToArray();

    private PooledBody? _pooled;

    private InvocationResult(PooledBody body)
        : this(true, body.Written, null, null)
    {
        _pooled = body;
    }

    private InvocationResult(bool isSuccess, ReadOnlyMemory<byte> body, string? errorType, string? errorMessage, int? httpStatusCode = null)
    {
        IsSuccess = isSuccess;
        Body = body;
        ErrorType = errorType;
        ErrorMessage = errorMessage is null ? null : Events.Messages.Clean(errorMessage);
        HttpStatusCode = httpStatusCode;
    }

    /// <summary>True when the route ran to completion (for an HTTP event: when its status is not an error's).</summary>
    public bool IsSuccess { get; }

    /// <summary>
    /// The body as UTF-8 JSON: the JSON text <c>null</c> when the route set none; empty when a direct invocation
    /// failed. For an HTTP event, the response object its platform expects (<c>statusCode</c>, headers,
    /// <c>body</c>), errors included, which the host delivers as the invocation's result.
    /// </summary>
    public ReadOnlyMemory<byte> Body { get; }

    /// <summary>
    /// For an HTTP event, the status code of the response in <see cref="Body"/> (200, or 400, 404, 405, 413,
    /// 500... for an error); <see langword="null"/> for a direct event. When set, the host delivers
    /// <see cref="Body"/> as the result even though <see cref="IsSuccess"/> is false: an HTTP event never
    /// goes to the platform's error channel, which a gateway would turn into a 502.
    /// </summary>
    public int? HttpStatusCode { get; }

    /// <summary>One of <see cref="ErrorTypes"/> on failure; otherwise <see langword="null"/>.</summary>
    public string? ErrorType { get; }

    /// <summary>
    /// What went wrong, naming the cause (never a stack trace unless asked for); <see langword="null"/> on
    /// success. One line: control characters are escaped (<c>\n</c>), and it is cut at 2,000 characters.
    /// </summary>
    public string? ErrorMessage { get; }

    /// <summary>A successful result with a UTF-8 JSON body.</summary>
    public static InvocationResult Success(ReadOnlyMemory<byte> body) => new(true, body, null, null);

    /// <summary>A successful result whose body is in a pooled buffer, returned by <see cref="Dispose"/>.</summary>
    internal static InvocationResult Success(PooledBody body) => new(body);

    /// <summary>A successful result whose body is the JSON text <c>null</c>.</summary>
    public static InvocationResult NoBody() => new(true, s_null, null, null);

    /// <summary>A failed result.</summary>
    /// <param name="errorType">One of <see cref="ErrorTypes"/>.</param>
    /// <param name="errorMessage">What went wrong.</param>
    public static InvocationResult Failure(string errorType, string errorMessage) => new(false, default, errorType, errorMessage);

    /// <summary>The result of an HTTP event: the platform's response object, its status, and the error when there was one.</summary>
    /// <param name="response">The response object, as UTF-8 JSON.</param>
    /// <param name="statusCode">Its status code.</param>
    /// <param name="errorType">One of <see cref="ErrorTypes"/> when the invocation failed, or <see langword="null"/>.</param>
    /// <param name="errorMessage">What went wrong, or <see langword="null"/>.</param>
    public static InvocationResult Http(ReadOnlyMemory<byte> response, int statusCode, string? errorType, string? errorMessage)
        => new(errorType is null, response, errorType, errorMessage, statusCode);

    /// <summary>Returns the body's pooled buffer, if it has one; <see cref="Body"/> is not to be read after. Safe to call more than once.</summary>
    public void Dispose() => Interlocked.Exchange(ref _pooled, null)?.Return();

    /// <inheritdoc />
    public override string ToString() => IsSuccess || HttpStatusCode is not null
        ? System.Text.Encoding.UTF8.GetString(Body.Span)
        : $"{ErrorType}: {ErrorMessage}";
}
