using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Router.Runtime.Telemetry;

/// <summary>
/// The activity source and the instruments every invocation reports to (<see cref="RouterTelemetry"/> has their
/// names), created on the first invocation rather than at start-up, and whether anyone listens to them.
/// </summary>
internal static class InvocationInstruments
{
    public static readonly ActivitySource Source = new(RouterTelemetry.ActivitySourceName, RuntimeVersion.Value);

    private static readonly Meter s_meter = new(RouterTelemetry.MeterName, RuntimeVersion.Value);

    public static readonly Histogram<double> Duration = s_meter.CreateHistogram(
        RouterTelemetry.InvokeDurationInstrument,
        unit: "s",
        description: "How long invocations took, from the event's arrival to the answer written.",
        tags: null,
        // OpenTelemetry's HTTP server duration buckets, in seconds: a function answers in milliseconds.
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10] });

    public static readonly Counter<long> Invocations = s_meter.CreateCounter<long>(
        RouterTelemetry.InvocationsInstrument, unit: "{invocation}", description: "Invocations, failed ones included.");

    public static readonly Counter<long> Errors = s_meter.CreateCounter<long>(
        RouterTelemetry.ErrorsInstrument, unit: "{error}", description: "Invocations that failed, by error.type.");

    public static readonly Counter<long> ColdStarts = s_meter.CreateCounter<long>(
        RouterTelemetry.ColdStartsInstrument, unit: "{coldstart}", description: "Invocations that were their instance's first.");

    /// <summary>True when an activity listener samples the source or a meter listener has one of the instruments enabled.</summary>
    public static bool IsObserved
        => Source.HasListeners() || Duration.Enabled || Invocations.Enabled || Errors.Enabled || ColdStarts.Enabled;
}
