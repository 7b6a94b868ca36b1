namespace Router.Runtime.Hosting.Server;

/// <summary>
/// One request at the function's HTTP server (<see cref="HttpFunctionServer"/>): its request line, its
/// headers in the order sent (names compared case-insensitively, RFC 9110 section 5.1) and its body, read
/// on demand with a limit.
/// </summary>
internal sealed class ServerRequest
{
    private readonly ServerConnection _connection;

    internal ServerRequest(ServerConnection connection, string method, string target, IReadOnlyList<KeyValuePair<string, string>> headers, string? remoteAddress)
    {
        _connection = connection;
        Method = method;
        Target = target;
        Headers = headers;
        RemoteAddress = remoteAddress;
        var query = target.IndexOf('?', StringComparison.Ordinal);
        Path = query >= 0 ? target[..query] : target;
    }

    /// <summary>The method, as sent (<c>GET</c>, <c>POST</c>, ...).</summary>
    public string Method { get; }

    /// <summary>The request target in origin form, as sent: the path and the query, still percent-encoded.</summary>
    public string Target { get; }

    /// <summary>The target's path, before any <c>?</c>, still percent-encoded.</summary>
    public string Path { get; }

    /// <summary>Every header line, in order; a header sent twice is here twice.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Headers { get; }

    /// <summary>The client's IP address, or <see langword="null"/> when unknown.</summary>
    public string? RemoteAddress { get; }

    /// <summary>The first value of the header <paramref name="name"/>, or <see langword="null"/> when it was not sent.</summary>
    public string? Header(string name) => ReadBuffer.FirstHeader(Headers, name);

    /// <summary>
    /// Reads the whole body (<c>Content-Length</c> or chunked; none is an empty body, RFC 9112 section 6.3),
    /// answering <c>Expect: 100-continue</c> first. Returns <see langword="null"/> when the body is larger than
    /// <paramref name="maxBytes"/> (by its <c>Content-Length</c>, before reading it, or once that many bytes of a
    /// chunked body arrived); the connection then closes after the answer, its body unread.
    /// </summary>
    /// <exception cref="IOException">The connection broke or the chunked framing was malformed.</exception>
    public Task<byte[]?> ReadBodyAsync(int maxBytes, CancellationToken cancellationToken)
        => _connection.ReadBodyAsync(maxBytes, cancellationToken);
}
