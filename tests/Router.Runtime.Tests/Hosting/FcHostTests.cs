using System.Net;
using System.Text;

namespace Router.Runtime.Tests.Hosting;

/// <summary>The Alibaba FC custom runtime: real HTTP requests to the server the host starts on loopback.</summary>
public sealed class FcHostTests : IAsyncLifetime
{
    private readonly int _port = LoopbackPorts.Free();
    private readonly HttpClient _client = new();
    private InProcessHost _host = null!;
    private Action<FunctionHostOptions>? _configure;

    private Dictionary<string, string> Environment => new() { ["FC_FUNCTION_NAME"] = "shop", ["FC_CUSTOM_LISTEN_PORT"] = _port.ToString(System.Globalization.CultureInfo.InvariantCulture) };

    public async Task InitializeAsync()
    {
        _client.BaseAddress = new Uri($"http://127.0.0.1:{_port}/");
        await StartAsync();
    }

    private async Task StartAsync(IRouteDispatcher? router = null)
    {
        _host = InProcessHost.Start(Environment, _configure, router);
        await _host.WaitForPortAsync(_port);
    }

    private async Task RestartAsync(Action<FunctionHostOptions>? configure = null, IRouteDispatcher? router = null)
    {
        await _host.DisposeAsync();
        _configure = configure;
        await StartAsync(router);
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        _client.Dispose();
    }

    private Task<HttpResponseMessage> InvokeAsync(byte[] eventJson, string requestId = "req-1", string path = "/invoke")
        => _client.SendAsync(FcRequest.Create(eventJson, requestId, path));

    [Fact]
    public async Task Invoke_ArticleEvents_Answer200_WithXFcStatus_AndTheStartEndLines()
    {
        foreach (var (file, index) in Events.Good.Select((f, i) => (f, i)))
        {
            using var response = await InvokeAsync(Events.Read(file), $"req-{index}");

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("200", response.Headers.GetValues("x-fc-status").Single());
            Assert.Equal(Events.CodeOf(file), InProcessHost.Json(await response.Content.ReadAsStringAsync()).GetProperty("code").GetInt32());
        }

        Assert.Equal(0, await _host.StopAsync());
        var output = _host.Output.ToString();
        Assert.Contains("FC Invoke Start RequestId: req-0" + System.Environment.NewLine + "FC Invoke End RequestId: req-0", output, StringComparison.Ordinal);
        Assert.Contains("FC Invoke End RequestId: req-5", output, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Events.Bad), MemberType = typeof(Events))]
    public async Task Invoke_BadEvent_Answers404_WithItsErrorType_AndTheNextEventIsServed(string file, string errorType)
    {
        using var bad = await InvokeAsync(Events.ReadBad(file));
        using var good = await InvokeAsync(Events.Read("pay-makeOrder.json"), "req-2");

        Assert.Equal(HttpStatusCode.NotFound, bad.StatusCode);
        Assert.Equal("404", bad.Headers.GetValues("x-fc-status").Single());
        Assert.Equal(errorType, InProcessHost.Json(await bad.Content.ReadAsStringAsync()).GetProperty("errorType").GetString());
        Assert.Equal(HttpStatusCode.OK, good.StatusCode);
    }

    [Fact]
    public async Task Credentials_AreNeverWrittenToTheLogs()
    {
        using var good = await InvokeAsync(Events.Read("pay-makeOrder.json"));
        using var bad = await InvokeAsync(Events.ReadBad("register-wrong-type.json"));
        await _host.StopAsync();

        var logs = _host.Output.ToString() + _host.Error.ToString();
        Assert.Contains("InvalidRequest", logs, StringComparison.Ordinal);
        Assert.DoesNotContain(FcRequest.Secret, logs, StringComparison.Ordinal);
        Assert.DoesNotContain(FcRequest.Token, logs, StringComparison.Ordinal);
        Assert.DoesNotContain("LTAI-ACCESS-KEY-ID", logs, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Initialize_Answers200_AndRunsTheInitializerOnce()
    {
        var runs = 0;
        await RestartAsync(options =>
        {
            var shopInitialize = options.Initialize!;
            options.Initialize = cancellationToken =>
            {
                Interlocked.Increment(ref runs);
                return shopInitialize(cancellationToken);
            };
        });

        using var initialize = await _client.PostAsync("/initialize", new ByteArrayContent([]));
        using var invoke = await InvokeAsync(Events.Read("user-login.json"));

        Assert.Equal(HttpStatusCode.OK, initialize.StatusCode);
        Assert.Equal(HttpStatusCode.OK, invoke.StatusCode);
        Assert.Equal(1, runs);
    }

    [Fact]
    public async Task InitializerFailure_Answers404_OnInitializeAndOnEveryInvoke()
    {
        await RestartAsync(options => options.Initialize = _ => throw new InvalidOperationException("the database is unreachable"));

        using var initialize = await _client.PostAsync("/initialize", new ByteArrayContent([]));
        using var invoke = await InvokeAsync(Events.Read("user-login.json"));

        Assert.Equal(HttpStatusCode.NotFound, initialize.StatusCode);
        Assert.Equal("404", initialize.Headers.GetValues("x-fc-status").Single());
        Assert.Equal(HttpStatusCode.NotFound, invoke.StatusCode);
        var error = InProcessHost.Json(await invoke.Content.ReadAsStringAsync());
        Assert.Equal("InitializationError", error.GetProperty("errorType").GetString());
        Assert.Equal("the database is unreachable", error.GetProperty("errorMessage").GetString());
    }

    [Theory]
    [InlineData("/pre-freeze")]
    [InlineData("/pre-stop")]
    public async Task LifecycleHooks_Answer200(string path)
    {
        using var response = await _client.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task HttpTrigger_RouteInThePath_IsServed()
    {
        using var response = await InvokeAsync("""{"name":"pathuser","password":"correct horse battery"}"""u8.ToArray(), path: "/user/register");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("register success", InProcessHost.Json(await response.Content.ReadAsStringAsync()).GetProperty("message").GetString());
    }

    [Fact]
    public async Task HttpTrigger_RouteInTheQuery_IsServed()
    {
        using var response = await InvokeAsync(Encoding.UTF8.GetBytes("""{"name":"tcb","password":"09876"}"""), path: "/?$url=user/login");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("wrong name or password", InProcessHost.Json(await response.Content.ReadAsStringAsync()).GetProperty("message").GetString());
    }

    [Fact]
    public async Task Deadline_FromTheFunctionTimeout_CancelsTheInvocation()
    {
        await RestartAsync(router: new HostTestRouter());

        using var response = await InvokeAsync("""{"$url":"test/deadline"}"""u8.ToArray());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("cancelled at the deadline", InProcessHost.Json(await response.Content.ReadAsStringAsync()).GetProperty("note").GetString());
    }

    [Fact]
    public async Task Shutdown_FinishesTheRequestInFlight_ThenExitsZero()
    {
        await RestartAsync(router: new HostTestRouter());

        var slow = InvokeAsync("""{"$url":"test/slow","ms":400}"""u8.ToArray());
        await Task.Delay(100);
        var exit = _host.StopAsync();
        using var response = await slow;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("slept 400 ms", InProcessHost.Json(await response.Content.ReadAsStringAsync()).GetProperty("note").GetString());
        Assert.Equal(0, await exit);
    }
}
