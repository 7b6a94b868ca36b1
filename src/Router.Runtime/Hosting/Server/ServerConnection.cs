using System.Buffers;
using System.Globalization;
using System.Net.Sockets;
using System.Text;
using Router.Runtime.Http;

namespace Router.Runtime.Hosting.Server;

/// <summary>
/// One client's connection to the function's HTTP server: HTTP/1.1 (and 1.0) requests read one after another
/// (RFC 9112), each handed to the server's handler as a <see cref="ServerContext"/>, each answer written whole
/// with its <c>Content-Length</c>; the connection stays open between requests unless either side says
/// <c>Connection: close</c>, a body was left unread, or it sits idle for <see cref="IdleTimeout"/>.
/// </summary>
/// <remarks>
/// What it refuses, each with an answer and the connection closed: a request line or header line that is not
/// HTTP/1.x (400), headers over <see cref="MaxHeadBytes"/> (431), both <c>Content-Length</c> and
/// <c>Transfer-Encoding</c> or two different lengths (400, the framing a request smuggler relies on), a
/// transfer coding other than chunked (501), and an HTTP version other than 1.x (505).
/// </remarks>
internal sealed class ServerConnection
{
    /// <summary>The most a request line and headers may take: 64 KiB.</summary>
    internal const int MaxHeadBytes = 64 * 1024;

    /// <summary>How long a connection may wait for its next request, or for the rest of one: 2 minutes (HttpListener's idle timeout).</summary>
    internal static readonly TimeSpan IdleTimeout = TimeSpan.FromMinutes(2);

    /// <summary>How long a closing connection reads and drops what the client still sends: 2 seconds.</summary>
    internal static readonly TimeSpan LingerTimeout = TimeSpan.FromSeconds(2);

    private readonly Stream _stream;
    private readonly Socket? _socket;
    private readonly Func<ServerContext, Task> _handle;
    private readonly string? _remoteAddress;
    private readonly ReadBuffer _read = new();

    // The request being served.
    private long _contentLength;
    private bool _chunked;
    private bool _expectContinue;
    private bool _bodyRead;
    private byte[]? _body;
    private bool _keepAlive;
    private bool _isHead;
    private bool _aborted;

    /// <summary>A connection accepted on <paramref name="socket"/>.</summary>
    public ServerConnection(Socket socket, Func<ServerContext, Task> handle)
        : this(new NetworkStream(socket, ownsSocket: true), socket, RemoteAddressOf(socket), handle)
    {
    }

    /// <summary>
    /// A connection over any duplex <paramref name="stream"/> (the fuzz target's bytes); <paramref name="socket"/>,
    /// when given, is the one under it, for the lingering close.
    /// </summary>
    internal ServerConnection(Stream stream, Socket? socket, string? remoteAddress, Func<ServerContext, Task> handle)
    {
        _stream = stream;
        _socket = socket;
        _handle = handle;
        _remoteAddress = remoteAddress;
    }

    private static string? RemoteAddressOf(Socket socket)
        => (socket.RemoteEndPoint as System.Net.IPEndPoint)?.Address is { } address
            ? (address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address).ToString()
            : null;

    /// <summary>Serves requests until the client closes, the connection must close, or <paramref name="stopping"/> is cancelled between requests.</summary>
    public async Task RunAsync(CancellationToken stopping)
    {
        try
        {
            while (!stopping.IsCancellationRequested && !_aborted)
            {
                ServerRequest? request;
                using (var idle = CancellationTokenSource.CreateLinkedTokenSource(stopping))
                {
                    idle.CancelAfter(IdleTimeout);
                    try
                    {
                        request = await ReadRequestAsync(idle.Token).ConfigureAwait(false);
                    }
                    catch (OperationCanceledException)
                    {
                        return; // idle too long, or the server stops: nothing is in flight on this connection
                    }
                    catch (MalformedRequestException bad)
                    {
                        await WriteResponseAsync(bad.Status, [new("Connection", "close")], Encoding.UTF8.GetBytes(bad.Message)).ConfigureAwait(false);
                        await LingerAsync().ConfigureAwait(false);
                        return;
                    }
                }

                if (request is null)
                {
                    return;
                }

                var response = new ServerResponse(this);
                await _handle(new ServerContext(request, response)).ConfigureAwait(false);
                if (_aborted)
                {
                    return;
                }

                if (!response.HasStarted)
                {
                    await response.WriteAsync(500, default, contentType: null).ConfigureAwait(false);
                }

                if (!_keepAlive)
                {
                    await LingerAsync().ConfigureAwait(false);
                    return;
                }
            }
        }
        catch (Exception ex) when (ex is SocketException or IOException or ObjectDisposedException)
        {
            // The client is gone; nothing is left to answer.
        }
        finally
        {
            await _stream.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Closes after an answer the way RFC 9112 section 9.6 asks: the sending side first, then what the client
    /// still sends (a body left unread) is read and dropped for up to <see cref="LingerTimeout"/>, so the
    /// close does not become a reset that takes the answer with it before the client has read it.
    /// </summary>
    private async Task LingerAsync()
    {
        if (_socket is null)
        {
            return;
        }

        _socket.Shutdown(SocketShutdown.Send);
        using var linger = new CancellationTokenSource(LingerTimeout);
        var drain = ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            while (await _stream.ReadAsync(drain, linger.Token).ConfigureAwait(false) > 0)
            {
            }
        }
        catch (OperationCanceledException)
        {
            // The client kept sending: close anyway.
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(drain);
        }
    }

    /// <summary>Drops the connection at once.</summary>
    public void Abort()
    {
        _aborted = true;
        _stream.Dispose();
    }

    /// <summary>The next request's line and headers; <see langword="null"/> when the client closed between requests.</summary>
    private async Task<ServerRequest?> ReadRequestAsync(CancellationToken cancellationToken)
    {
        _isHead = false;
        int headEnd;
        var scanned = 0;
        while (true)
        {
            // Empty lines before a request line are ignored (RFC 9112 section 2.2).
            while (_read.Unread.StartsWith("\r\n"u8))
            {
                _read.Consume(2);
                scanned = 0;
            }

            if ((headEnd = _read.FindHeadEnd(ref scanned)) >= 0)
            {
                break;
            }

            if (_read.Count >= MaxHeadBytes)
            {
                throw new MalformedRequestException(431, $"The request's headers are larger than {MaxHeadBytes} bytes.");
            }

            if (!await FillAsync(cancellationToken).ConfigureAwait(false))
            {
                if (_read.Count == 0)
                {
                    return null;
                }

                throw new IOException("the client closed the connection in the middle of a request's headers");
            }
        }

        var head = _read.TakeHead(headEnd);
        var lines = head.Split("\r\n");
        var (method, target, http10) = RequestLine(lines[0]);
        var headers = new List<KeyValuePair<string, string>>(lines.Length - 1);
        for (var i = 1; i < lines.Length; i++)
        {
            var line = lines[i];
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0 || !IsToken(line.AsSpan(0, colon)))
            {
                throw new MalformedRequestException(400, "A header line is malformed.");
            }

            var value = line[(colon + 1)..].Trim(' ', '\t');
            if (HasControl(value))
            {
                // RFC 9110 section 5.5: a field value carries no control character but HTAB; refused, not
                // passed on to a request id, a log line or an answer's header. A tab inside a value is refused
                // too: log lines are tab-separated, and no platform agent sends one.
                throw new MalformedRequestException(400, "A header value carries a control character.");
            }

            headers.Add(new(line[..colon], value));
        }

        var request = new ServerRequest(this, method, target, headers, _remoteAddress);
        Frame(request, http10);
        _isHead = method == "HEAD";
        return request;
    }

    /// <summary>The request's body framing and whether the connection stays open after it (RFC 9112 sections 6 and 9.3).</summary>
    private void Frame(ServerRequest request, bool http10)
    {
        _bodyRead = false;
        _body = null;
        _contentLength = 0;
        _chunked = false;
        string? length = null;
        string? encoding = null;
        foreach (var (name, value) in request.Headers)
        {
            if (string.Equals(name, "Content-Length", StringComparison.OrdinalIgnoreCase))
            {
                if (length is not null && length != value)
                {
                    throw new MalformedRequestException(400, "The request has two different Content-Length headers.");
                }

                length = value;
            }
            else if (string.Equals(name, "Transfer-Encoding", StringComparison.OrdinalIgnoreCase))
            {
                encoding = encoding is null ? value : encoding + ", " + value;
            }
        }

        if (encoding is not null)
        {
            if (length is not null)
            {
                throw new MalformedRequestException(400, "The request has both Content-Length and Transfer-Encoding.");
            }

            if (!string.Equals(encoding.Trim(), "chunked", StringComparison.OrdinalIgnoreCase))
            {
                throw new MalformedRequestException(501, "Only the chunked transfer coding is understood.");
            }

            _chunked = true;
        }
        else if (length is not null && (!long.TryParse(length, NumberStyles.None, CultureInfo.InvariantCulture, out _contentLength)))
        {
            throw new MalformedRequestException(400, "The request's Content-Length is not a number.");
        }

        var connection = request.Header("Connection");
        _keepAlive = http10
            ? connection is not null && connection.Contains("keep-alive", StringComparison.OrdinalIgnoreCase)
            : connection is null || !connection.Contains("close", StringComparison.OrdinalIgnoreCase);
        _expectContinue = !http10 && string.Equals(request.Header("Expect"), "100-continue", StringComparison.OrdinalIgnoreCase);
        if (_contentLength == 0 && !_chunked)
        {
            _bodyRead = true;
            _body = [];
        }
    }

    private static (string Method, string Target, bool Http10) RequestLine(string line)
    {
        var parts = line.Split(' ');
        if (parts.Length != 3 || parts[0].Length == 0 || !IsToken(parts[0]) || parts[1].Length == 0)
        {
            throw new MalformedRequestException(400, "The request line is not 'METHOD target HTTP/1.x'.");
        }

        if (!parts[2].StartsWith("HTTP/", StringComparison.Ordinal))
        {
            throw new MalformedRequestException(400, "The request line is not 'METHOD target HTTP/1.x'.");
        }

        if (parts[2] is not ("HTTP/1.1" or "HTTP/1.0"))
        {
            throw new MalformedRequestException(505, "Only HTTP/1.1 and HTTP/1.0 are served.");
        }

        var target = parts[1];
        if (HasControl(target))
        {
            throw new MalformedRequestException(400, "The request target carries a control character.");
        }

        if (target[0] != '/' && target != "*")
        {
            // absolute-form (RFC 9112 section 3.2.2): the path and query of the URI
            var scheme = target.IndexOf("://", StringComparison.Ordinal);
            var path = scheme > 0 ? target.IndexOf('/', scheme + 3) : -1;
            target = scheme > 0 ? (path > 0 ? target[path..] : "/") : throw new MalformedRequestException(400, "The request target is not a path.");
        }

        return (parts[0], target, parts[2] == "HTTP/1.0");
    }

    /// <summary>Whether <paramref name="text"/> holds a control character (C0 with HTAB, DEL or C1).</summary>
    private static bool HasControl(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (char.IsControl(c))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsToken(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (c <= ' ' || c >= 127 || "\"(),/:;<=>?@[\\]{}".Contains(c))
            {
                return false;
            }
        }

        return text.Length > 0;
    }

    internal async Task<byte[]?> ReadBodyAsync(int maxBytes, CancellationToken cancellationToken)
    {
        if (_bodyRead)
        {
            return _body;
        }

        // A client that stops sending mid-body is given up on after the idle timeout, as between requests.
        using var idle = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        idle.CancelAfter(IdleTimeout);
        try
        {
            return await ReadBodyCoreAsync(maxBytes, idle.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new IOException($"the client sent no more of the request's body for {IdleTimeout.TotalSeconds:0} s");
        }
    }

    private async Task<byte[]?> ReadBodyCoreAsync(int maxBytes, CancellationToken cancellationToken)
    {
        _bodyRead = true;
        if (!_chunked && _contentLength > maxBytes)
        {
            _keepAlive = false; // the body stays unread
            return null;
        }

        if (_expectContinue)
        {
            await SendAsync("HTTP/1.1 100 Continue\r\n\r\n"u8.ToArray()).ConfigureAwait(false);
        }

        if (!_chunked)
        {
            _body = await ReadExactlyAsync((int)_contentLength, cancellationToken).ConfigureAwait(false);
            return _body;
        }

        var body = new ArrayBufferWriter<byte>();
        while (true)
        {
            var sizeLine = await ReadLineAsync(cancellationToken).ConfigureAwait(false);
            if (!ReadBuffer.TryParseChunkSize(sizeLine, out var size))
            {
                throw new MalformedRequestException(400, "The request's chunked body has an invalid chunk size.");
            }

            if (size == 0)
            {
                while ((await ReadLineAsync(cancellationToken).ConfigureAwait(false)).Length > 0)
                {
                    // trailer fields are not used
                }

                _body = body.WrittenSpan.ToArray();
                return _body;
            }

            if (body.WrittenCount + (long)size > maxBytes)
            {
                _keepAlive = false; // the rest stays unread
                return null;
            }

            body.Write(await ReadExactlyAsync(size, cancellationToken).ConfigureAwait(false));
            if ((await ReadLineAsync(cancellationToken).ConfigureAwait(false)).Length != 0)
            {
                throw new MalformedRequestException(400, "The request's chunked body has a chunk longer than its size.");
            }
        }
    }

    internal async Task WriteResponseAsync(int status, IReadOnlyList<KeyValuePair<string, string>> headers, ReadOnlyMemory<byte> body)
    {
        if (!_bodyRead)
        {
            _keepAlive = false; // a body the handler did not read stays in the connection: close it
        }

        var head = new StringBuilder(256).Append("HTTP/1.1 ").Append(HttpStatuses.Description(status)).Append("\r\n");
        foreach (var (name, value) in headers)
        {
            if (!IsToken(name) || HasControl(value))
            {
                throw new ArgumentException($"The header '{name}' has a name or value HTTP cannot carry.", nameof(headers));
            }

            if (!string.Equals(name, "Connection", StringComparison.OrdinalIgnoreCase) && !string.Equals(name, "Content-Length", StringComparison.OrdinalIgnoreCase))
            {
                head.Append(name).Append(": ").Append(value).Append("\r\n");
            }
        }

        head.Append("Content-Length: ").Append(body.Length.ToString(CultureInfo.InvariantCulture)).Append("\r\n");
        var closing = !_keepAlive || headers.Any(h => string.Equals(h.Key, "Connection", StringComparison.OrdinalIgnoreCase) && h.Value.Contains("close", StringComparison.OrdinalIgnoreCase));
        if (closing)
        {
            _keepAlive = false;
            head.Append("Connection: close\r\n");
        }

        head.Append("\r\n");
        var headBytes = Encoding.UTF8.GetByteCount(head.ToString());
        var sent = _isHead ? 0 : body.Length;
        var bytes = ArrayPool<byte>.Shared.Rent(headBytes + sent);
        try
        {
            Encoding.UTF8.GetBytes(head.ToString(), bytes);
            body.Span[..sent].CopyTo(bytes.AsSpan(headBytes));
            await SendAsync(bytes.AsMemory(0, headBytes + sent)).ConfigureAwait(false);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(bytes);
        }
    }

    private async Task SendAsync(ReadOnlyMemory<byte> bytes) => await _stream.WriteAsync(bytes).ConfigureAwait(false);

    private async Task<byte[]> ReadExactlyAsync(int length, CancellationToken cancellationToken)
    {
        var body = length == 0 ? [] : new byte[length];
        var filled = 0;
        while (filled < length)
        {
            if (_read.Count == 0 && !await FillAsync(cancellationToken).ConfigureAwait(false))
            {
                throw new IOException($"the client closed the connection after {filled} of {length} body bytes");
            }

            filled += _read.MoveTo(body.AsSpan(filled));
        }

        return body;
    }

    private async Task<string> ReadLineAsync(CancellationToken cancellationToken)
    {
        string? line;
        while ((line = _read.TryTakeLine()) is null)
        {
            if (_read.Count >= MaxHeadBytes)
            {
                throw new MalformedRequestException(400, "The request's chunked body has a line longer than the limit.");
            }

            if (!await FillAsync(cancellationToken).ConfigureAwait(false))
            {
                throw new IOException("the client closed the connection in the middle of a chunked body");
            }
        }

        return line;
    }

    private async ValueTask<bool> FillAsync(CancellationToken cancellationToken)
    {
        var received = await _stream.ReadAsync(_read.Space(), cancellationToken).ConfigureAwait(false);
        _read.Added(received);
        return received > 0;
    }

}

/// <summary>
/// A request that breaks HTTP/1.1's framing (RFC 9112): the server answers it with <see cref="Status"/> and
/// the message, and closes the connection after.
/// </summary>
internal sealed class MalformedRequestException(int status, string message) : Exception(message)
{
    /// <summary>400, 431, 501 or 505.</summary>
    public int Status { get; } = status;
}
