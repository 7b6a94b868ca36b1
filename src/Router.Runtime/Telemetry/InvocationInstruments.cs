using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Runtime.CompilerServices;

namespace Router.Runtime.Telemetry;

/// <summary>
/// The activity source and the instruments every invocation reports to (<see cref="RouterTelemetry"/> has their
/// names), one set per process made on the first invocation rather than at start-up, and whether anyone
/// listens to them. An invoker keeps a reference to <see cref="Shared"/>, so that asking costs field reads
/// rather than static accesses, each of which NativeAOT guards with a class-constructor check.
/// </summary>
internal sealed class InvocationInstruments
{
    private InvocationInstruments()
    {
        Source = new ActivitySource(RouterTelemetry.ActivitySourceName, RuntimeVersion.Value);
        var meter = new Meter(RouterTelemetry.MeterName, RuntimeVersion.Value);
        Duration = meter.CreateHistogram(
            RouterTelemetry.InvokeDurationInstrument,
            unit: "s",
            description: "How long invocations took, from the event's arrival to the answer written.",
            tags: null,
            // OpenTelemetry's HTTP server duration buckets, in seconds: a function answers in milliseconds.
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10] });
        Invocations = meter.CreateCounter<long>(RouterTelemetry.InvocationsInstrument, unit: "{invocation}", description: "Invocations, failed ones included.");
        Errors = meter.CreateCounter<long>(RouterTelemetry.ErrorsInstrument, unit: "{error}", description: "Invocations that failed, by error.type.");
        ColdStarts = meter.CreateCounter<long>(RouterTelemetry.ColdStartsInstrument, unit: "{coldstart}", description: "Invocations that were their instance's first.");
    }

    /// <summary>The process's one set: an activity source or a meter of the same name made twice would be heard twice.</summary>
    public static InvocationInstruments Shared { get; } = new();

    public ActivitySource Source { get; }

    public Histogram<double> Duration { get; }

    public Counter<long> Invocations { get; }

    public Counter<long> Errors { get; }

    public Counter<long> ColdStarts { get; }

    /// <summary>True when an activity listener samples the source or a meter listener has one of the instruments enabled.</summary>
    public bool IsObserved
    {
        // Inlined into the invoker's one call: with nobody listening it is five field reads.
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => Source.HasListeners() || Duration.Enabled || Invocations.Enabled || Errors.Enabled || ColdStarts.Enabled;
    }
}
