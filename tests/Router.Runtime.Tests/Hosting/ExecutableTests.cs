using System.Net;
using System.Text.Json;

namespace Router.Runtime.Tests.Hosting;

/// <summary>
/// The sample function as a real executable on every host: the article's events answer, each bad event
/// gets its error through the platform's own channel and the next event is served, and SIGTERM exits 0.
/// Runs on the JIT always and on the NativeAOT bootstrap when CI published it.
/// </summary>
public sealed class ExecutableTests
{
    [Theory]
    [MemberData(nameof(FunctionProcess.Kinds), MemberType = typeof(FunctionProcess))]
    public async Task Lambda_AnswersEveryEvent_ThenStopsOnSigterm(string kind)
        => await RuntimeApiAsync(kind, RuntimeApiKind.AwsLambda, "/2018-06-01/runtime/invocation/{0}/response", "/2018-06-01/runtime/invocation/{0}/error");

    [Theory]
    [MemberData(nameof(FunctionProcess.Kinds), MemberType = typeof(FunctionProcess))]
    public async Task Scf_AnswersEveryEvent_ThenStopsOnSigterm(string kind)
        => await RuntimeApiAsync(kind, RuntimeApiKind.TencentScf, "/runtime/invocation/response", "/runtime/invocation/error");

    private static async Task RuntimeApiAsync(string kind, RuntimeApiKind platform, string responsePath, string errorPath)
    {
        await using var api = new FakeRuntimeApi(platform);
        await using var function = FunctionProcess.Start(kind, api.Environment);

        foreach (var file in Events.Good)
        {
            var id = api.Enqueue(Events.Read(file));
            var result = await api.NextResultAsync();
            Assert.Equal(string.Format(System.Globalization.CultureInfo.InvariantCulture, responsePath, id), result.Path);
            Assert.Equal(Events.CodeOf(file), InProcessHost.Json(result.Text).GetProperty("code").GetInt32());
        }

        foreach (var (file, errorType) in Events.Bad.Select(row => ((string)row[0], (string)row[1])))
        {
            var id = api.Enqueue(Events.ReadBad(file));
            var error = await api.NextResultAsync();
            Assert.Equal(string.Format(System.Globalization.CultureInfo.InvariantCulture, errorPath, id), error.Path);
            Assert.Equal(errorType, InProcessHost.Json(error.Text).GetProperty("errorType").GetString());
        }

        var lastId = api.Enqueue(Events.Read("user-login.json"));
        var last = await api.NextResultAsync();
        Assert.Equal(string.Format(System.Globalization.CultureInfo.InvariantCulture, responsePath, lastId), last.Path);

        while (api.NextCalls < Events.Good.Length + 11)
        {
            await Task.Delay(10);
        }

        Assert.Equal(0, await function.TerminateAsync());
        Assert.Contains("received SIGTERM", function.Error, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(FunctionProcess.Kinds), MemberType = typeof(FunctionProcess))]
    public async Task Lambda_JsonLogFormat_EveryLineIsJson_WithItsInvocationsRequestId(string kind)
    {
        await using var api = new FakeRuntimeApi(RuntimeApiKind.AwsLambda);
        var environment = new Dictionary<string, string>(api.Environment) { ["AWS_LAMBDA_LOG_FORMAT"] = "JSON" };
        await using var function = FunctionProcess.Start(kind, environment);

        var ids = new List<string>();
        foreach (var file in Events.Good)
        {
            ids.Add(api.Enqueue(Events.Read(file)));
            await api.NextResultAsync();
        }

        ids.Add(api.Enqueue(Events.ReadBad("register-wrong-type.json")));
        await api.NextResultAsync();
        while (api.NextCalls < ids.Count + 1)
        {
            await Task.Delay(10);
        }

        Assert.Equal(0, await function.TerminateAsync());
        var entries = function.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => JsonDocument.Parse(line).RootElement.Clone()).ToList();
        string? RequestIdOf(JsonElement entry) => entry.TryGetProperty("requestId", out var id) ? id.GetString() : null;

        // The shop's RequestLog writes one line per event, with its route and time as members.
        var requestLines = entries.Where(e => e.TryGetProperty("ElapsedMs", out _)).ToList();
        Assert.Equal(Events.Good.Length + 1, requestLines.Count);
        Assert.Equal(ids, requestLines.Select(RequestIdOf));
        Assert.All(entries.Where(e => RequestIdOf(e) is null), e => Assert.StartsWith("router: ", e.GetProperty("message").GetString(), StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(FunctionProcess.Kinds), MemberType = typeof(FunctionProcess))]
    public async Task Fc_AnswersEveryEvent_ThenStopsOnSigterm(string kind)
    {
        var port = LoopbackPorts.Free();
        await using var function = FunctionProcess.Start(kind, new Dictionary<string, string>
        {
            ["FC_FUNCTION_NAME"] = "shop",
            ["FC_CUSTOM_LISTEN_PORT"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        await InProcessHost.WaitForListenerAsync(port);
        using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/") };

        foreach (var file in Events.Good)
        {
            using var response = await client.PostAsync("/invoke", new ByteArrayContent(Events.Read(file)));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(Events.CodeOf(file), InProcessHost.Json(await response.Content.ReadAsStringAsync()).GetProperty("code").GetInt32());
        }

        foreach (var (file, errorType) in Events.Bad.Select(row => ((string)row[0], (string)row[1])))
        {
            using var response = await client.PostAsync("/invoke", new ByteArrayContent(Events.ReadBad(file)));
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.Equal("404", response.Headers.GetValues("x-fc-status").Single());
            Assert.Equal(errorType, InProcessHost.Json(await response.Content.ReadAsStringAsync()).GetProperty("errorType").GetString());
        }

        Assert.Equal(0, await function.TerminateAsync());
        Assert.Contains("FC Invoke Start RequestId: ", function.Output, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(FunctionProcess.Kinds), MemberType = typeof(FunctionProcess))]
    public async Task Serve_AnswersARouteFromThePath_ThenStopsOnSigterm(string kind)
    {
        var port = LoopbackPorts.Free();
        await using var function = FunctionProcess.Start(kind, new Dictionary<string, string>(), "serve", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await InProcessHost.WaitForListenerAsync(port);
        using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/") };

        using var response = await client.PostAsync("/user/register", new StringContent("""{"name":"pathuser","password":"correct horse battery"}"""));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("register success", InProcessHost.Json(await response.Content.ReadAsStringAsync()).GetProperty("message").GetString());
        Assert.Equal(0, await function.TerminateAsync());
    }

    [Theory]
    [MemberData(nameof(FunctionProcess.Kinds), MemberType = typeof(FunctionProcess))]
    public async Task Invoke_AnswersAnEvent_AndReportsABadOne(string kind)
    {
        await using var good = FunctionProcess.Start(kind, new Dictionary<string, string>(), "invoke", "@" + Events.PathOf("pay-makeOrder-utf8-bom.json"));
        await using var bad = FunctionProcess.Start(kind, new Dictionary<string, string>(), "invoke", "@" + Events.PathOf("bad/deep-nesting.json"));

        Assert.Equal(0, await good.WaitAsync());
        Assert.Equal(1, await bad.WaitAsync());
        Assert.Contains(Events.SessionRequired, good.Output, StringComparison.Ordinal);
        Assert.Contains("InvalidEvent: The event is nested deeper than the limit of 64 levels.", bad.Error, StringComparison.Ordinal);
    }
}
