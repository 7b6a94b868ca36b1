namespace Router;

/// <summary>
/// What an HTTP invocation answers besides the body: the status code, headers and cookies that handlers
/// and middleware set through <see cref="RouteContext.Response"/>. The runtime writes them in the
/// platform's own response shape (docs/hosting.md, "HTTP"). A direct invocation's answer is only its
/// body, so there they are ignored.
/// </summary>
public sealed class HttpResponseInfo
{
    private int _statusCode = 200;

    /// <summary>The status code of a successful invocation; 200 unless set. Errors get their own (400, 404, 500, ...).</summary>
    /// <exception cref="ArgumentOutOfRangeException">Not from 100 to 599.</exception>
    public int StatusCode
    {
        get => _statusCode;
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 100);
            ArgumentOutOfRangeException.ThrowIfGreaterThan(value, 599);
            _statusCode = value;
        }
    }

    /// <summary>
    /// Headers to send. <c>Content-Type</c> is set by the runtime (<c>application/json; charset=utf-8</c> for a
    /// JSON body) unless set here; <c>Set-Cookie</c> belongs in <see cref="Cookies"/>.
    /// </summary>
    public HttpValueCollection Headers { get; } = new(ignoreCase: true);

    /// <summary>
    /// <c>Set-Cookie</c> values to send, each a whole cookie (<c>sid=abc; Path=/; HttpOnly; Secure</c>).
    /// They go where each platform wants them: <c>cookies</c> on payload 2.0 and function URLs, repeated
    /// <c>Set-Cookie</c> in <c>multiValueHeaders</c> on REST APIs and load balancers, real headers on <c>serve</c> and FC.
    /// </summary>
    public IList<string> Cookies { get; } = new List<string>();

    /// <summary>The body set by <see cref="SetRawBody"/>, or <see langword="null"/> when the body is the JSON of <see cref="RouteContext.Body"/>.</summary>
    public ReadOnlyMemory<byte>? RawBody { get; private set; }

    /// <summary>The content type of <see cref="RawBody"/>.</summary>
    public string? RawBodyContentType { get; private set; }

    /// <summary>
    /// Answers these bytes instead of the JSON of <see cref="RouteContext.Body"/> (a file, an image, plain
    /// text). Bytes that are not UTF-8 text are sent base64-encoded where the platform's response is JSON.
    /// </summary>
    /// <param name="body">The bytes.</param>
    /// <param name="contentType">Their media type, for example <c>image/png</c>.</param>
    public void SetRawBody(ReadOnlyMemory<byte> body, string contentType)
    {
        ArgumentException.ThrowIfNullOrEmpty(contentType);
        RawBody = body;
        RawBodyContentType = contentType;
    }
}
