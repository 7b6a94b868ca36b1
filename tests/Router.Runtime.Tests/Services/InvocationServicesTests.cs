using System.Globalization;
using System.Text;
using System.Text.Json;
using Router.Runtime.Tests.Hosting;

namespace Router.Runtime.Tests.Services;

/// <summary>
/// A scope per invocation, <c>context.Invocation</c> and the platform logs, on every host, with the
/// standard container validating scopes (a captive scoped service would fail or be shared).
/// </summary>
public sealed class InvocationServicesTests
{
    private const int Invocations = 24;
    private const string Secret = FcRequest.Secret;
    private const string Token = FcRequest.Token;

    private static void UseTestServices(FunctionHostOptions options, out ScopeLedger ledger, out InvocationRecorder recorder)
    {
        var services = TestServices.Create(options.GetEnvironmentVariable!, options.Error!, out ledger, out recorder);
        options.Services = services;
        options.Initialize = null;
    }

    /// <summary>Every invocation had its own scoped probe and handler, both disposed, and the middleware (one) saw the handler's probe.</summary>
    private static void AssertOneScopePerInvocation(ScopeLedger ledger, IReadOnlyList<string> replies)
    {
        Assert.Equal(Invocations, replies.Count);
        var pairs = replies.Select(r => r.Split(' ')).ToList();
        Assert.Equal(Invocations, pairs.Select(p => p[0]).Distinct().Count());
        Assert.Equal(Invocations, pairs.Select(p => p[1]).Distinct().Count());
        Assert.Equal(Invocations, ledger.Probes.Count);
        Assert.Equal(Invocations, ledger.Handlers.Count);
        Assert.All(ledger.Probes, p => Assert.True(p.Value, $"scoped probe {p.Key} was not disposed"));
        Assert.All(ledger.Handlers, h => Assert.True(h.Value, $"handler {h.Key} was not disposed"));
        Assert.Single(ledger.MiddlewareUsed);
        Assert.Equal(Invocations, ledger.MiddlewareProbe.Count);
        Assert.Equal(
            ledger.HandlerProbe.Values.OrderBy(g => g),
            ledger.MiddlewareProbe.Values.OrderBy(g => g));
    }

    private static string NoteOf(string json) => InProcessHost.Json(json).GetProperty("note").GetString()!;

    [Fact]
    public async Task Serve_ConcurrentInvocations_EachGetTheirOwnScope_AndEveryScopeIsDisposed()
    {
        var port = LoopbackPorts.Free();
        ScopeLedger ledger = null!;
        await using var host = InProcessHost.Serve(port, o => UseTestServices(o, out ledger, out _), new HostTestRouter());
        await host.WaitForPortAsync(port);
        using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/") };

        var replies = await Task.WhenAll(Enumerable.Range(0, Invocations).Select(async _ =>
        {
            using var response = await client.PostAsync("/test/scoped", new StringContent("""{"ms":100}""", Encoding.UTF8, "application/json"));
            Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
            return NoteOf(await response.Content.ReadAsStringAsync());
        }));

        AssertOneScopePerInvocation(ledger, replies);
    }

    [Fact]
    public async Task Fc_ConcurrentInvocations_EachGetTheirOwnScope_AndEveryScopeIsDisposed()
    {
        var port = LoopbackPorts.Free();
        ScopeLedger ledger = null!;
        await using var host = InProcessHost.Start(FcEnvironment(port), o => UseTestServices(o, out ledger, out _), new HostTestRouter());
        await host.WaitForPortAsync(port);
        using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/") };

        var replies = await Task.WhenAll(Enumerable.Range(0, Invocations).Select(async i =>
        {
            using var response = await client.SendAsync(FcInvoke("""{"$url":"test/scoped","ms":100}""", $"fc-req-{i}"));
            Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
            return NoteOf(await response.Content.ReadAsStringAsync());
        }));

        AssertOneScopePerInvocation(ledger, replies);
    }

    [Fact]
    public async Task Lambda_Invocations_EachGetTheirOwnScope_AndEveryScopeIsDisposed()
    {
        await using var api = new FakeRuntimeApi(RuntimeApiKind.AwsLambda);
        ScopeLedger ledger = null!;
        await using var host = InProcessHost.Start(api.Environment, o => UseTestServices(o, out ledger, out _), new HostTestRouter());

        // Lambda hands one event at a time to an instance; the scopes must still be one per invocation.
        for (var i = 0; i < Invocations; i++)
        {
            api.Enqueue("""{"$url":"test/scoped","ms":0}""");
        }

        var replies = new List<string>();
        for (var i = 0; i < Invocations; i++)
        {
            var result = await api.NextResultAsync();
            Assert.EndsWith("/response", result.Path, StringComparison.Ordinal);
            replies.Add(NoteOf(result.Text));
        }

        Assert.Equal(0, await host.StopAsync());
        AssertOneScopePerInvocation(ledger, replies);
    }

    [Fact]
    public async Task Lambda_Invocation_IsWhatTheRuntimeApiAndTheEnvironmentSaid()
    {
        await using var api = new FakeRuntimeApi(RuntimeApiKind.AwsLambda);
        var environment = new Dictionary<string, string>(api.Environment)
        {
            ["AWS_LAMBDA_FUNCTION_NAME"] = "shop",
            ["AWS_LAMBDA_FUNCTION_VERSION"] = "7",
            ["AWS_LAMBDA_FUNCTION_MEMORY_SIZE"] = "512",
            ["AWS_ACCESS_KEY_ID"] = "ASIA-KEY-ID",
            ["AWS_SECRET_ACCESS_KEY"] = Secret,
            ["AWS_SESSION_TOKEN"] = Token,
        };
        InvocationRecorder recorder = null!;
        await using var host = InProcessHost.Start(environment, o => UseTestServices(o, out _, out recorder), new HostTestRouter());

        var id = api.Enqueue("""{"$url":"test/invocation"}""", traceId: "Root=1-5759e988-bd862e3fe1be46a994272793;Sampled=1", headers: new Dictionary<string, string>
        {
            ["Lambda-Runtime-Client-Context"] = """{"client":{"app_title":"shop"},"custom":{},"env":{}}""",
            ["Lambda-Runtime-Cognito-Identity"] = """{"cognitoIdentityId":"us-east-1:abc","cognitoIdentityPoolId":"us-east-1:pool"}""",
        });
        var result = await api.NextResultAsync();
        Assert.Equal(0, await host.StopAsync());

        Assert.Equal(id, NoteOf(result.Text));
        var sent = api.SentHeaders[id];
        var invocation = recorder.Single(id);
        Assert.Equal(InvocationPlatforms.AwsLambda, invocation.Platform);
        Assert.Equal(sent["Lambda-Runtime-Aws-Request-Id"], invocation.RequestId);
        Assert.Equal("shop", invocation.FunctionName);
        Assert.Equal("7", invocation.FunctionVersion);
        Assert.Equal(sent["Lambda-Runtime-Invoked-Function-Arn"], invocation.InvokedFunctionArn);
        Assert.Equal(512, invocation.MemoryLimitMB);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(long.Parse(sent["Lambda-Runtime-Deadline-Ms"], CultureInfo.InvariantCulture)), invocation.Deadline);
        Assert.Equal(sent["Lambda-Runtime-Trace-Id"], invocation.TraceId);
        Assert.Equal(sent["Lambda-Runtime-Client-Context"], invocation.ClientContext);
        Assert.Equal(sent["Lambda-Runtime-Cognito-Identity"], invocation.CognitoIdentity);
        AssertCredentials("ASIA-KEY-ID", invocation.Credentials);
        Assert.Null(invocation.Caller);
        AssertNoSecret(host.Output.ToString() + host.Error.ToString() + result.Text + invocation.Credentials!.ToString() + invocation);
    }

    [Fact]
    public async Task Fc_CredentialsArrive_AndTheSecretAndTokenAreInNoOutput()
    {
        var port = LoopbackPorts.Free();
        InvocationRecorder recorder = null!;
        await using var host = InProcessHost.Start(FcEnvironment(port), o => UseTestServices(o, out _, out recorder), new HostTestRouter());
        await host.WaitForPortAsync(port);
        using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/") };

        var outputs = new StringBuilder();
        foreach (var (route, id) in new[] { ("test/invocation", "fc-1"), ("test/log", "fc-2"), ("test/throw", "fc-3"), ("no/such/route", "fc-4") })
        {
            using var response = await client.SendAsync(FcInvoke($$"""{"$url":"{{route}}"}""", id));
            outputs.Append(response.Headers).Append(await response.Content.ReadAsStringAsync());
        }

        Assert.Equal(0, await host.StopAsync());
        var invocation = recorder.Single("fc-1");
        Assert.Equal(InvocationPlatforms.AlibabaFc, invocation.Platform);
        Assert.Equal("shop", invocation.FunctionName);
        Assert.Equal("LATEST", invocation.FunctionVersion);
        Assert.Equal(1024, invocation.MemoryLimitMB);
        Assert.NotNull(invocation.Deadline);
        AssertCredentials("LTAI-ACCESS-KEY-ID", invocation.Credentials);
        Assert.Contains("LTAI-ACCESS-KEY-ID", invocation.Credentials!.ToString(), StringComparison.Ordinal);
        Assert.Contains("fc-3", host.Error.ToString(), StringComparison.Ordinal);
        AssertNoSecret(outputs.ToString() + host.Output + host.Error + invocation.Credentials + invocation);
    }

    [Fact]
    public async Task Scf_CloudBaseCaller_ArrivesFromUserInfo_OfADirectEvent_NotFromAnHttpEvent()
    {
        await using var api = new FakeRuntimeApi(RuntimeApiKind.TencentScf);
        var environment = new Dictionary<string, string>(api.Environment) { ["SCF_FUNCTIONNAME"] = "shop", ["SCF_FUNCTIONVERSION"] = "$LATEST" };
        InvocationRecorder recorder = null!;
        await using var host = InProcessHost.Start(environment, o => UseTestServices(o, out _, out recorder), new HostTestRouter());

        // As wx.cloud.callFunction delivers it: the client's data with CloudBase's userInfo beside it.
        api.Enqueue("""{"$url":"test/invocation","userInfo":{"appId":"wx5f2c8a1b","openId":"oUser-from-cloudbase"}}""");
        var direct = NoteOf((await api.NextResultAsync()).Text);
        // From the invocation's context header, as wx-server-sdk's getWXContext reads it.
        api.Enqueue("""{"$url":"test/invocation"}""", headers: new Dictionary<string, string>
        {
            ["environment"] = """{"WX_OPENID":"oUser-from-context","WX_APPID":"wx5f2c8a1b","WX_UNIONID":"uUnion","TCB_SOURCE":"wx_client"}""",
        });
        var context = NoteOf((await api.NextResultAsync()).Text);
        // An API gateway's HTTP event: its body is the client's, so its userInfo is not a caller.
        api.Enqueue(Http.HttpEventBuilder.Build(Http.Shape.ScfApiGateway, Http.HttpCall.Json("POST", "/test/invocation", """{"userInfo":{"appId":"wx","openId":"oForged"}}""")));
        var http = InProcessHost.Json(InProcessHost.Json((await api.NextResultAsync()).Text).GetProperty("body").GetString()!).GetProperty("note").GetString()!;
        Assert.Equal(0, await host.StopAsync());

        var fromEvent = recorder.Single(direct);
        Assert.Equal(InvocationPlatforms.TencentScf, fromEvent.Platform);
        Assert.Equal("shop", fromEvent.FunctionName);
        Assert.Equal("$LATEST", fromEvent.FunctionVersion);
        Assert.Equal(128, fromEvent.MemoryLimitMB);
        Assert.NotNull(fromEvent.Deadline);
        Assert.Equal(new CallerIdentity("oUser-from-cloudbase", "wx5f2c8a1b", null, null), fromEvent.Caller);
        Assert.Equal(new CallerIdentity("oUser-from-context", "wx5f2c8a1b", "uUnion", "wx_client"), recorder.Single(context).Caller);
        Assert.Null(recorder.Single(http).Caller);
    }

    [Fact]
    public async Task Serve_IgnoresAClientWrittenUserInfo()
    {
        var port = LoopbackPorts.Free();
        InvocationRecorder recorder = null!;
        await using var host = InProcessHost.Serve(port, o => UseTestServices(o, out _, out recorder), new HostTestRouter());
        await host.WaitForPortAsync(port);
        using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/") };

        using var response = await client.PostAsync("/invoke", new StringContent("""{"$url":"test/invocation","userInfo":{"appId":"wx","openId":"oForged"}}""", Encoding.UTF8, "application/json"));
        var requestId = NoteOf(await response.Content.ReadAsStringAsync());

        var invocation = recorder.Single(requestId);
        Assert.Equal(InvocationPlatforms.Local, invocation.Platform);
        Assert.StartsWith("local-", invocation.RequestId, StringComparison.Ordinal);
        Assert.Null(invocation.Caller);
        Assert.Null(invocation.Credentials);
    }

    [Fact]
    public async Task Lambda_JsonLogFormat_EveryLineIsJson_AndCarriesItsInvocationsRequestId()
    {
        await using var api = new FakeRuntimeApi(RuntimeApiKind.AwsLambda);
        var environment = new Dictionary<string, string>(api.Environment) { ["AWS_LAMBDA_LOG_FORMAT"] = "JSON" };
        await using var host = InProcessHost.Start(environment, o => UseTestServices(o, out _, out _), new HostTestRouter());

        var logged = api.Enqueue("""{"$url":"test/log"}""");
        await api.NextResultAsync();
        var threw = api.Enqueue("""{"$url":"test/throw"}""");
        await api.NextResultAsync();
        var bad = api.Enqueue("""{"$url":"test/echo","text":5}""");
        await api.NextResultAsync();
        Assert.Equal(0, await host.StopAsync());

        var lines = host.Error.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var entries = lines.Select(line => JsonDocument.Parse(line).RootElement.Clone()).ToList();
        Assert.All(entries, e =>
        {
            Assert.True(DateTimeOffset.TryParse(e.GetProperty("timestamp").GetString(), CultureInfo.InvariantCulture, out _));
            Assert.False(string.IsNullOrEmpty(e.GetProperty("level").GetString()));
            Assert.False(string.IsNullOrEmpty(e.GetProperty("message").GetString()));
        });

        string? RequestIdOf(JsonElement e) => e.TryGetProperty("requestId", out var id) ? id.GetString() : null;
        var handlerLines = entries.Where(e => e.GetProperty("message").GetString()!.Contains("in test/log", StringComparison.Ordinal)).ToList();
        Assert.Equal(3, handlerLines.Count);
        Assert.All(handlerLines, e => Assert.Equal(logged, RequestIdOf(e)));
        Assert.Contains(handlerLines, e => e.GetProperty("level").GetString() == "Warning");

        var failure = Assert.Single(entries, e => e.GetProperty("message").GetString() == "router: route 'test/throw' threw");
        Assert.Equal(threw, RequestIdOf(failure));
        Assert.Equal("Error", failure.GetProperty("level").GetString());
        Assert.Equal("System.InvalidOperationException", failure.GetProperty("errorType").GetString());
        Assert.Equal("the handler failed on purpose", failure.GetProperty("errorMessage").GetString());
        Assert.Contains(failure.GetProperty("stackTrace").EnumerateArray(), f => f.GetString()!.Contains("HostTestHandlers.Throw", StringComparison.Ordinal));

        // Every line written during an invocation carries that invocation's id: the start and stop lines carry none.
        var ids = new[] { logged, threw, bad };
        Assert.All(entries.Where(e => RequestIdOf(e) is not null), e => Assert.Contains(RequestIdOf(e), ids));
        Assert.All(entries.Where(e => RequestIdOf(e) is null), e => Assert.Matches("^router: (AWS Lambda custom runtime|stopped|received)", e.GetProperty("message").GetString()));
    }

    [Fact]
    public async Task Lambda_LogLevel_FiltersLinesBelowIt()
    {
        await using var api = new FakeRuntimeApi(RuntimeApiKind.AwsLambda);
        var environment = new Dictionary<string, string>(api.Environment) { ["AWS_LAMBDA_LOG_FORMAT"] = "JSON", ["AWS_LAMBDA_LOG_LEVEL"] = "WARN" };
        await using var host = InProcessHost.Start(environment, o => UseTestServices(o, out _, out _), new HostTestRouter());

        var id = api.Enqueue("""{"$url":"test/log"}""");
        await api.NextResultAsync();
        Assert.Equal(0, await host.StopAsync());

        var entries = host.Error.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement.Clone()).ToList();
        var line = Assert.Single(entries);
        Assert.Equal("a warning in test/log", line.GetProperty("message").GetString());
        Assert.Equal(id, line.GetProperty("requestId").GetString());
    }

    [Fact]
    public async Task Lambda_TextLogFormat_IsTabSeparated_WithTheRequestId()
    {
        await using var api = new FakeRuntimeApi(RuntimeApiKind.AwsLambda);
        await using var host = InProcessHost.Start(api.Environment, o => UseTestServices(o, out _, out _), new HostTestRouter());

        var id = api.Enqueue("""{"$url":"test/log"}""");
        await api.NextResultAsync();
        Assert.Equal(0, await host.StopAsync());

        var lines = host.Error.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains(lines, l => System.Text.RegularExpressions.Regex.IsMatch(l, $@"^\d{{4}}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{{3}}Z\t{id}\tinfo\tcontext logger in test/log$"));
        Assert.Contains(lines, l => l.EndsWith($"\t{id}\twarn\ta warning in test/log", StringComparison.Ordinal));
    }

    [Fact]
    public async Task PlainServiceProvider_WithoutScopes_StillServes()
    {
        // Not Microsoft.Extensions.DependencyInjection: no IServiceScopeFactory, so no scope, as before.
        var ledger = new ScopeLedger();
        var services = new PlainServices(ledger);
        var invoker = new FunctionInvoker(new HostTestRouter(), services);

        var first = await invoker.InvokeAsync("""{"$url":"test/scoped","ms":0}"""u8.ToArray());
        var second = await invoker.InvokeAsync("""{"$url":"test/scoped","ms":0}"""u8.ToArray());

        Assert.True(first.IsSuccess, first.ErrorMessage);
        Assert.True(second.IsSuccess, second.ErrorMessage);
        // The handler class is still new per invocation (and disposed); the provider decides what the probe is.
        Assert.Equal(2, ledger.Handlers.Count);
        Assert.All(ledger.Handlers, h => Assert.True(h.Value));
        Assert.Single(ledger.Probes);
    }

    [Fact]
    public async Task Scope_IsDisposed_WhenTheHandlerThrowsOrIsCancelled()
    {
        var services = TestServices.Create(_ => null, TextWriter.Null, out var ledger, out _);
        var invoker = new FunctionInvoker(new HostTestRouter(), services, new FunctionInvokerOptions { Log = TextWriter.Null });
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        var result = await invoker.InvokeAsync("""{"$url":"test/scoped","ms":10000}"""u8.ToArray(), InvocationInfo.Local("cancelled"), cancelled.Token);

        Assert.Equal(ErrorTypes.HandlerError, result.ErrorType);
        var probe = Assert.Single(ledger.Probes);
        Assert.True(probe.Value, "the cancelled invocation's scope was not disposed");
        Assert.All(ledger.Handlers, h => Assert.True(h.Value));
    }

    private static void AssertCredentials(string accessKeyId, PlatformCredentials? credentials)
    {
        Assert.NotNull(credentials);
        Assert.Equal(accessKeyId, credentials.AccessKeyId);
        Assert.Equal(Secret, credentials.AccessKeySecret);
        Assert.Equal(Token, credentials.SecurityToken);
    }

    private static void AssertNoSecret(string output)
    {
        Assert.DoesNotContain(Secret, output, StringComparison.Ordinal);
        Assert.DoesNotContain(Token, output, StringComparison.Ordinal);
    }

    private static Dictionary<string, string> FcEnvironment(int port)
        => new() { ["FC_FUNCTION_NAME"] = "shop", ["FC_CUSTOM_LISTEN_PORT"] = port.ToString(CultureInfo.InvariantCulture) };

    private static HttpRequestMessage FcInvoke(string eventJson, string requestId) => FcRequest.Create(Encoding.UTF8.GetBytes(eventJson), requestId);

    /// <summary>A provider that is not the standard container: one probe for the process, no scopes.</summary>
    private sealed class PlainServices(ScopeLedger ledger) : IServiceProvider
    {
        private readonly ScopeProbe _probe = new(ledger);

        public object? GetService(Type serviceType)
            => serviceType == typeof(ScopeProbe) ? _probe
                : serviceType == typeof(ScopeLedger) ? ledger
                : null;
    }
}
