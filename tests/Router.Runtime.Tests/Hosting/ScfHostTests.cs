namespace Router.Runtime.Tests.Hosting;

/// <summary>What only the Tencent SCF custom runtime does (init/ready first, no ready after a failed initialization); what Lambda and SCF do alike is RuntimeApiHostTests.</summary>
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
}
