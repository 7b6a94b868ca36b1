namespace Router.Runtime.Hosting.Server;

/// <summary>
/// The answer to one <see cref="ServerRequest"/>: headers gathered first, then written once, whole, with its
/// <c>Content-Length</c> (<see cref="WriteAsync"/>). A request whose handler wrote nothing is answered 500.
/// </summary>
internal sealed class ServerResponse
{
    private readonly ServerConnection _connection;
    private readonly List<KeyValuePair<string, string>> _headers = [];

    internal ServerResponse(ServerConnection connection) => _connection = connection;

    /// <summary>Whether the answer has been written.</summary>
    public bool HasStarted { get; private set; }

    /// <summary>Sets the header <paramref name="name"/> to <paramref name="value"/>, replacing any value it had.</summary>
    public void SetHeader(string name, string value)
    {
        _headers.RemoveAll(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase));
        _headers.Add(new(name, value));
    }

    /// <summary>Adds one more line of the header <paramref name="name"/> (<c>Set-Cookie</c>, for one).</summary>
    public void AppendHeader(string name, string value) => _headers.Add(new(name, value));

    /// <summary>
    /// Writes the complete answer: the status line of <paramref name="status"/>, the headers, a
    /// <c>Content-Type</c> unless <paramref name="contentType"/> is <see langword="null"/>, the
    /// <c>Content-Length</c> and the body (left out for a <c>HEAD</c> request).
    /// </summary>
    /// <exception cref="InvalidOperationException">The answer was already written.</exception>
    /// <exception cref="IOException">The connection broke.</exception>
    public Task WriteAsync(int status, ReadOnlyMemory<byte> body, string? contentType = "application/json")
    {
        if (HasStarted)
        {
            throw new InvalidOperationException("The answer was already written.");
        }

        HasStarted = true;
        if (contentType is not null)
        {
            SetHeader("Content-Type", contentType);
        }

        return _connection.WriteResponseAsync(status, _headers, body);
    }

    /// <summary>Drops the connection without an answer (a handler failed after the answer began, or the client is gone).</summary>
    public void Abort() => _connection.Abort();
}
