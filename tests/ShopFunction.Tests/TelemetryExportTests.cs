using System.Globalization;
using System.Net;
using System.Text;
using Router.Testing;
using ShopFunction.Tests.Fakes;

namespace ShopFunction.Tests;

/// <summary>
/// The shop as published, run as an AWS Lambda function with <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> set: it exports
/// the invocation's span and the router's metrics to an OTLP receiver on loopback, and has done so before it
/// asks the runtime API for the next event (a frozen instance exports nothing). Without the variable it exports nothing.
/// </summary>
public sealed class TelemetryExportTests
{
    private const string XRayHeader = "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1";

    [Theory]
    [MemberData(nameof(FunctionProcess.Kinds), MemberType = typeof(FunctionProcess))]
    public async Task Lambda_ExportsTheInvocationsSpanAndMetrics_BeforeItAsksForTheNextEvent(string kind)
    {
        await using var receiver = new OtlpReceiver();
        await using var api = new OneEventRuntimeApi("""{ "$url": "user/register", "name": "otel", "password": "correct horse battery" }""", XRayHeader, () => receiver.Spans.Count);
        var environment = new Dictionary<string, string>
        {
            ["AWS_LAMBDA_RUNTIME_API"] = $"127.0.0.1:{api.Port}",
            ["AWS_REGION"] = "ap-east-1",
            ["AWS_LAMBDA_FUNCTION_NAME"] = "shop",
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = receiver.BaseAddress,
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
        };
        await using var process = FunctionProcess.Start(kind, environment);

        var spansWhenAskedAgain = await api.SecondNextAsync.WaitAsync(TimeSpan.FromSeconds(60));
        Assert.Equal(0, await process.TerminateAsync());

        Assert.Contains("register success", api.Response, StringComparison.Ordinal);
        Assert.Equal(1, spansWhenAskedAgain);
        var span = Assert.Single(receiver.Spans);
        Assert.Equal("user/register", span.Name);
        Assert.Equal(2, span.Kind);   // SPAN_KIND_SERVER
        Assert.Equal("5759e988bd862e3fe1be46a994272793", span.TraceId);
        Assert.Equal("53995c3f42cd8ad8", span.ParentSpanId);
        Assert.Equal(api.RequestId, span.Attributes["faas.invocation_id"]);
        Assert.Equal("true", span.Attributes["faas.coldstart"]);
        Assert.Equal("other", span.Attributes["faas.trigger"]);
        Assert.Equal("aws", span.Attributes["cloud.provider"]);
        Assert.Equal("ap-east-1", span.Attributes["cloud.region"]);
        Assert.Equal("shop", span.Attributes["faas.name"]);
        Assert.Equal("user/register", span.Attributes["router.route"]);
        Assert.Equal("ShopFunction", span.ServiceName);
        Assert.Contains("faas.invoke_duration", receiver.MetricNames);
        Assert.Contains("faas.invocations", receiver.MetricNames);
        Assert.Contains("faas.coldstarts", receiver.MetricNames);
    }

    [Fact]
    public async Task WithoutTheEndpoint_NothingIsExported()
    {
        await using var receiver = new OtlpReceiver();
        await using var api = new OneEventRuntimeApi("""{ "$url": "user/register", "name": "quiet", "password": "correct horse battery" }""", XRayHeader, () => receiver.Spans.Count);
        // The exporter's own variables alone do not turn the export on.
        var environment = new Dictionary<string, string>
        {
            ["AWS_LAMBDA_RUNTIME_API"] = $"127.0.0.1:{api.Port}",
            ["OTEL_EXPORTER_OTLP_TRACES_ENDPOINT"] = receiver.BaseAddress + "/v1/traces",
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
        };
        await using var process = FunctionProcess.Start("jit", environment);

        await api.SecondNextAsync.WaitAsync(TimeSpan.FromSeconds(60));
        Assert.Equal(0, await process.TerminateAsync());

        Assert.Contains("register success", api.Response, StringComparison.Ordinal);
        Assert.Empty(receiver.Spans);
        Assert.Empty(receiver.MetricNames);
    }

    /// <summary>
    /// Lambda's runtime API (docs/platforms.md) handing out one event: it notes what <paramref name="observe"/>
    /// says when the function asks for the next one, then holds that request until disposed.
    /// </summary>
    private sealed class OneEventRuntimeApi(string eventJson, string traceHeader, Func<int> observe) : LoopbackHttpServer
    {
        private readonly TaskCompletionSource<int> _secondNext = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _nextCalls;

        public string RequestId { get; } = Guid.NewGuid().ToString();

        public string Response { get; private set; } = "";

        /// <summary>What the observer said when the second <c>next</c> arrived.</summary>
        public Task<int> SecondNextAsync => _secondNext.Task;

        protected override async Task HandleAsync(HttpListenerContext context)
        {
            var path = context.Request.Url!.AbsolutePath;
            if (path == "/2018-06-01/runtime/invocation/next")
            {
                if (Interlocked.Increment(ref _nextCalls) > 1)
                {
                    _secondNext.TrySetResult(observe());
                    await Task.Delay(Timeout.Infinite, Stopping).ContinueWith(_ => { }, TaskScheduler.Default);
                    context.Response.Abort();
                    return;
                }

                var body = Encoding.UTF8.GetBytes(eventJson);
                context.Response.Headers["Lambda-Runtime-Aws-Request-Id"] = RequestId;
                context.Response.Headers["Lambda-Runtime-Deadline-Ms"] = DateTimeOffset.UtcNow.AddMinutes(1).ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
                context.Response.Headers["Lambda-Runtime-Trace-Id"] = traceHeader;
                context.Response.ContentLength64 = body.Length;
                await context.Response.OutputStream.WriteAsync(body);
                context.Response.Close();
                return;
            }

            using var reader = new StreamReader(context.Request.InputStream);
            if (path == $"/2018-06-01/runtime/invocation/{RequestId}/response")
            {
                Response = await reader.ReadToEndAsync();
            }

            context.Response.StatusCode = 202;
            context.Response.ContentLength64 = 0;
            context.Response.Close();
        }
    }
}
