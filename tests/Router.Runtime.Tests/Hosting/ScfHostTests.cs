namespace Router.Runtime.Tests.Hosting;

/// <summary>The Tencent SCF custom runtime against a loopback runtime API that follows docs/platforms.md.</summary>
public sealed class ScfHostTests
{
    [Fact]
    public async Task ReportsReadyFirst_ThenPostsEachResultToTheResponseEndpoint()
    {
        await using var api = new FakeRuntimeApi(RuntimeApiKind.TencentScf);
        await using var host = InProcessHost.Start(api.Environment);

        foreach (var file in Events.Good)
        {
            api.Enqueue(Events.Read(file));
            var result = await api.NextResultAsync();

            Assert.Equal("/runtime/invocation/response", result.Path);
            Assert.Equal(Events.CodeOf(file), InProcessHost.Json(result.Text).GetProperty("code").GetInt32());
        }

        var first = api.Requests[0];
        Assert.Equal(("POST", "/runtime/init/ready"), (first.Method, first.Path));
        Assert.Equal(0, await host.StopAsync());
    }

    [Theory]
    [MemberData(nameof(Events.Bad), MemberType = typeof(Events))]
    public async Task BadEvent_IsPostedToTheErrorEndpoint_AndTheNextEventIsServed(string file, string errorType)
    {
        await using var api = new FakeRuntimeApi(RuntimeApiKind.TencentScf);
        await using var host = InProcessHost.Start(api.Environment);

        api.Enqueue(Events.ReadBad(file));
        var error = await api.NextResultAsync();
        api.Enqueue(Events.Read("pay-makeOrder.json"));
        var next = await api.NextResultAsync();

        Assert.Equal("/runtime/invocation/error", error.Path);
        Assert.Equal(errorType, InProcessHost.Json(error.Text).GetProperty("errorType").GetString());
        Assert.Null(error.Header("Lambda-Runtime-Function-Error-Type"));
        Assert.Equal("/runtime/invocation/response", next.Path);
    }

    [Fact]
    public async Task TimeLimitHeader_IsTheInvocationsDeadline()
    {
        await using var api = new FakeRuntimeApi(RuntimeApiKind.TencentScf);
        await using var host = InProcessHost.Start(api.Environment, router: new HostTestRouter());

        api.Enqueue("""{"$url":"test/deadline"}""", timeout: TimeSpan.FromMilliseconds(200));
        var result = await api.NextResultAsync();

        Assert.Equal("cancelled at the deadline", InProcessHost.Json(result.Text).GetProperty("note").GetString());
    }

    [Fact]
    public async Task RequestIdHeader_ReachesTheHandler()
    {
        await using var api = new FakeRuntimeApi(RuntimeApiKind.TencentScf);
        await using var host = InProcessHost.Start(api.Environment, router: new HostTestRouter());

        var id = api.Enqueue("""{"$url":"test/requestId"}""");
        var result = await api.NextResultAsync();

        Assert.Equal(id, InProcessHost.Json(result.Text).GetProperty("note").GetString());
    }

    [Fact]
    public async Task InitializationFailure_NeverReportsReady_AndExits()
    {
        await using var api = new FakeRuntimeApi(RuntimeApiKind.TencentScf);
        await using var host = InProcessHost.Start(api.Environment, options =>
            options.Initialize = _ => throw new InvalidOperationException("the database is unreachable"));

        Assert.Equal(FunctionHost.ExitInitializationFailed, await host.WaitAsync());
        Assert.Empty(api.Requests);
        Assert.Contains("\tcrit\trouter: initialization failed\nSystem.InvalidOperationException: the database is unreachable", host.Error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Shutdown_WhileWaitingForAnEvent_ExitsZero()
    {
        await using var api = new FakeRuntimeApi(RuntimeApiKind.TencentScf);
        await using var host = InProcessHost.Start(api.Environment);
        while (api.NextCalls == 0)
        {
            await Task.Delay(10);
        }

        Assert.Equal(0, await host.StopAsync());
    }
}
