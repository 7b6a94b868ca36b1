using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Router.Runtime;

namespace ShopFunction;

/// <summary>
/// Exports the router's traces and metrics (<see cref="RouterTelemetry"/>) with the OpenTelemetry SDK over OTLP,
/// when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set; the exporter reads its other standard variables itself
/// (<c>OTEL_EXPORTER_OTLP_PROTOCOL</c>: <c>grpc</c> by default, or <c>http/protobuf</c>;
/// <c>OTEL_EXPORTER_OTLP_HEADERS</c>; <c>OTEL_SERVICE_NAME</c>, else <c>ShopFunction</c>). Unset, no SDK type is
/// touched and nobody listens, so invocations measure nothing. The host calls <see cref="FlushAsync"/> before
/// the platform may freeze the instance (<see cref="FunctionHostOptions.Flush"/>): a frozen instance exports nothing.
/// </summary>
/// <remarks>
/// The SDK and its exporter are 2.7 MB of the NativeAOT binary, which NativeAOT rehydrates at every start
/// whether or not they run (docs/performance.md, "Traces and metrics: the cost"). Publishing with
/// <c>-p:ShopOpenTelemetry=false</c> turns the feature switch <see cref="Switch"/> off and the trimmer leaves
/// them out, as the runtime's host switches do (docs/hosting.md, "One platform's host only").
/// </remarks>
internal sealed class ShopTelemetry : IDisposable
{
    /// <summary>The variable that turns the export on.</summary>
    public const string EndpointVariable = "OTEL_EXPORTER_OTLP_ENDPOINT";

    /// <summary>The feature switch that keeps the SDK in the binary (on unless the project turns it off).</summary>
    public const string Switch = "ShopFunction.OpenTelemetry.IsSupported";

    private readonly TracerProvider _traces;
    private readonly MeterProvider _metrics;

    private ShopTelemetry(TracerProvider traces, MeterProvider metrics)
    {
        _traces = traces;
        _metrics = metrics;
    }

    /// <summary>The export, or <see langword="null"/> when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is not set.</summary>
    public static ShopTelemetry? Start(Func<string, string?> environment)
        => !IsSupported || string.IsNullOrEmpty(environment(EndpointVariable)) ? null : Create(environment("OTEL_SERVICE_NAME") is { Length: > 0 });

    [FeatureSwitchDefinition(Switch)]
    private static bool IsSupported => !AppContext.TryGetSwitch(Switch, out var on) || on;

    // Apart, so that nothing of the SDK is compiled (or, under the JIT, loaded) on the path without it.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static ShopTelemetry Create(bool serviceNamed)
    {
        void Describe(ResourceBuilder resource)
        {
            if (!serviceNamed)
            {
                resource.AddService("ShopFunction");
            }
        }

        var traces = Sdk.CreateTracerProviderBuilder()
            .ConfigureResource(Describe)
            .AddSource(RouterTelemetry.ActivitySourceName)
            .AddOtlpExporter()
            .Build();
        var metrics = Sdk.CreateMeterProviderBuilder()
            .ConfigureResource(Describe)
            .AddMeter(RouterTelemetry.MeterName)
            .AddOtlpExporter()
            .Build();
        return new ShopTelemetry(traces, metrics);
    }

    /// <summary>Exports every span and measurement so far, waiting until the token is cancelled at most.</summary>
    public ValueTask FlushAsync(CancellationToken cancellationToken)
    {
        // ForceFlush blocks for at most the timeout it is given, and the host's token cannot cut it short: the two
        // providers share the host's 2 seconds, so that an exporter that does not answer holds the instance no longer.
        const int budgetMs = 2000;
        var started = Stopwatch.GetTimestamp();
        if (!cancellationToken.IsCancellationRequested)
        {
            _traces.ForceFlush(budgetMs);
            var leftMs = budgetMs - (int)Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            if (leftMs > 0)
            {
                _metrics.ForceFlush(leftMs);
            }
        }

        return default;
    }

    /// <summary>Exports what is left and shuts the providers down.</summary>
    public void Dispose()
    {
        _traces.Dispose();
        _metrics.Dispose();
    }
}
