using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using Router.Runtime.Tests.Hosting;

namespace Router.Runtime.Tests.Telemetry;

/// <summary>
/// Every host makes one span per invocation with the platform's tags and parent, stops it once the answer
/// is delivered, and flushes before the platform may freeze the instance: the Lambda, SCF and FC hosts
/// against their loopback fakes, <c>serve</c>, and <c>invoke</c>.
/// </summary>
[Collection(TelemetryCollection.Name)]
public sealed class HostTelemetryTests
{
    private const string XRayHeader = "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1";

    [Fact]
    public async Task Lambda_SpanHasTheAwsTags_ItsParentFromTheTraceHeader_AndOneColdStart()
    {
        using var recorder = new TelemetryRecorder();
        await using var api = new FakeRuntimeApi(RuntimeApiKind.AwsLambda);
        var environment = new Dictionary<string, string>(api.Environment)
        {
            ["AWS_REGION"] = "eu-west-1",
            ["AWS_LAMBDA_FUNCTION_NAME"] = "shop",
            ["AWS_LAMBDA_FUNCTION_VERSION"] = "7",
        };
        await using var host = InProcessHost.Start(environment, router: new HostTestRouter());

        var first = api.Enqueue("""{"$url":"test/echo","text":"a"}""", traceId: XRayHeader);
        await api.NextResultAsync();
        var second = api.Enqueue("""{"$url":"test/echo","text":"b"}""");
        await api.NextResultAsync();

        var span = await recorder.SpanAsync(first);
        Assert.Equal("test/echo", span.DisplayName);
        Assert.Equal(ActivityKind.Server, span.Kind);
        Assert.Equal("aws", span.GetTagItem("cloud.provider"));
        Assert.Equal("eu-west-1", span.GetTagItem("cloud.region"));
        Assert.Equal("shop", span.GetTagItem("faas.name"));
        Assert.Equal("7", span.GetTagItem("faas.version"));
        Assert.Equal("other", span.GetTagItem("faas.trigger"));
        Assert.Equal(true, span.GetTagItem("faas.coldstart"));
        Assert.Equal("5759e988bd862e3fe1be46a994272793", span.TraceId.ToHexString());
        Assert.Equal("53995c3f42cd8ad8", span.ParentSpanId.ToHexString());
        Assert.True(span.HasRemoteParent);

        var next = await recorder.SpanAsync(second);
        Assert.Equal(false, next.GetTagItem("faas.coldstart"));
        Assert.NotEqual(span.TraceId, next.TraceId);
        Assert.Equal(default, next.ParentSpanId);

        var invocations = recorder.Measurements(RouterTelemetry.InvocationsInstrument);
        Assert.Equal(2, invocations.Sum(m => m.Value));
        Assert.All(invocations, m => Assert.Equal("test/echo", m.Tag("router.route")));
        Assert.Equal(1, Assert.Single(recorder.Measurements(RouterTelemetry.ColdStartsInstrument)).Value);
        Assert.Equal(2, recorder.Measurements(RouterTelemetry.InvokeDurationInstrument).Count);
        Assert.Empty(recorder.Measurements(RouterTelemetry.ErrorsInstrument));
    }

    [Fact]
    public async Task Lambda_StopsTheSpanAndFlushes_AfterPostingTheResult_BeforeAskingForTheNextEvent()
    {
        using var recorder = new TelemetryRecorder();
        await using var api = new FakeRuntimeApi(RuntimeApiKind.AwsLambda);
        var seen = new List<(int NextCalls, int Posted, int SpansStopped)>();
        await using var host = InProcessHost.Start(api.Environment, options => options.Flush = _ =>
        {
            lock (seen)
            {
                seen.Add((api.NextCalls, api.Requests.Count(r => r.Method == "POST"), recorder.Spans.Count));
            }

            return default;
        }, new HostTestRouter());

        api.Enqueue("""{"$url":"test/echo"}""");
        await api.NextResultAsync();
        api.Enqueue("""{"$url":"test/throw"}""");
        await api.NextResultAsync();
        Assert.Equal(0, await host.StopAsync());

        // After each posted result, with its span stopped, and before the next "next"; once more at the stop.
        lock (seen)
        {
            Assert.Equal([(1, 1, 1), (2, 2, 2)], seen.Take(2));
            Assert.Equal(3, seen.Count);
            Assert.Equal((2, 2), (seen[2].Posted, seen[2].SpansStopped));
        }
    }

    [Fact]
    public async Task Lambda_HandlerError_IsAnErrorSpan_AndTheHostsLogLineJoinsIt()
    {
        using var recorder = new TelemetryRecorder();
        await using var api = new FakeRuntimeApi(RuntimeApiKind.AwsLambda);
        await using var host = InProcessHost.Start(api.Environment, router: new HostTestRouter());

        var id = api.Enqueue("""{"$url":"test/throw"}""", traceId: XRayHeader);
        await api.NextResultAsync();

        var span = await recorder.SpanAsync(id);
        Assert.Equal(ActivityStatusCode.Error, span.Status);
        Assert.Equal("HandlerError", span.GetTagItem("error.type"));
        Assert.Equal("exception", Assert.Single(span.Events).Name);
        Assert.Equal(0, await host.StopAsync());
        // The runtime's "router: HandlerError: ..." line, written as the error is posted, carries the span's ids.
        var line = host.Error.ToString().Split('\n').Single(l => l.Contains("router: HandlerError", StringComparison.Ordinal));
        Assert.EndsWith($"traceId={span.TraceId.ToHexString()} spanId={span.SpanId.ToHexString()}", line.TrimEnd(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Scf_SpanHasTheTencentTags_AndNoParent()
    {
        using var recorder = new TelemetryRecorder();
        await using var api = new FakeRuntimeApi(RuntimeApiKind.TencentScf);
        var environment = new Dictionary<string, string>(api.Environment)
        {
            ["TENCENTCLOUD_REGION"] = "ap-guangzhou",
            ["SCF_FUNCTIONNAME"] = "shop",
            ["SCF_FUNCTIONVERSION"] = "$LATEST",
        };
        await using var host = InProcessHost.Start(environment, router: new HostTestRouter());

        var id = api.Enqueue("""{"$url":"test/echo"}""");
        await api.NextResultAsync();

        var span = await recorder.SpanAsync(id);
        Assert.Equal("tencent_cloud", span.GetTagItem("cloud.provider"));
        Assert.Equal("ap-guangzhou", span.GetTagItem("cloud.region"));
        Assert.Equal("shop", span.GetTagItem("faas.name"));
        Assert.Equal("$LATEST", span.GetTagItem("faas.version"));
        Assert.Equal(true, span.GetTagItem("faas.coldstart"));
        Assert.Equal(default, span.ParentSpanId);
    }

    [Fact]
    public async Task Fc_EventSpan_HasTheAlibabaTags_AndItsParentFromFcsSpanContext_ThenAnHttpTriggersFromTraceparent()
    {
        using var recorder = new TelemetryRecorder();
        var port = LoopbackPorts.Free();
        var flushes = 0;
        await using var host = InProcessHost.Start(
            new Dictionary<string, string> { ["FC_FUNCTION_NAME"] = "shop", ["FC_CUSTOM_LISTEN_PORT"] = port.ToString(CultureInfo.InvariantCulture) },
            options => options.Flush = _ =>
            {
                Interlocked.Increment(ref flushes);
                return default;
            },
            new HostTestRouter());
        await host.WaitForPortAsync(port);
        using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/") };

        using var invoke = FcRequest.Create(Encoding.UTF8.GetBytes("""{"$url":"test/echo"}"""), "fc-event-1");
        invoke.Headers.Add("x-fc-region", "cn-shanghai");
        invoke.Headers.Add("x-fc-tracing-opentracing-span-context", "1f2e3d4c5b6a7988:a1b2c3d4e5f60718:0:1");
        using (var response = await client.SendAsync(invoke))
        {
            Assert.Equal(200, (int)response.StatusCode);
        }

        var span = await recorder.SpanAsync("fc-event-1");
        Assert.Equal("test/echo", span.DisplayName);
        Assert.Equal("alibaba_cloud", span.GetTagItem("cloud.provider"));
        Assert.Equal("cn-shanghai", span.GetTagItem("cloud.region"));
        Assert.Equal("shop", span.GetTagItem("faas.name"));
        Assert.Equal("LATEST", span.GetTagItem("faas.version"));
        Assert.Equal("other", span.GetTagItem("faas.trigger"));
        Assert.Equal(true, span.GetTagItem("faas.coldstart"));
        Assert.Equal("00000000000000001f2e3d4c5b6a7988", span.TraceId.ToHexString());
        Assert.Equal("a1b2c3d4e5f60718", span.ParentSpanId.ToHexString());

        using var trigger = FcRequest.Create(Encoding.UTF8.GetBytes("""{"text":"hi"}"""), "fc-http-1", "/test/echo");
        trigger.Content!.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        trigger.Headers.Add("traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01");
        trigger.Headers.Add("x-fc-tracing-opentracing-span-context", "1f2e3d4c5b6a7988:a1b2c3d4e5f60718:0:1");
        using (var response = await client.SendAsync(trigger))
        {
            Assert.Equal(200, (int)response.StatusCode);
        }

        var http = await recorder.SpanAsync("fc-http-1");
        Assert.Equal("http", http.GetTagItem("faas.trigger"));
        Assert.Equal("POST", http.GetTagItem("http.request.method"));
        Assert.Equal("test/echo", http.GetTagItem("http.route"));
        Assert.Equal(200, http.GetTagItem("http.response.status_code"));
        Assert.Equal(false, http.GetTagItem("faas.coldstart"));
        // The caller's traceparent wins over the platform's span context.
        Assert.Equal("0af7651916cd43dd8448eb211c80319c", http.TraceId.ToHexString());
        Assert.Equal("b7ad6b7169203331", http.ParentSpanId.ToHexString());

        using (var preFreeze = await client.GetAsync("/pre-freeze"))
        {
            Assert.Equal(200, (int)preFreeze.StatusCode);
        }

        // Once after each answer (which the client may have before that flush has run), and at pre-freeze.
        for (var attempt = 0; attempt < 400 && Volatile.Read(ref flushes) < 3; attempt++)
        {
            await Task.Delay(25);
        }

        Assert.Equal(3, Volatile.Read(ref flushes));
    }

    [Fact]
    public async Task Serve_EachRequestIsAnHttpSpan_ARefusedOneIncluded()
    {
        using var recorder = new TelemetryRecorder();
        var port = LoopbackPorts.Free();
        await using var host = InProcessHost.Serve(port, router: new HostTestRouter());
        await host.WaitForPortAsync(port);
        using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/") };

        using var traced = new HttpRequestMessage(HttpMethod.Post, "/test/echo") { Content = new StringContent("""{"text":"hi"}""", Encoding.UTF8, "application/json") };
        traced.Headers.Add("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");
        using var answered = await client.SendAsync(traced);
        using var missing = await client.PostAsync("/no/such/route", new StringContent("{}", Encoding.UTF8, "application/json"));

        var span = await recorder.SpanAsync(answered.Headers.GetValues("X-Request-Id").Single());
        Assert.Equal("test/echo", span.DisplayName);
        Assert.Equal("http", span.GetTagItem("faas.trigger"));
        Assert.Equal(200, span.GetTagItem("http.response.status_code"));
        Assert.Equal("4bf92f3577b34da6a3ce929d0e0e4736", span.TraceId.ToHexString());
        Assert.Equal("00f067aa0ba902b7", span.ParentSpanId.ToHexString());
        Assert.Null(span.GetTagItem("cloud.provider"));

        var refused = await recorder.SpanAsync(missing.Headers.GetValues("X-Request-Id").Single());
        Assert.Equal("POST", refused.DisplayName);
        Assert.Equal(404, refused.GetTagItem("http.response.status_code"));
        Assert.Equal("RouteNotFound", refused.GetTagItem("error.type"));
        Assert.Equal(ActivityStatusCode.Error, refused.Status);

        var error = Assert.Single(recorder.Measurements(RouterTelemetry.ErrorsInstrument));
        Assert.Equal("RouteNotFound", error.Tag("error.type"));
        Assert.Equal("http", error.Tag("faas.trigger"));
        Assert.Null(error.Tag("router.route"));
        Assert.Equal(["test/echo"], recorder.Measurements(RouterTelemetry.InvocationsInstrument).Select(m => (string?)m.Tag("router.route")).OfType<string>());
    }

    [Fact]
    public async Task Invoke_IsOneColdSpan_AndFlushesBeforeItExits()
    {
        using var recorder = new TelemetryRecorder();
        var flushedWithSpans = -1;
        await using var host = InProcessHost.Command(["invoke", """{"$url":"test/echo","text":"x"}"""], options => options.Flush = _ =>
        {
            flushedWithSpans = recorder.Spans.Count;
            return default;
        }, new HostTestRouter());

        Assert.Equal(0, await host.WaitAsync());
        var span = Assert.Single(recorder.Spans);
        Assert.Equal("test/echo", span.DisplayName);
        Assert.Equal(true, span.GetTagItem("faas.coldstart"));
        Assert.StartsWith("local-", (string)span.GetTagItem("faas.invocation_id")!, StringComparison.Ordinal);
        Assert.Equal(1, flushedWithSpans);
    }

    [Fact]
    public async Task FailingFlush_IsLogged_AndTheHostGoesOn()
    {
        await using var api = new FakeRuntimeApi(RuntimeApiKind.AwsLambda);
        await using var host = InProcessHost.Start(api.Environment, options => options.Flush = _ => throw new InvalidOperationException("collector unreachable"), new HostTestRouter());

        api.Enqueue("""{"$url":"test/echo"}""");
        await api.NextResultAsync();
        var second = api.Enqueue("""{"$url":"test/echo"}""");
        var result = await api.NextResultAsync();

        Assert.EndsWith(second + "/response", result.Path, StringComparison.Ordinal);
        Assert.Equal(0, await host.StopAsync());
        Assert.Contains("router: the flush before the instance may be frozen failed: collector unreachable", host.Error.ToString(), StringComparison.Ordinal);
    }
}
