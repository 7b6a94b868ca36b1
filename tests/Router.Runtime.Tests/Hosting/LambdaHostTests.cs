namespace Router.Runtime.Tests.Hosting;

/// <summary>What only the AWS Lambda custom runtime does (trace ids, retries, the Runtime API's statuses, the init error), against a loopback Runtime API that follows docs/platforms.md; what Lambda and SCF do alike is RuntimeApiHostTests.</summary>
public sealed class LambdaHostTests
{
    private const string Base = "/2018-06-01/runtime/invocation/";

    [Fact]
    public async Task HandlerException_IsAHandlerError_WithTheMessageOnly_AndTheStackTraceInTheLog()
    {
        await using var api = new FakeRuntimeApi(RuntimeApiKind.AwsLambda);
        await using var host = InProcessHost.Start(api.Environment, router: new HostTestRouter());

        api.Enqueue("""{"$url":"test/throw"}""");
        var error = await api.NextResultAsync();

        var body = InProcessHost.Json(error.Text);
        Assert.Equal("HandlerError", body.GetProperty("errorType").GetString());
        Assert.Equal("the handler failed on purpose", body.GetProperty("errorMessage").GetString());
        Assert.DoesNotContain(" at ", error.Text, StringComparison.Ordinal);
        Assert.Equal(0, await host.StopAsync());
        Assert.Contains("HostTestHandlers.Throw", host.Error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TraceId_IsSetForEachEvent_AndClearedWhenAbsent()
    {
        await using var api = new FakeRuntimeApi(RuntimeApiKind.AwsLambda);
        await using var host = InProcessHost.Start(api.Environment, router: new HostTestRouter());

        api.Enqueue("""{"$url":"test/trace"}""", traceId: "Root=1-5759e988-bd862e3fe1be46a994272793;Sampled=1");
        var traced = await api.NextResultAsync();
        api.Enqueue("""{"$url":"test/trace"}""");
        var untraced = await api.NextResultAsync();

        Assert.Equal("Root=1-5759e988-bd862e3fe1be46a994272793;Sampled=1", InProcessHost.Json(traced.Text).GetProperty("note").GetString());
        Assert.Equal("(none)", InProcessHost.Json(untraced.Text).GetProperty("note").GetString());
    }

    [Theory]
    [InlineData(413, "413")]
    [InlineData(400, "400")]
    [InlineData(403, "403")]
    public async Task RefusedPost_IsLoggedAndNotRetried_AndTheLoopGoesOn(int status, string logged)
    {
        await using var api = new FakeRuntimeApi(RuntimeApiKind.AwsLambda);
        var refused = 0;
        api.OverrideStatus = _ => Interlocked.Increment(ref refused) == 1 ? status : null;
        await using var host = InProcessHost.Start(api.Environment);

        api.Enqueue(Events.Read("user-login.json"));
        await api.NextResultAsync();
        var secondId = api.Enqueue(Events.Read("user-login.json"));
        var second = await api.NextResultAsync();

        Assert.Equal(Base + secondId + "/response", second.Path);
        Assert.Equal(2, api.Requests.Count(r => r.Method == "POST"));
        Assert.Equal(0, await host.StopAsync());
        Assert.Contains($"answered {logged}", host.Error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ContainerError500_EndsTheProcessAtOnce()
    {
        await using var api = new FakeRuntimeApi(RuntimeApiKind.AwsLambda) { OverrideStatus = _ => 500 };
        await using var host = InProcessHost.Start(api.Environment);

        api.Enqueue(Events.Read("user-login.json"));

        Assert.Equal(FunctionHost.ExitPlatformError, await host.WaitAsync());
        Assert.Contains("answered 500 (container error, not recoverable); exiting", host.Error.ToString(), StringComparison.Ordinal);
        Assert.Equal(1, api.NextCalls);
    }

    [Fact]
    public async Task DroppedConnection_IsRetriedWithBackoff_AndTheEventIsServed()
    {
        await using var api = new FakeRuntimeApi(RuntimeApiKind.AwsLambda);
        await using var proxy = new DroppingProxy(api.Port, dropFirst: 2);
        var environment = new Dictionary<string, string> { ["AWS_LAMBDA_RUNTIME_API"] = $"127.0.0.1:{proxy.Port}" };
        await using var host = InProcessHost.Start(environment);

        var id = api.Enqueue(Events.Read("pay-makeOrder.json"));
        var result = await api.NextResultAsync();

        Assert.Equal(Base + id + "/response", result.Path);
        Assert.Equal(2, proxy.Dropped);
        var log = host.Error.ToString();
        Assert.Contains("retrying in 10 ms", log, StringComparison.Ordinal);
        Assert.Contains("retrying in 20 ms", log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnreachableRuntimeApi_IsRetriedWithBackoff_ThenEndsTheProcessWithALogLine()
    {
        var environment = new Dictionary<string, string> { ["AWS_LAMBDA_RUNTIME_API"] = $"127.0.0.1:{LoopbackPorts.Free()}" };
        await using var host = InProcessHost.Start(environment, options => options.PlatformRetryCount = 2);

        Assert.Equal(FunctionHost.ExitPlatformError, await host.WaitAsync());
        var log = host.Error.ToString();
        Assert.Contains("retrying in 10 ms", log, StringComparison.Ordinal);
        Assert.Contains("retrying in 20 ms", log, StringComparison.Ordinal);
        Assert.Contains("failed after 3 attempts", log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InitializationFailure_IsPostedToInitError_AndNoEventIsFetched()
    {
        await using var api = new FakeRuntimeApi(RuntimeApiKind.AwsLambda);
        await using var host = InProcessHost.Start(api.Environment, options =>
            options.Initialize = _ => throw new InvalidOperationException("the database is unreachable"));

        var initError = await api.NextResultAsync();

        Assert.Equal("/2018-06-01/runtime/init/error", initError.Path);
        Assert.Equal("Function.InitializationError", initError.Header("Lambda-Runtime-Function-Error-Type"));
        Assert.Equal("the database is unreachable", InProcessHost.Json(initError.Text).GetProperty("errorMessage").GetString());
        Assert.Equal(FunctionHost.ExitInitializationFailed, await host.WaitAsync());
        Assert.Equal(0, api.NextCalls);
    }

    [Fact]
    public async Task Initialization_RunsOnceBeforeTheFirstEvent()
    {
        await using var api = new FakeRuntimeApi(RuntimeApiKind.AwsLambda);
        var runs = 0;
        var nextCallsAtInit = -1;
        await using var host = InProcessHost.Start(api.Environment, options => options.Initialize = _ =>
        {
            nextCallsAtInit = api.NextCalls;
            runs++;
            return ValueTask.CompletedTask;
        });

        api.Enqueue(Events.Read("user-login.json"));
        await api.NextResultAsync();
        api.Enqueue(Events.Read("user-login.json"));
        await api.NextResultAsync();

        Assert.Equal(1, runs);
        Assert.Equal(0, nextCallsAtInit);
    }

    [Fact]
    public async Task Shutdown_FinishesTheInvocationInFlight_ThenExitsZero()
    {
        await using var api = new FakeRuntimeApi(RuntimeApiKind.AwsLambda);
        await using var host = InProcessHost.Start(api.Environment, router: new HostTestRouter());

        var id = api.Enqueue("""{"$url":"test/slow","ms":400}""");
        while (api.NextCalls == 0)
        {
            await Task.Delay(10);
        }

        await Task.Delay(50);
        var exit = await host.StopAsync();
        var result = await api.NextResultAsync();

        Assert.Equal(0, exit);
        Assert.Equal(Base + id + "/response", result.Path);
        Assert.Equal("slept 400 ms", InProcessHost.Json(result.Text).GetProperty("note").GetString());
        Assert.Equal(1, api.NextCalls);
    }
}
