using System.Net;
using System.Net.Sockets;
using System.Text;
using Router.Runtime.Hosting;

namespace Router.Runtime.Tests.Hosting;

/// <summary>
/// The runtime API's HTTP/1.1 on a plain socket, against a loopback server that answers each request with
/// bytes the test scripts: the framings a platform may use (Content-Length, chunked, read to close), the
/// connection's reuse and closing, answers split into single bytes, and each malformed or cut answer as a
/// <see cref="RuntimeApiTransportException"/>. The pull loop over it is tested against fake platforms
/// (LambdaHostTests, ScfHostTests, RuntimeApiHostTests).
/// </summary>
public sealed class RuntimeApiConnectionTests
{
    private static readonly TimeSpan s_connectTimeout = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task ContentLengthAnswer_IsRead_WithHeadersFoundInAnyCase_AndTheRequestIsWellFormed()
    {
        await using var server = new ScriptedServer(_ => ["HTTP/1.1 200 OK\r\nlambda-runtime-aws-request-id: req-1\r\nContent-Length: 5\r\n\r\nhello"]);
        using var connection = new RuntimeApiConnection("127.0.0.1", server.Port, s_connectTimeout);

        var response = await SendAsync(connection, "POST", "/2018-06-01/runtime/invocation/req-1/response", "{\"a\":1}"u8.ToArray(), "application/json", ("Lambda-Runtime-Function-Error-Type", "Function.X"), CancellationToken.None);

        Assert.Equal(200, response.Status);
        Assert.Equal("req-1", response.Header("Lambda-Runtime-Aws-Request-Id"));
        Assert.Null(response.Header("Lambda-Runtime-Deadline-Ms"));
        Assert.Equal("hello", Encoding.UTF8.GetString(response.Body));
        var request = Assert.Single(server.Requests);
        Assert.StartsWith("POST /2018-06-01/runtime/invocation/req-1/response HTTP/1.1\r\n", request, StringComparison.Ordinal);
        Assert.Contains($"\r\nHost: 127.0.0.1:{server.Port}\r\n", request, StringComparison.Ordinal);
        Assert.Contains("\r\nContent-Length: 7\r\n", request, StringComparison.Ordinal);
        Assert.Contains("\r\nContent-Type: application/json\r\n", request, StringComparison.Ordinal);
        Assert.Contains("\r\nLambda-Runtime-Function-Error-Type: Function.X\r\n", request, StringComparison.Ordinal);
        Assert.EndsWith("\r\n\r\n{\"a\":1}", request, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ChunkedAnswer_IsJoined_PastExtensionsAndTrailers()
    {
        await using var server = new ScriptedServer(_ => ["HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n4;name=x\r\n{\"$u\r\nA\r\nrl\":\"a/b\"}\r\n0\r\nX-Trailer: 1\r\n\r\n"]);
        using var connection = new RuntimeApiConnection("127.0.0.1", server.Port, s_connectTimeout);

        var response = await SendAsync(connection, "GET", "/next", default, null, null, CancellationToken.None);

        Assert.Equal("{\"$url\":\"a/b\"}", Encoding.UTF8.GetString(response.Body));
        Assert.False(response.CloseAfter);
    }

    [Fact]
    public async Task AnAnswerInSingleBytes_IsReadWhole()
    {
        var answer = "HTTP/1.1 202 Accepted\r\nContent-Length: 16\r\n\r\n{\"status\":\"OK\"}\n";
        await using var server = new ScriptedServer(_ => [.. answer.Select(c => c.ToString())]);
        using var connection = new RuntimeApiConnection("127.0.0.1", server.Port, s_connectTimeout);

        var response = await SendAsync(connection, "POST", "/r", "x"u8.ToArray(), "application/json", null, CancellationToken.None);

        Assert.Equal(202, response.Status);
        Assert.Equal("{\"status\":\"OK\"}\n", Encoding.UTF8.GetString(response.Body));
    }

    [Fact]
    public async Task KeepAlive_SendsTheNextRequestOnTheSameConnection()
    {
        await using var server = new ScriptedServer(i => [$"HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\n{i}"]);
        using var connection = new RuntimeApiConnection("127.0.0.1", server.Port, s_connectTimeout);

        var first = await SendAsync(connection, "GET", "/next", default, null, null, CancellationToken.None);
        var second = await SendAsync(connection, "GET", "/next", default, null, null, CancellationToken.None);

        Assert.Equal(["0", "1"], [Encoding.UTF8.GetString(first.Body), Encoding.UTF8.GetString(second.Body)]);
        Assert.Equal(1, server.Connections);
    }

    [Fact]
    public async Task ConnectionClose_AndAnAnswerReadToClose_OpenANewConnectionForTheNextRequest()
    {
        await using var server = new ScriptedServer(
            i => i switch
            {
                0 => ["HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 1\r\n\r\na"],
                _ => ["HTTP/1.0 200 OK\r\n\r\nread to the end"],
            },
            closeAfterEach: true);
        using var connection = new RuntimeApiConnection("127.0.0.1", server.Port, s_connectTimeout);

        var first = await SendAsync(connection, "GET", "/next", default, null, null, CancellationToken.None);
        var second = await SendAsync(connection, "GET", "/next", default, null, null, CancellationToken.None);

        Assert.True(first.CloseAfter);
        Assert.Equal("read to the end", Encoding.UTF8.GetString(second.Body));
        Assert.Equal(2, server.Connections);
    }

    [Fact]
    public async Task AConnectionClosedWhileIdle_IsReplaced_AndTheRequestSentAgainAtOnce()
    {
        // The server answers without "Connection: close", then closes: the client only learns it when its
        // next request gets no byte back, and must send that request again on a new connection, not fail.
        await using var server = new ScriptedServer(i => [$"HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\n{i}"], closeAfterEach: true);
        using var connection = new RuntimeApiConnection("127.0.0.1", server.Port, s_connectTimeout);

        await SendAsync(connection, "GET", "/next", default, null, null, CancellationToken.None);
        await server.WaitForClosedAsync(1);
        var second = await SendAsync(connection, "POST", "/response", "body"u8.ToArray(), "application/json", null, CancellationToken.None);

        Assert.Equal("1", Encoding.UTF8.GetString(second.Body));
        Assert.Equal(2, server.Connections);
        Assert.EndsWith("\r\n\r\nbody", server.Requests[^1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task InterimAnswers_AreSkipped()
    {
        await using var server = new ScriptedServer(_ => ["HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"]);
        using var connection = new RuntimeApiConnection("127.0.0.1", server.Port, s_connectTimeout);

        var response = await SendAsync(connection, "POST", "/r", "x"u8.ToArray(), null, null, CancellationToken.None);

        Assert.Equal(200, response.Status);
        Assert.Equal("ok", Encoding.UTF8.GetString(response.Body));
    }

    public static TheoryData<string, string> BadAnswers => new()
    {
        { "SSH-2.0-OpenSSH_9.2\r\n\r\n", "did not answer in HTTP/1.x: 'SSH-2.0-OpenSSH_9.2'" },
        { "HTTP/1.1 2x0 OK\r\n\r\n", "did not answer in HTTP/1.x" },
        { "HTTP/1.1 200 OK\r\nno colon here\r\n\r\n", "malformed header line: 'no colon here'" },
        { "HTTP/1.1 200 OK\r\nContent-Length: -1\r\n\r\n", "invalid Content-Length: '-1'" },
        { "HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\n12345", "closed the connection after 5 of 10 body bytes" },
        { "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n", "invalid chunk size: 'zz'" },
        { "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nabc\r\n0\r\n\r\n", "a chunk longer than its size" },
        { "HTTP/1.1 200 OK\r\nContent-", "closed the connection in the middle of its answer's headers" },
    };

    [Theory]
    [MemberData(nameof(BadAnswers))]
    public async Task ABadOrCutAnswer_IsATransportError_NamingWhatWasWrong(string answer, string expected)
    {
        await using var server = new ScriptedServer(_ => [answer], closeAfterEach: true);
        using var connection = new RuntimeApiConnection("127.0.0.1", server.Port, s_connectTimeout);

        var error = await Assert.ThrowsAsync<RuntimeApiTransportException>(() => SendAsync(connection, "GET", "/next", default, null, null, CancellationToken.None));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HeadersBeyondTheLimit_AreATransportError()
    {
        var huge = "HTTP/1.1 200 OK\r\nX-Big: " + new string('a', RuntimeApiConnection.MaxHeaderBytes) + "\r\n\r\n";
        await using var server = new ScriptedServer(_ => [huge]);
        using var connection = new RuntimeApiConnection("127.0.0.1", server.Port, s_connectTimeout);

        var error = await Assert.ThrowsAsync<RuntimeApiTransportException>(() => SendAsync(connection, "GET", "/next", default, null, null, CancellationToken.None));

        Assert.Contains("more than 65536 bytes of headers", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ARefusedConnection_IsATransportError()
    {
        int port;
        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            port = ((IPEndPoint)probe.LocalEndpoint).Port;
        }

        using var connection = new RuntimeApiConnection("127.0.0.1", port, s_connectTimeout);

        var error = await Assert.ThrowsAsync<RuntimeApiTransportException>(() => SendAsync(connection, "GET", "/next", default, null, null, CancellationToken.None));

        Assert.IsType<SocketException>(error.InnerException);
    }

    [Fact]
    public async Task Cancelling_ALongPoll_EndsItWithOperationCanceled()
    {
        await using var server = new ScriptedServer(_ => []); // never answers
        using var connection = new RuntimeApiConnection("127.0.0.1", server.Port, s_connectTimeout);
        using var stop = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => SendAsync(connection, "GET", "/next", default, null, null, stop.Token));
    }

    /// <summary>The connection's calls block (the pull loop's thread), so each runs on a pool thread here.</summary>
    private static Task<RuntimeApiResponse> SendAsync(RuntimeApiConnection connection, string method, string target, ReadOnlyMemory<byte> body, string? contentType, (string, string)? extraHeader, CancellationToken cancellationToken)
        => Task.Run(() => connection.Send(method, target, body, contentType, extraHeader, cancellationToken), CancellationToken.None);

    /// <summary>
    /// A loopback server that reads each request (head and Content-Length body) and writes the pieces
    /// <c>answer(n)</c> gives for the n-th request, one send per piece; with <c>closeAfterEach</c> it closes the
    /// connection after each answer. Bounded: it stops when disposed.
    /// </summary>
    private sealed class ScriptedServer : IAsyncDisposable
    {
        private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
        private readonly CancellationTokenSource _stop = new();
        private readonly Func<int, string[]> _answer;
        private readonly bool _closeAfterEach;
        private readonly List<string> _requests = [];
        private readonly Task _loop;
        private int _connections;
        private int _closed;

        public ScriptedServer(Func<int, string[]> answer, bool closeAfterEach = false)
        {
            _answer = answer;
            _closeAfterEach = closeAfterEach;
            _listener.Start();
            _loop = Task.Run(AcceptLoopAsync);
        }

        public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

        public int Connections => Volatile.Read(ref _connections);

        public IReadOnlyList<string> Requests
        {
            get
            {
                lock (_requests)
                {
                    return [.. _requests];
                }
            }
        }

        public async Task WaitForClosedAsync(int count)
        {
            for (var i = 0; i < 500 && Volatile.Read(ref _closed) < count; i++)
            {
                await Task.Delay(10);
            }
        }

        private async Task AcceptLoopAsync()
        {
            while (!_stop.IsCancellationRequested)
            {
                Socket socket;
                try
                {
                    socket = await _listener.AcceptSocketAsync(_stop.Token);
                }
                catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
                {
                    return;
                }

                Interlocked.Increment(ref _connections);
                _ = Task.Run(() => ServeAsync(socket));
            }
        }

        private async Task ServeAsync(Socket socket)
        {
            using (socket)
            {
                var pending = new List<byte>();
                var buffer = new byte[4096];
                try
                {
                    while (true)
                    {
                        var request = await ReadRequestAsync(socket, pending, buffer);
                        if (request is null)
                        {
                            return;
                        }

                        int index;
                        lock (_requests)
                        {
                            index = _requests.Count;
                            _requests.Add(request);
                        }

                        foreach (var piece in _answer(index))
                        {
                            await socket.SendAsync(Encoding.UTF8.GetBytes(piece), SocketFlags.None, _stop.Token);
                        }

                        if (_closeAfterEach)
                        {
                            return;
                        }
                    }
                }
                catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
                {
                }
                finally
                {
                    Interlocked.Increment(ref _closed);
                }
            }
        }

        private async Task<string?> ReadRequestAsync(Socket socket, List<byte> pending, byte[] buffer)
        {
            while (true)
            {
                var text = Encoding.UTF8.GetString([.. pending]);
                var headEnd = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
                if (headEnd >= 0)
                {
                    var lengthLine = text[..headEnd].Split("\r\n").FirstOrDefault(l => l.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase));
                    var length = lengthLine is null ? 0 : int.Parse(lengthLine["Content-Length:".Length..].Trim(), System.Globalization.CultureInfo.InvariantCulture);
                    var total = Encoding.UTF8.GetByteCount(text[..headEnd]) + 4 + length;
                    if (pending.Count >= total)
                    {
                        var request = Encoding.UTF8.GetString([.. pending.GetRange(0, total)]);
                        pending.RemoveRange(0, total);
                        return request;
                    }
                }

                var received = await socket.ReceiveAsync(buffer, SocketFlags.None, _stop.Token);
                if (received == 0)
                {
                    return null;
                }

                pending.AddRange(buffer.AsSpan(0, received));
            }
        }

        public async ValueTask DisposeAsync()
        {
            await _stop.CancelAsync();
            _listener.Stop();
            await _loop;
            _stop.Dispose();
        }
    }
}
