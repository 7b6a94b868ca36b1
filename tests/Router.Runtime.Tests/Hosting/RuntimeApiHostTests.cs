namespace Router.Runtime.Tests.Hosting;

/// <summary>
/// What the AWS Lambda and Tencent SCF custom runtimes do alike, run once per platform against a
/// loopback runtime API that follows docs/platforms.md: each event's result reaches the right endpoint,
/// a bad event the error channel with the next event still served, the deadline and the request id
/// reach the handler, and the shutdown signal ends the wait for an event. LambdaHostTests and
/// ScfHostTests have what only one platform does.
/// </summary>
public sealed class RuntimeApiHostTests
{
    public static TheoryData<RuntimeApiKind> Platforms => [RuntimeApiKind.AwsLambda, RuntimeApiKind.TencentScf];

    public static TheoryData<RuntimeApiKind, string, string> PlatformsAndBadEvents
    {
        get
        {
            var data = new TheoryData<RuntimeApiKind, string, string>();
            foreach (var kind in new[] { RuntimeApiKind.AwsLambda, RuntimeApiKind.TencentScf })
            {
                foreach (var row in Events.Bad)
                {
                    data.Add(kind, (string)row[0], (string)row[1]);
                }
            }

            return data;
        }
    }

    /// <summary>Where a result is posted (docs/platforms.md): Lambda's paths name the request id, SCF's do not.</summary>
    private static string ResultPath(RuntimeApiKind kind, string requestId, string endpoint)
        => kind == RuntimeApiKind.AwsLambda ? $"/2018-06-01/runtime/invocation/{requestId}/{endpoint}" : $"/runtime/invocation/{endpoint}";

    [Theory]
    [MemberData(nameof(Platforms))]
    public async Task ArticleEvents_ArePostedToTheResponseEndpoint(RuntimeApiKind kind)
    {
        await using var api = new FakeRuntimeApi(kind);
        await using var host = InProcessHost.Start(api.Environment);

        foreach (var file in Events.Good)
        {
            var id = api.Enqueue(Events.Read(file));
            var result = await api.NextResultAsync();

            Assert.Equal(("POST", ResultPath(kind, id, "response")), (result.Method, result.Path));
            Assert.Equal("application/json", result.Header("Content-Type"));
            Assert.Equal(Events.CodeOf(file), InProcessHost.Json(result.Text).GetProperty("code").GetInt32());
        }

        Assert.Equal(0, await host.StopAsync());
    }

    [Theory]
    [MemberData(nameof(PlatformsAndBadEvents))]
    public async Task BadEvent_IsPostedToTheErrorEndpoint_AndTheNextEventIsServed(RuntimeApiKind kind, string file, string errorType)
    {
        await using var api = new FakeRuntimeApi(kind);
        await using var host = InProcessHost.Start(api.Environment);

        var badId = api.Enqueue(Events.ReadBad(file));
        var error = await api.NextResultAsync();
        var goodId = api.Enqueue(Events.Read("pay-makeOrder.json"));
        var next = await api.NextResultAsync();

        Assert.Equal(ResultPath(kind, badId, "error"), error.Path);
        var body = InProcessHost.Json(error.Text);
        Assert.Equal(errorType, body.GetProperty("errorType").GetString());
        Assert.False(string.IsNullOrWhiteSpace(body.GetProperty("errorMessage").GetString()));
        Assert.Equal(0, body.GetProperty("stackTrace").GetArrayLength());
        // Lambda's error channel takes its own content type and the error type as a header; SCF's neither.
        Assert.Equal(kind == RuntimeApiKind.AwsLambda ? "application/vnd.aws.lambda.error+json" : "application/json", error.Header("Content-Type"));
        Assert.Equal(kind == RuntimeApiKind.AwsLambda ? "Function." + errorType : null, error.Header("Lambda-Runtime-Function-Error-Type"));
        Assert.Equal(ResultPath(kind, goodId, "response"), next.Path);
    }

    [Theory]
    [MemberData(nameof(Platforms))]
    public async Task TheDeadline_CancelsTheInvocationsToken(RuntimeApiKind kind)
    {
        // Lambda sends the deadline (Lambda-Runtime-Deadline-Ms), SCF the time left (time_limit_in_ms).
        await using var api = new FakeRuntimeApi(kind);
        await using var host = InProcessHost.Start(api.Environment, router: new HostTestRouter());

        var id = api.Enqueue("""{"$url":"test/deadline"}""", timeout: TimeSpan.FromMilliseconds(200));
        var result = await api.NextResultAsync();

        Assert.Equal(ResultPath(kind, id, "response"), result.Path);
        Assert.Equal("cancelled at the deadline", InProcessHost.Json(result.Text).GetProperty("note").GetString());
    }

    [Theory]
    [MemberData(nameof(Platforms))]
    public async Task TheRequestId_ReachesTheHandler(RuntimeApiKind kind)
    {
        await using var api = new FakeRuntimeApi(kind);
        await using var host = InProcessHost.Start(api.Environment, router: new HostTestRouter());

        var id = api.Enqueue("""{"$url":"test/requestId"}""");
        var result = await api.NextResultAsync();

        Assert.Equal(id, InProcessHost.Json(result.Text).GetProperty("note").GetString());
    }

    [Theory]
    [MemberData(nameof(Platforms))]
    public async Task Shutdown_WhileWaitingForAnEvent_ExitsZero(RuntimeApiKind kind)
    {
        await using var api = new FakeRuntimeApi(kind);
        await using var host = InProcessHost.Start(api.Environment);
        while (api.NextCalls == 0)
        {
            await Task.Delay(10);
        }

        Assert.Equal(0, await host.StopAsync());
        Assert.Contains("router: stopped", host.Error.ToString(), StringComparison.Ordinal);
    }
}
