using System.Net;
using System.Text;

namespace Router.Runtime.Tests.Hosting;

/// <summary><c>serve</c>: the local HTTP server, with real requests on loopback.</summary>
public sealed class ServeTests : IAsyncLifetime
{
    private readonly int _port = LoopbackPorts.Free();
    private readonly HttpClient _client = new();
    private InProcessHost _host = null!;

    public async Task InitializeAsync()
    {
        _client.BaseAddress = new Uri($"http://127.0.0.1:{_port}/");
        await StartAsync();
    }

    private async Task StartAsync(Action<FunctionHostOptions>? configure = null, IRouteDispatcher? router = null)
    {
        _host = InProcessHost.Serve(_port, configure, router);
        await _host.WaitForPortAsync(_port);
    }

    private async Task RestartAsync(Action<FunctionHostOptions>? configure = null, IRouteDispatcher? router = null)
    {
        await _host.DisposeAsync();
        await StartAsync(configure, router);
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        _client.Dispose();
    }

    private async Task<(HttpStatusCode Status, string Body)> PostAsync(string path, string body)
    {
        using var response = await _client.PostAsync(path, new StringContent(body, Encoding.UTF8, "application/json"));
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task PostInvoke_WithAWholeEvent_AnswersTheBody()
    {
        var (status, body) = await PostAsync("/invoke", Encoding.UTF8.GetString(Events.Read("pay-makeOrder.json")));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(Events.SessionRequired, body);
    }

    [Fact]
    public async Task PostRoute_WithTheEventsFields_AnswersTheBody()
    {
        var (status, body) = await PostAsync("/user/register", """{ "name": "pathuser", "password": "correct horse battery" }""");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("register success", InProcessHost.Json(body).GetProperty("message").GetString());
    }

    [Fact]
    public async Task PostRoute_WithAnEmptyBody_IsAnEventWithOnlyTheRoute()
    {
        await RestartAsync(router: new HostTestRouter());

        var (status, body) = await PostAsync("/test/echo", "");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("""{"note":""}""", body);
    }

    [Theory]
    [InlineData("application/x-www-form-urlencoded", """{"name":"tcb","password":"correct horse battery"}""", "JSON text, but its Content-Type is application/x-www-form-urlencoded")]
    [InlineData("application/json", "name=tcb&password=correct+horse+battery", "form fields (name=value&...), but it has Content-Type application/json")]
    [InlineData(null, "name=tcb&password=correct+horse+battery", "form fields (name=value&...), but it has no Content-Type")]
    public async Task ABodyThatIsNotWhatItsContentTypeSays_Answers415_NamingWhatItGotAndWhatItNeeds(string? contentType, string body, string message)
    {
        using var content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
        if (contentType is not null)
        {
            content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(contentType);
        }

        using var response = await _client.PostAsync("/user/login", content);
        var answer = InProcessHost.Json(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal(ErrorTypes.InvalidEvent, answer.GetProperty("errorType").GetString());
        Assert.Contains(message, answer.GetProperty("errorMessage").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain("\tfail\t", _host.Error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task APostWithoutContentLength_HasAnEmptyBody_AndTheConnectionServesTheNextRequest()
    {
        // What `curl -X POST` with no data sends: no Content-Length, not chunked. RFC 9112 section 6.3: the
        // body is empty, so it is the same request as an empty POST; the connection stays open for the next.
        using var socket = new System.Net.Sockets.TcpClient();
        await socket.ConnectAsync(IPAddress.Loopback, _port);
        var stream = socket.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes($"POST /pay/orders HTTP/1.1\r\nHost: 127.0.0.1:{_port}\r\n\r\nPOST /pay/orders HTTP/1.1\r\nHost: 127.0.0.1:{_port}\r\nConnection: close\r\n\r\n"));
        using var reader = new StreamReader(stream, Encoding.ASCII);
        var answers = await reader.ReadToEndAsync();

        Assert.StartsWith("HTTP/1.1 200 OK\r\n", answers, StringComparison.Ordinal);
        Assert.Equal(2, answers.Split("HTTP/1.1 200 OK\r\n").Length - 1);
        Assert.EndsWith(Events.SessionRequired, answers, StringComparison.Ordinal);
        Assert.False(_host.Error.ToString().Contains("\tfail\t", StringComparison.Ordinal), _host.Error.ToString());
    }

    [Fact]
    public async Task AnEmptyPostWithContentLengthZero_IsAnEventOfTheQuery_AnsweredInJson()
    {
        using var response = await _client.PostAsync("/pay/orders", new ByteArrayContent([]));
        var answer = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(Events.SessionRequired, answer);
    }

    [Fact]
    public async Task RouteInTheQuery_IsServed()
    {
        var (status, body) = await PostAsync("/?$url=user%2Flogin", """{"name":"tcb","password":"09876"}""");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("wrong name or password", InProcessHost.Json(body).GetProperty("message").GetString());
    }

    [Theory]
    [InlineData("/no/such/route", "{}", HttpStatusCode.NotFound, "RouteNotFound")]
    [InlineData("/invoke", """{"id":"xxxx"}""", HttpStatusCode.BadRequest, "MissingRoute")]
    [InlineData("/invoke", """{"$url":"pay/makeOrder",""", HttpStatusCode.BadRequest, "InvalidEvent")]
    [InlineData("/user/register", """{"name":42,"password":"correct horse battery"}""", HttpStatusCode.BadRequest, "InvalidRequest")]
    [InlineData("/pay/makeOrder", """{"$url":"user/login"}""", HttpStatusCode.BadRequest, "InvalidEvent")]
    [InlineData("/pay/makeOrder", "[1,2]", HttpStatusCode.BadRequest, "InvalidEvent")]
    public async Task BadRequest_GetsTheStatusAndErrorTypeOfItsCause(string path, string body, HttpStatusCode expectedStatus, string errorType)
    {
        var (status, answer) = await PostAsync(path, body);
        var (nextStatus, _) = await PostAsync("/user/login", """{"name":"tcb","password":"09876"}""");

        Assert.Equal(expectedStatus, status);
        Assert.Equal(errorType, InProcessHost.Json(answer).GetProperty("errorType").GetString());
        Assert.Equal(HttpStatusCode.OK, nextStatus);
    }

    [Theory]
    [MemberData(nameof(Events.Bad), MemberType = typeof(Events))]
    public async Task BadEvent_PostedToInvoke_GetsItsErrorType(string file, string errorType)
    {
        using var response = await _client.PostAsync("/invoke", new ByteArrayContent(Events.ReadBad(file)));

        Assert.Equal(errorType == "RouteNotFound" ? HttpStatusCode.NotFound : HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(errorType, InProcessHost.Json(await response.Content.ReadAsStringAsync()).GetProperty("errorType").GetString());
    }

    [Fact]
    public async Task HandlerException_Answers500_WithTheMessageOnly()
    {
        await RestartAsync(router: new HostTestRouter());

        var (status, body) = await PostAsync("/test/throw", "{}");

        Assert.Equal(HttpStatusCode.InternalServerError, status);
        Assert.Equal("the handler failed on purpose", InProcessHost.Json(body).GetProperty("errorMessage").GetString());
    }

    [Fact]
    public async Task Get_Answers405_WithAllowPost()
    {
        using var response = await _client.GetAsync("/user/login");

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Equal("POST", response.Content.Headers.Allow.Single());
    }

    [Fact]
    public async Task EventOverTheLimit_Answers413_WithoutReadingIt()
    {
        await RestartAsync(options => options.Invoker.MaxEventBytes = 1024);

        var (status, body) = await PostAsync("/user/login", "{\"name\":\"" + new string('x', 2000) + "\"}");

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, status);
        Assert.Contains("larger than the limit of 1024 bytes", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConcurrentRequests_AreServedTogether_EachWithItsOwnAnswer()
    {
        await RestartAsync(router: new HostTestRouter());

        var answers = await Task.WhenAll(Enumerable.Range(0, 16).Select(i => PostAsync("/test/echo", $$"""{"text":"call {{i}}"}""")));

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.OK, a.Status));
        Assert.Equal(Enumerable.Range(0, 16).Select(i => $"call {i}"), answers.Select(a => InProcessHost.Json(a.Body).GetProperty("note").GetString()));
    }

    [Fact]
    public async Task PortInUse_ExitsWithAPlatformErrorAndALogLine()
    {
        await using var second = InProcessHost.Serve(_port);

        Assert.Equal(FunctionHost.ExitPlatformError, await second.WaitAsync());
        Assert.Contains($"cannot listen on http://127.0.0.1:{_port}/", second.Error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ResponseCarriesARequestId()
    {
        using var response = await _client.PostAsync("/user/login", new StringContent("""{"name":"tcb","password":"09876"}"""));

        Assert.StartsWith("local-", response.Headers.GetValues("X-Request-Id").Single(), StringComparison.Ordinal);
    }
}
