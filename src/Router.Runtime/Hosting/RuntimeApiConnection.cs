using System.Buffers;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Router.Runtime.Hosting;

/// <summary>
/// HTTP/1.1 to a runtime API over one keep-alive TCP connection on a plain <see cref="Socket"/>: one request
/// at a time, with blocking calls on the caller's thread, a <c>Content-Length</c> body out, a
/// <c>Content-Length</c>, chunked or read-to-close body in (RFC 9112 sections 6 and 7). The runtime APIs of AWS Lambda and Tencent SCF are plain HTTP on the
/// instance's own network, so this is all a pull loop needs, and a function that makes no HTTPS call of its
/// own then links no <c>HttpClient</c>, TLS or X.509 code, which is most of its cold start beyond the floor
/// (docs/performance.md, "The runtime API on a plain socket").
/// </summary>
/// <remarks>
/// A connection the server closed while it sat idle (between events, or across a freeze) is noticed when
/// the next request gets no byte of an answer; that request is then sent once more on a new connection
/// at once, as <c>SocketsHttpHandler</c> does for a pooled connection. Every other failure (refused,
/// reset, timed out, a malformed answer) is a <see cref="RuntimeApiTransportException"/>, and the
/// connection is dropped so the caller's retry starts afresh.
/// </remarks>
internal sealed class RuntimeApiConnection : IDisposable
{
    /// <summary>The most a status line and headers may take: 64 KiB, SocketsHttpHandler's default limit.</summary>
    internal const int MaxHeaderBytes = 64 * 1024;

    private readonly string _host;
    private readonly int _port;
    private readonly string _hostHeader;
    private readonly TimeSpan _connectTimeout;
    private Socket? _socket;
    private readonly ReadBuffer _read = new();
    private bool _answerStarted;

    /// <summary>A connection to <paramref name="host"/> (a name or an IP address) and <paramref name="port"/>, made on the first request.</summary>
    public RuntimeApiConnection(string host, int port, TimeSpan connectTimeout)
    {
        _host = host;
        _port = port;
        _connectTimeout = connectTimeout;
        _hostHeader = (host.Contains(':', StringComparison.Ordinal) ? $"[{host}]" : host) + ":" + port.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// Sends <paramref name="method"/> <paramref name="target"/> (an origin-form path) with
    /// <paramref name="body"/> and reads the whole answer.
    /// </summary>
    /// <param name="method">The request method, <c>GET</c> or <c>POST</c>.</param>
    /// <param name="target">The request target in origin form (<c>/2018-06-01/runtime/invocation/next</c>), already escaped.</param>
    /// <param name="body">The request body, sent with its <c>Content-Length</c> (0 when empty).</param>
    /// <param name="contentType">The body's <c>Content-Type</c>, or <see langword="null"/> for none.</param>
    /// <param name="extraHeader">One more header (name, value), or <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the exchange (<c>next</c> is a long poll the shutdown cancels).</param>
    /// <exception cref="RuntimeApiTransportException">The connection could not be made, broke, or the answer was not HTTP/1.x.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled; the connection is closed.</exception>
    public RuntimeApiResponse Send(string method, string target, ReadOnlyMemory<byte> body, string? contentType, (string Name, string Value)? extraHeader, CancellationToken cancellationToken)
    {
        var head = Head(method, target, body.Length, contentType, extraHeader);
        if (_socket is not null && _socket.Poll(0, SelectMode.SelectRead))
        {
            Close(); // readable while idle: the server closed it (or sent what nobody asked for)
        }

        var reused = _socket is not null;
        try
        {
            try
            {
                return Exchange(head, body, cancellationToken);
            }
            catch (Exception ex) when (reused && !_answerStarted && ex is IdleConnectionClosedException or SocketException or IOException)
            {
                // Closed by the server before a byte of the answer, found only now (a close that raced the
                // check above): the request never reached it whole, so it goes once more on a new connection.
                Close();
                return Exchange(head, body, cancellationToken);
            }
        }
        catch (Exception ex) when (ex is SocketException or IOException or IdleConnectionClosedException or TimeoutException)
        {
            Close();
            throw new RuntimeApiTransportException(ex is IdleConnectionClosedException ? "the runtime API closed the connection before answering" : ex.Message, ex);
        }
        catch (RuntimeApiTransportException)
        {
            Close();
            throw;
        }
        catch (OperationCanceledException)
        {
            Close();
            throw;
        }
    }

    public void Dispose() => Close();

    private void Close()
    {
        _socket?.Dispose();
        _socket = null;
        _read.Clear();
    }

    private RuntimeApiResponse Exchange(byte[] head, ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        _answerStarted = false;
        cancellationToken.ThrowIfCancellationRequested();
        var socket = _socket ??= Connect();

        // Blocking calls on the caller's thread: the pull loop does one thing at a time, and a function that
        // awaits nothing real then starts no socket engine or thread-pool thread before its first answer.
        // A cancelled token shuts the socket down, which ends a blocked receive (the long poll of next).
        using var cancel = cancellationToken.CanBeCanceled ? cancellationToken.UnsafeRegister(static state => Abort((Socket)state!), socket) : default;
        try
        {
            SendAll(socket, head);
            if (!body.IsEmpty)
            {
                SendAll(socket, body.Span);
            }

            RuntimeApiResponse response;
            do
            {
                response = ReadResponse(socket);
            }
            while (response.Status is >= 100 and < 200); // an interim answer (100 Continue): the final one follows

            if (response.CloseAfter)
            {
                Close();
            }

            return response;
        }
        catch (Exception) when (cancellationToken.IsCancellationRequested)
        {
            throw new OperationCanceledException(cancellationToken);
        }
    }

    private static void Abort(Socket socket)
    {
        try
        {
            socket.Shutdown(SocketShutdown.Both);
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
            // already closed: nothing is blocked on it
        }
    }

    private Socket Connect()
    {
        Socket? socket = null;
        try
        {
            EndPoint endPoint;
            if (IPAddress.TryParse(_host, out var address))
            {
                socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
                endPoint = new IPEndPoint(address, _port);
            }
            else
            {
                socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
                endPoint = new DnsEndPoint(_host, _port);
            }

            socket.NoDelay = true;
            if (endPoint is IPEndPoint)
            {
                // A non-blocking connect waited on with poll: a blocking one has no timeout of its own.
                socket.Blocking = false;
                try
                {
                    socket.Connect(endPoint);
                }
                catch (SocketException ex) when (ex.SocketErrorCode is SocketError.WouldBlock or SocketError.InProgress)
                {
                    var waited = socket.Poll(_connectTimeout, SelectMode.SelectWrite);
                    if (socket.GetSocketOption(SocketOptionLevel.Socket, SocketOptionName.Error) is int error && error != 0)
                    {
                        throw new SocketException(error);
                    }

                    if (!waited)
                    {
                        throw new TimeoutException($"connecting to {_hostHeader} timed out after {_connectTimeout.TotalSeconds:0.#} s");
                    }
                }

                socket.Blocking = true;
            }
            else
            {
                socket.Connect(endPoint);
            }

            return socket;
        }
        catch
        {
            socket?.Dispose();
            throw;
        }
    }

    private static void SendAll(Socket socket, ReadOnlySpan<byte> bytes)
    {
        while (!bytes.IsEmpty)
        {
            bytes = bytes[socket.Send(bytes, SocketFlags.None)..];
        }
    }

    private byte[] Head(string method, string target, int contentLength, string? contentType, (string Name, string Value)? extraHeader)
    {
        var text = new StringBuilder(160)
            .Append(method).Append(' ').Append(target).Append(" HTTP/1.1\r\nHost: ").Append(_hostHeader)
            .Append("\r\nContent-Length: ").Append(contentLength.ToString(CultureInfo.InvariantCulture)).Append("\r\n");
        if (contentType is not null)
        {
            text.Append("Content-Type: ").Append(contentType).Append("\r\n");
        }

        if (extraHeader is { } header)
        {
            text.Append(header.Name).Append(": ").Append(header.Value).Append("\r\n");
        }

        return Encoding.UTF8.GetBytes(text.Append("\r\n").ToString());
    }

    /// <summary>Reads one answer: the status line, the headers, then the body its framing gives.</summary>
    private RuntimeApiResponse ReadResponse(Socket socket)
    {
        int headEnd;
        var scanned = 0;
        while ((headEnd = _read.FindHeadEnd(ref scanned)) < 0)
        {
            if (_read.Count >= MaxHeaderBytes)
            {
                throw new RuntimeApiTransportException($"the runtime API's answer has more than {MaxHeaderBytes} bytes of headers");
            }

            if (!Fill(socket))
            {
                throw _read.Count == 0
                    ? new IdleConnectionClosedException()
                    : new RuntimeApiTransportException("the runtime API closed the connection in the middle of its answer's headers");
            }
        }

        var head = _read.TakeHead(headEnd);
        var lines = head.Split("\r\n");
        var (status, http10) = StatusOf(lines[0]);
        var headers = new List<KeyValuePair<string, string>>(lines.Length - 1);
        for (var i = 1; i < lines.Length; i++)
        {
            var colon = lines[i].IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                throw new RuntimeApiTransportException($"the runtime API sent a malformed header line: '{Shorten(lines[i])}'");
            }

            headers.Add(new(lines[i][..colon].Trim(), lines[i][(colon + 1)..].Trim(' ', '\t')));
        }

        var response = new RuntimeApiResponse(status, headers, []);
        var connection = response.Header("Connection");
        var close = http10
            ? !string.Equals(connection, "keep-alive", StringComparison.OrdinalIgnoreCase)
            : connection is not null && connection.Contains("close", StringComparison.OrdinalIgnoreCase);
        byte[] body;
        if (status is >= 100 and < 200 or 204 or 304)
        {
            body = [];
        }
        else if (response.Header("Transfer-Encoding") is { } encoding && encoding.Contains("chunked", StringComparison.OrdinalIgnoreCase))
        {
            body = ReadChunked(socket);
        }
        else if (response.Header("Content-Length") is { } lengthText)
        {
            if (!long.TryParse(lengthText, NumberStyles.None, CultureInfo.InvariantCulture, out var length) || length > Array.MaxLength)
            {
                throw new RuntimeApiTransportException($"the runtime API sent an invalid Content-Length: '{Shorten(lengthText)}'");
            }

            body = ReadExactly(socket, (int)length);
        }
        else
        {
            body = ReadToClose(socket);
            close = true;
        }

        return response with { Body = body, CloseAfter = close };
    }

    private static (int Status, bool Http10) StatusOf(string line)
    {
        // HTTP-version SP 3DIGIT [SP reason-phrase]
        if (line.Length >= 12 && line.StartsWith("HTTP/1.", StringComparison.Ordinal) && line[8] == ' '
            && int.TryParse(line.AsSpan(9, 3), NumberStyles.None, CultureInfo.InvariantCulture, out var status)
            && status >= 100 && (line.Length == 12 || line[12] == ' '))
        {
            return (status, line[7] == '0');
        }

        throw new RuntimeApiTransportException($"the runtime API did not answer in HTTP/1.x: '{Shorten(line)}'");
    }

    private byte[] ReadExactly(Socket socket, int length)
    {
        var body = length == 0 ? [] : new byte[length];
        var filled = 0;
        while (filled < length)
        {
            if (_read.Count == 0 && !Fill(socket))
            {
                throw new RuntimeApiTransportException($"the runtime API closed the connection after {filled} of {length} body bytes");
            }

            filled += _read.MoveTo(body.AsSpan(filled));
        }

        return body;
    }

    private byte[] ReadChunked(Socket socket)
    {
        var body = new ArrayBufferWriter<byte>();
        while (true)
        {
            var sizeLine = ReadLine(socket);
            if (!ReadBuffer.TryParseChunkSize(sizeLine, out var size))
            {
                throw new RuntimeApiTransportException($"the runtime API sent an invalid chunk size: '{Shorten(sizeLine)}'");
            }

            if (size == 0)
            {
                // The trailer section: header lines up to an empty one.
                while (ReadLine(socket).Length > 0)
                {
                }

                return body.WrittenSpan.ToArray();
            }

            body.Write(ReadExactly(socket, size));
            if (ReadLine(socket).Length != 0)
            {
                throw new RuntimeApiTransportException("the runtime API sent a chunk longer than its size");
            }
        }
    }

    private string ReadLine(Socket socket)
    {
        string? line;
        while ((line = _read.TryTakeLine()) is null)
        {
            if (_read.Count >= MaxHeaderBytes)
            {
                throw new RuntimeApiTransportException($"the runtime API sent a chunk line of more than {MaxHeaderBytes} bytes");
            }

            if (!Fill(socket))
            {
                throw new RuntimeApiTransportException("the runtime API closed the connection in the middle of a chunked body");
            }
        }

        return line;
    }

    private byte[] ReadToClose(Socket socket)
    {
        while (Fill(socket))
        {
        }

        return _read.TakeAll();
    }

    /// <summary>Receives more bytes after those unread; <see langword="false"/> when the peer has closed.</summary>
    private bool Fill(Socket socket)
    {
        var received = socket.Receive(_read.Space().Span, SocketFlags.None);
        _read.Added(received);
        _answerStarted |= received > 0;
        return received > 0;
    }

    private static string Shorten(string text) => text.Length <= 80 ? text : text[..80] + "...";

    /// <summary>The server closed the connection before a byte of the answer: on a reused connection, an idle close.</summary>
    private sealed class IdleConnectionClosedException : Exception
    {
    }
}

/// <summary>
/// A runtime API's answer: the status, the headers in the order sent (names compared case-insensitively,
/// as RFC 9110 section 5.1 has them) and the whole body.
/// </summary>
internal sealed record RuntimeApiResponse(int Status, IReadOnlyList<KeyValuePair<string, string>> Headers, byte[] Body)
{
    /// <summary>Whether the server closes the connection after this answer.</summary>
    public bool CloseAfter { get; init; }

    /// <summary>The first value of the header <paramref name="name"/>, or <see langword="null"/> when it was not sent.</summary>
    public string? Header(string name) => ReadBuffer.FirstHeader(Headers, name);
}

/// <summary>The runtime API could not be reached, the connection broke, or it did not answer in HTTP/1.x.</summary>
internal sealed class RuntimeApiTransportException : Exception
{
    public RuntimeApiTransportException(string message)
        : base(message)
    {
    }

    public RuntimeApiTransportException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
