using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Router.Runtime.Logging;
using Router.Runtime.Tests.Hosting;
using Router.Runtime.Tests.Http;

namespace Router.Runtime.Tests.Telemetry;

/// <summary>The invocation's span, measurements and log lines as the invoker makes them, for direct and HTTP events.</summary>
[Collection(TelemetryCollection.Name)]
public sealed class InvokerTelemetryTests
{
    private static ReadOnlyMemory<byte> Utf8(string text) => Encoding.UTF8.GetBytes(text);

    [Fact]
    public async Task DirectEvent_IsOneServerSpan_NamedAfterItsRoute_WithTheFaasTags()
    {
        using var recorder = new TelemetryRecorder();
        var invoker = new FunctionInvoker(new HostTestRouter());

        using var result = await invoker.InvokeAsync(Utf8("""{"$url":"test/echo","text":"hi"}"""), new InvocationInfo(InvocationPlatforms.Local, "req-direct"));

        Assert.True(result.IsSuccess);
        var span = Assert.Single(recorder.Spans);
        Assert.Equal("test/echo", span.DisplayName);
        Assert.Equal(ActivityKind.Server, span.Kind);
        Assert.Equal(RouterTelemetry.ActivitySourceName, span.Source.Name);
        Assert.Equal("req-direct", span.GetTagItem("faas.invocation_id"));
        Assert.Equal("other", span.GetTagItem("faas.trigger"));
        Assert.Equal(true, span.GetTagItem("faas.coldstart"));
        Assert.Equal("test/echo", span.GetTagItem("router.route"));
        Assert.Null(span.GetTagItem("cloud.provider"));
        Assert.Null(span.GetTagItem("http.request.method"));
        Assert.Null(span.GetTagItem("error.type"));
        Assert.Equal(ActivityStatusCode.Unset, span.Status);
        Assert.Equal(default, span.ParentSpanId);
        Assert.True(span.IsStopped);
    }

    [Fact]
    public async Task ColdStart_IsTheInvokersFirstInvocationOnly_InTheSpanAndTheCounter()
    {
        using var recorder = new TelemetryRecorder();
        var invoker = new FunctionInvoker(new HostTestRouter());

        for (var i = 0; i < 3; i++)
        {
            using var result = await invoker.InvokeAsync(Utf8("""{"$url":"test/echo"}"""), new InvocationInfo(InvocationPlatforms.Local, $"req-{i}"));
        }

        Assert.Equal([true, false, false], recorder.Spans.Select(s => (bool)s.GetTagItem("faas.coldstart")!));
        var coldStarts = Assert.Single(recorder.Measurements(RouterTelemetry.ColdStartsInstrument));
        Assert.Equal(1, coldStarts.Value);
        Assert.Equal("test/echo", coldStarts.Tag("router.route"));
        Assert.Equal(3, recorder.Measurements(RouterTelemetry.InvocationsInstrument).Sum(m => m.Value));
    }

    [Fact]
    public async Task Metrics_ArePerRoute_WithErrorsByType_AndDurationsInSeconds()
    {
        using var recorder = new TelemetryRecorder(traces: false);
        var invoker = new FunctionInvoker(new HostTestRouter());

        (await invoker.InvokeAsync(Utf8("""{"$url":"test/echo"}"""))).Dispose();
        (await invoker.InvokeAsync(Utf8("""{"$url":"test/throw"}"""))).Dispose();
        (await invoker.InvokeAsync(Utf8("""{"$url":"test/slow","ms":60}"""))).Dispose();
        (await invoker.InvokeAsync(Utf8("""{"$url":"nowhere"}"""))).Dispose();

        var invocations = recorder.Measurements(RouterTelemetry.InvocationsInstrument);
        // A route that is not in the table is not a tag value: a client could make up any number of them.
        Assert.Equal([null, "test/echo", "test/slow", "test/throw"], invocations.Select(m => (string?)m.Tag("router.route")).Order(StringComparer.Ordinal));
        Assert.All(invocations, m => Assert.Equal("other", m.Tag("faas.trigger")));
        var errors = recorder.Measurements(RouterTelemetry.ErrorsInstrument);
        Assert.Equal(["RouteNotFound", "HandlerError"], errors.Select(m => (string)m.Tag("error.type")!).Order(StringComparer.Ordinal).Reverse());
        Assert.Equal("test/throw", errors.Single(m => (string)m.Tag("error.type")! == "HandlerError").Tag("router.route"));
        var durations = recorder.Measurements(RouterTelemetry.InvokeDurationInstrument);
        Assert.Equal(4, durations.Count);
        var slow = durations.Single(m => (string)m.Tag("router.route")! == "test/slow");
        // The unit, not the time: the handler slept about 60 ms (a timer may fire a little early), which in
        // seconds is far above 0.01 and in milliseconds far above 30.
        Assert.InRange(slow.Value, 0.01, 30);
    }

    [Fact]
    public async Task HandlerError_IsAnErrorSpan_WithItsErrorType_AndTheExceptionAsAnEvent()
    {
        using var recorder = new TelemetryRecorder();
        var invoker = new FunctionInvoker(new HostTestRouter(), null, new FunctionInvokerOptions { Log = TextWriter.Null });

        using var result = await invoker.InvokeAsync(Utf8("""{"$url":"test/throw"}"""));

        var span = Assert.Single(recorder.Spans);
        Assert.Equal(ActivityStatusCode.Error, span.Status);
        Assert.Equal("the handler failed on purpose", span.StatusDescription);
        Assert.Equal("HandlerError", span.GetTagItem("error.type"));
        var exception = Assert.Single(span.Events);
        Assert.Equal("exception", exception.Name);
        Assert.Contains(exception.Tags, t => t.Key == "exception.type" && (string?)t.Value == typeof(InvalidOperationException).FullName);
        Assert.Contains(exception.Tags, t => t.Key == "exception.message" && (string?)t.Value == "the handler failed on purpose");
    }

    [Theory]
    [InlineData("""{"$url":""", "InvalidEvent")]
    [InlineData("""{"amount":3}""", "MissingRoute")]
    [InlineData("""{"$url":"nowhere"}""", "RouteNotFound")]
    public async Task RefusedEvent_StillHasASpan_WithItsErrorType(string eventJson, string errorType)
    {
        using var recorder = new TelemetryRecorder();
        var invoker = new FunctionInvoker(new HostTestRouter());

        using var result = await invoker.InvokeAsync(Utf8(eventJson), new InvocationInfo(InvocationPlatforms.Local, "req-refused"));

        Assert.Equal(errorType, result.ErrorType);
        var span = Assert.Single(recorder.Spans);
        Assert.Equal(errorType, span.GetTagItem("error.type"));
        Assert.Equal(ActivityStatusCode.Error, span.Status);
        Assert.Equal("req-refused", span.GetTagItem("faas.invocation_id"));
        // Without a route of the table, the span is an "invocation": a made-up route is no span name.
        Assert.Equal("invocation", span.DisplayName);
        Assert.Null(span.GetTagItem("router.route"));
    }

    [Fact]
    public async Task HandlerActivitiesAndLogLines_JoinTheInvocationsSpan()
    {
        using var recorder = new TelemetryRecorder();
        var log = new StringWriter();
        var json = FunctionLogging.CreateLoggerFactory(name => name switch { "AWS_LAMBDA_LOG_FORMAT" => "JSON", "AWS_LAMBDA_RUNTIME_API" => "127.0.0.1:9001", _ => null }, log);
        var invoker = new FunctionInvoker(new HostTestRouter(), null, new FunctionInvokerOptions { LoggerFactory = json });

        using var result = await invoker.InvokeAsync(Utf8("""{"$url":"test/traced"}"""), new InvocationInfo(InvocationPlatforms.Local, "req-log"));

        var span = Assert.Single(recorder.Spans);
        var handlerWork = Assert.Single(recorder.Activities, a => a.DisplayName == "handler work");
        Assert.Equal(span.TraceId, handlerWork.TraceId);
        Assert.Equal(span.SpanId, handlerWork.ParentSpanId);
        // The handler saw the invocation's span as the current activity.
        Assert.Equal($"{span.TraceId.ToHexString()} {span.SpanId.ToHexString()}", JsonDocument.Parse(result.Body).RootElement.GetProperty("note").GetString());
        var line = JsonDocument.Parse(log.ToString().Trim()).RootElement;
        Assert.Equal("inside the traced handler", line.GetProperty("message").GetString());
        Assert.Equal("req-log", line.GetProperty("requestId").GetString());
        Assert.Equal(span.TraceId.ToHexString(), line.GetProperty("traceId").GetString());
        Assert.Equal(handlerWork.SpanId.ToHexString(), line.GetProperty("spanId").GetString());
    }

    [Fact]
    public async Task TextLogLines_EndWithTheTraceAndSpanIds()
    {
        using var recorder = new TelemetryRecorder();
        var log = new StringWriter();
        var invoker = new FunctionInvoker(new HostTestRouter(), null, new FunctionInvokerOptions { Log = log });

        using var result = await invoker.InvokeAsync(Utf8("""{"$url":"test/traced"}"""), new InvocationInfo(InvocationPlatforms.Local, "req-text"));

        var handlerWork = Assert.Single(recorder.Activities, a => a.DisplayName == "handler work");
        var line = log.ToString().TrimEnd();
        Assert.StartsWith("20", line, StringComparison.Ordinal);
        Assert.EndsWith($"\treq-text\tinfo\tinside the traced handler\ttraceId={handlerWork.TraceId.ToHexString()} spanId={handlerWork.SpanId.ToHexString()}", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NoListener_NoActivity_AndLogLinesAsBefore()
    {
        var log = new StringWriter();
        var invoker = new FunctionInvoker(new HostTestRouter(), null, new FunctionInvokerOptions { Log = log });

        using var result = await invoker.InvokeAsync(Utf8("""{"$url":"test/traced"}"""), new InvocationInfo(InvocationPlatforms.Local, "req-quiet"));

        Assert.Equal("none", JsonDocument.Parse(result.Body).RootElement.GetProperty("note").GetString());
        Assert.EndsWith("\treq-quiet\tinfo\tinside the traced handler", log.ToString().TrimEnd(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(Shape.HttpApi)]
    [InlineData(Shape.RestApi)]
    [InlineData(Shape.FcHttpTrigger)]
    [InlineData(Shape.ScfApiGateway)]
    public async Task HttpEvent_TraceparentIsTheParent_AndTheSpanHasTheHttpTags(Shape shape)
    {
        using var recorder = new TelemetryRecorder();
        var invoker = new FunctionInvoker(new HostTestRouter());
        var call = new HttpCall("POST", "/test/echo", null,
            [("Content-Type", "application/json"), ("traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"), ("tracestate", "congo=t61rcWkgMzE")],
            """{"text":"hi"}""");

        using var result = await invoker.InvokeAsync(HttpEventBuilder.Build(shape, call), new InvocationInfo(InvocationPlatforms.Local, "req-http"));

        Assert.Equal(200, result.HttpStatusCode);
        var span = Assert.Single(recorder.Spans);
        Assert.Equal("test/echo", span.DisplayName);
        Assert.Equal("http", span.GetTagItem("faas.trigger"));
        Assert.Equal("POST", span.GetTagItem("http.request.method"));
        Assert.Equal("test/echo", span.GetTagItem("http.route"));
        Assert.Equal(200, span.GetTagItem("http.response.status_code"));
        Assert.Equal("0af7651916cd43dd8448eb211c80319c", span.TraceId.ToHexString());
        Assert.Equal("b7ad6b7169203331", span.ParentSpanId.ToHexString());
        Assert.True(span.HasRemoteParent);
        Assert.Equal("congo=t61rcWkgMzE", span.TraceStateString);
    }

    [Fact]
    public async Task HttpEvent_RefusedAt404_IsAnErrorSpanNamedAfterTheMethod_WithTheStatus()
    {
        using var recorder = new TelemetryRecorder();
        var invoker = new FunctionInvoker(new HostTestRouter());

        using var result = await invoker.InvokeAsync(HttpEventBuilder.Build(Shape.HttpApi, new HttpCall("GET", "/nowhere/at/all")));
        using var nameless = await invoker.InvokeAsync(HttpEventBuilder.Build(Shape.HttpApi, new HttpCall("GET", "/")));

        Assert.Equal(404, result.HttpStatusCode);
        Assert.Equal(2, recorder.Spans.Count);
        Assert.All(recorder.Spans, span =>
        {
            Assert.Equal("GET", span.DisplayName);
            Assert.Equal("http", span.GetTagItem("faas.trigger"));
            Assert.Equal("GET", span.GetTagItem("http.request.method"));
            Assert.Equal(404, span.GetTagItem("http.response.status_code"));
            Assert.Equal("RouteNotFound", span.GetTagItem("error.type"));
            Assert.Null(span.GetTagItem("http.route"));
        });
    }
}
