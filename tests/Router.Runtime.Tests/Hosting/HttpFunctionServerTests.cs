using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Router.Runtime.Hosting;
using Router.Runtime.Hosting.Server;

namespace Router.Runtime.Tests.Hosting;

/// <summary>
/// The function's HTTP server on its own (the FC host and <c>serve</c> over it are FcHostTests and ServeTests),
/// spoken to in raw bytes: body framings (Content-Length, chunked, none), <c>Expect: 100-continue</c>,
/// keep-alive and pipelining, HTTP/1.0, HEAD, each malformed request answered with its status and the
/// connection closed, a header no HTTP line can carry, and a stop that lets the request in flight finish.
/// </summary>
public sealed class HttpFunctionServerTests : IAsyncLifetime
{
    private const int MaxBody = 16;
    private readonly CancellationTokenSource _stop = new();
    private readonly TaskCompletionSource _inHandler = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _port;
    private Task<int> _server = Task.FromResult(0);

    public async Task InitializeAsync()
    {
        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            _port = ((IPEndPoint)probe.LocalEndpoint).Port;
        }

        _release.SetResult();
        _server = new HttpFunctionServer(HttpFunctionServer.Loopback(_port), EchoAsync, NullLogger.Instance).RunAsync(_stop.Token);
        await Task.Delay(50);
    }

    public async Task DisposeAsync()
    {
        await _stop.CancelAsync();
        await _server.WaitAsync(TimeSpan.FromSeconds(10));
        _stop.Dispose();
    }

    /// <summary>Answers "METHOD target body" (bodies up to 16 bytes; 413 beyond), or a header it cannot send for /bad-header.</summary>
    private async Task EchoAsync(ServerContext context)
    {
        if (context.Request.Path == "/slow")
        {
            _inHandler.TrySetResult();
            await _release.Task;
        }

        var body = await context.Request.ReadBodyAsync(MaxBody, CancellationToken.None);
        if (body is null)
        {
            await context.Response.WriteAsync(413, "too large"u8.ToArray(), "text/plain");
            return;
        }

        if (context.Request.Path == "/bad-header")
        {
            context.Response.SetHeader("X-Split", "a\r\nSet-Cookie: stolen=1");
        }

        context.Response.SetHeader("X-Echo", context.Request.Header("x-echo") ?? "-");
        await context.Response.WriteAsync(200, Encoding.UTF8.GetBytes($"{context.Request.Method} {context.Request.Target} {Encoding.UTF8.GetString(body)}"), "text/plain");
    }

    /// <summary>Sends <paramref name="requests"/> on one connection, then reads until the server closes it (bounded: 10 s).</summary>
    private async Task<string> ExchangeAsync(string requests)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, _port);
        var stream = client.GetStream();
        await stream.WriteAsync(Encoding.UTF8.GetBytes(requests));
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return await reader.ReadToEndAsync(timeout.Token);
    }

    [Fact]
    public async Task ContentLengthBody_IsRead_AndHeadersAreFoundInAnyCase()
    {
        var answer = await ExchangeAsync("POST /pay/orders?x=1 HTTP/1.1\r\nHost: a\r\nX-ECHO: yes\r\nContent-Length: 5\r\nConnection: close\r\n\r\nhello");

        Assert.StartsWith("HTTP/1.1 200 OK\r\n", answer, StringComparison.Ordinal);
        Assert.Contains("\r\nX-Echo: yes\r\n", answer, StringComparison.Ordinal);
        Assert.Contains("\r\nContent-Type: text/plain\r\n", answer, StringComparison.Ordinal);
        Assert.Contains("\r\nContent-Length: 26\r\n", answer, StringComparison.Ordinal);
        Assert.Contains("\r\nConnection: close\r\n", answer, StringComparison.Ordinal);
        Assert.EndsWith("\r\n\r\nPOST /pay/orders?x=1 hello", answer, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ChunkedBody_IsJoined_PastExtensionsAndTrailers()
    {
        var answer = await ExchangeAsync("POST /c HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n3;x=y\r\nabc\r\n2\r\nde\r\n0\r\nX-Trailer: t\r\n\r\n");

        Assert.EndsWith("POST /c abcde", answer, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExpectContinue_IsAnsweredBeforeTheBodyIsRead()
    {
        using var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, _port);
        var stream = client.GetStream();
        await stream.WriteAsync("POST /e HTTP/1.1\r\nHost: a\r\nExpect: 100-continue\r\nContent-Length: 2\r\nConnection: close\r\n\r\n"u8.ToArray());
        var interim = new byte[25];
        await stream.ReadExactlyAsync(interim);
        Assert.Equal("HTTP/1.1 100 Continue\r\n\r\n", Encoding.ASCII.GetString(interim));

        await stream.WriteAsync("ok"u8.ToArray());
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var answer = await reader.ReadToEndAsync();

        Assert.StartsWith("HTTP/1.1 200 OK\r\n", answer, StringComparison.Ordinal);
        Assert.EndsWith("POST /e ok", answer, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PipelinedRequests_AreAnsweredInOrder_OnOneConnection()
    {
        var answer = await ExchangeAsync(
            "GET /one HTTP/1.1\r\nHost: a\r\n\r\n"
            + "POST /two HTTP/1.1\r\nHost: a\r\nContent-Length: 3\r\n\r\nxyz"
            + "GET /three HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n");

        var bodies = answer.Split("HTTP/1.1 200 OK\r\n", StringSplitOptions.RemoveEmptyEntries).Select(a => a[(a.IndexOf("\r\n\r\n", StringComparison.Ordinal) + 4)..]);
        Assert.Equal(["GET /one ", "POST /two xyz", "GET /three "], bodies);
    }

    [Fact]
    public async Task Http10_ClosesAfterItsAnswer()
    {
        var answer = await ExchangeAsync("GET /old HTTP/1.0\r\n\r\nGET /never HTTP/1.0\r\n\r\n");

        Assert.Contains("\r\nConnection: close\r\n", answer, StringComparison.Ordinal);
        Assert.EndsWith("GET /old ", answer, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Head_GetsTheLengthButNoBody()
    {
        var answer = await ExchangeAsync("HEAD /h HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n");

        Assert.Contains("\r\nContent-Length: 8\r\n", answer, StringComparison.Ordinal);
        Assert.EndsWith("\r\n\r\n", answer, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ABodyOverTheLimit_IsNotRead_AndTheConnectionClosesAfterTheAnswer()
    {
        var answer = await ExchangeAsync("POST /big HTTP/1.1\r\nHost: a\r\nContent-Length: 100000\r\n\r\n" + new string('x', 100));

        Assert.StartsWith("HTTP/1.1 413 Content Too Large\r\n", answer, StringComparison.Ordinal);
        Assert.Contains("\r\nConnection: close\r\n", answer, StringComparison.Ordinal);
        Assert.EndsWith("too large", answer, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AChunkedBodyOverTheLimit_IsRefused_AndTheConnectionClosesAfterTheAnswer()
    {
        var answer = await ExchangeAsync("POST /big HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n10\r\n0123456789abcdef\r\n1\r\nx\r\n0\r\n\r\nGET /never HTTP/1.1\r\n\r\n");

        Assert.StartsWith("HTTP/1.1 413 ", answer, StringComparison.Ordinal);
        Assert.DoesNotContain("/never", answer, StringComparison.Ordinal);
    }

    public static TheoryData<string, string> BadRequests => new()
    {
        { "GARBAGE\r\n\r\n", "HTTP/1.1 400 " },
        { "GET /x HTTP/2.0\r\n\r\n", "HTTP/1.1 505 " },
        { "GET /x SPDY/3\r\n\r\n", "HTTP/1.1 400 " },
        { "GET x HTTP/1.1\r\n\r\n", "HTTP/1.1 400 " },
        { "GET /x HTTP/1.1\r\nBad Name: v\r\n\r\n", "HTTP/1.1 400 " },
        { "GET /x HTTP/1.1\r\n folded\r\n\r\n", "HTTP/1.1 400 " },
        { "POST /x HTTP/1.1\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n", "HTTP/1.1 400 " },
        { "POST /x HTTP/1.1\r\nContent-Length: 3\r\nContent-Length: 4\r\n\r\n", "HTTP/1.1 400 " },
        { "POST /x HTTP/1.1\r\nContent-Length: three\r\n\r\n", "HTTP/1.1 400 " },
        { "POST /x HTTP/1.1\r\nTransfer-Encoding: gzip\r\n\r\n", "HTTP/1.1 501 " },
        { "POST /x HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n", "HTTP/1.1 400 " },
        { "POST /invoke HTTP/1.1\r\nx-fc-request-id: r-1\u000bX\r\n\r\n", "HTTP/1.1 400 " },
        { "GET /x\u007f HTTP/1.1\r\n\r\n", "HTTP/1.1 400 " },
        { "GET /x HTTP/1.1\r\nX-A: one\rtwo\r\n\r\n", "HTTP/1.1 400 " },
        { "GET /x HTTP/1.1\r\nX-A: one\ttwo\r\n\r\n", "HTTP/1.1 400 " },
        { "POST /x HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nabc\r\n0\r\n\r\n", "HTTP/1.1 400 " },
    };

    [Theory]
    [MemberData(nameof(BadRequests))]
    public async Task AMalformedRequest_IsAnsweredWithItsStatus_AndTheConnectionCloses(string request, string statusLine)
    {
        var answer = await ExchangeAsync(request + "GET /never HTTP/1.1\r\n\r\n");

        Assert.StartsWith(statusLine, answer, StringComparison.Ordinal);
        Assert.Contains("\r\nConnection: close\r\n", answer, StringComparison.Ordinal);
        Assert.DoesNotContain("/never", answer, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HeadersOverTheLimit_Are431()
    {
        var answer = await ExchangeAsync("GET /x HTTP/1.1\r\nX-Big: " + new string('a', ServerConnection.MaxHeadBytes) + "\r\n\r\n");

        Assert.StartsWith("HTTP/1.1 431 ", answer, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AHeaderNoLineCanCarry_DropsThatConnection_AndTheServerGoesOn()
    {
        var dropped = await ExchangeAsync("GET /bad-header HTTP/1.1\r\nHost: a\r\n\r\n");
        var next = await ExchangeAsync("GET /fine HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n");

        Assert.DoesNotContain("stolen", dropped, StringComparison.Ordinal);
        Assert.Equal("", dropped);
        Assert.EndsWith("GET /fine ", next, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stopping_LetsTheRequestInFlightFinish_ThenReturnsZero()
    {
        _release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var exchange = ExchangeAsync("GET /slow HTTP/1.1\r\nHost: a\r\n\r\n");
        await _inHandler.Task.WaitAsync(TimeSpan.FromSeconds(10));

        await _stop.CancelAsync();
        await Task.Delay(100);
        Assert.False(_server.IsCompleted);
        _release.SetResult();

        var answer = await exchange;
        Assert.StartsWith("HTTP/1.1 200 OK\r\n", answer, StringComparison.Ordinal);
        Assert.Equal(FunctionHost.ExitSuccess, await _server.WaitAsync(TimeSpan.FromSeconds(10)));
    }
}
