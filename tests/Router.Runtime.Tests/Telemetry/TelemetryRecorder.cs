using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Router.Runtime.Tests.Telemetry;

/// <summary>Runs the telemetry tests alone: activity and meter listeners hear every invocation in the process.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TelemetryCollection
{
    public const string Name = "Telemetry";
}

/// <summary>One measurement of a <c>Router</c> instrument.</summary>
public sealed record RecordedMeasurement(string Instrument, double Value, IReadOnlyDictionary<string, object?> Tags)
{
    public object? Tag(string name) => Tags.TryGetValue(name, out var value) ? value : null;
}

/// <summary>
/// Listens as an OpenTelemetry SDK would, in process: every activity of the <c>Router</c> source (and the test
/// handler's) is sampled and recorded when it stops, and every measurement of the <c>Router</c> meter is kept.
/// </summary>
public sealed class TelemetryRecorder : IDisposable
{
    private readonly ActivityListener _activities;
    private readonly MeterListener _meters = new();
    private readonly ConcurrentQueue<Activity> _stopped = new();
    private readonly ConcurrentQueue<RecordedMeasurement> _measurements = new();

    public TelemetryRecorder(bool traces = true, bool metrics = true)
    {
        _activities = new ActivityListener
        {
            ShouldListenTo = source => traces && source.Name is RouterTelemetry.ActivitySourceName or "Router.Tests.Handler",
            Sample = static (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = _stopped.Enqueue,
        };
        ActivitySource.AddActivityListener(_activities);

        if (metrics)
        {
            _meters.InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == RouterTelemetry.MeterName)
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            };
            _meters.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Keep(instrument, value, tags));
            _meters.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Keep(instrument, value, tags));
            _meters.Start();
        }
    }

    /// <summary>The invocation spans stopped so far, in order.</summary>
    public IReadOnlyList<Activity> Spans => [.. _stopped.Where(a => a.Source.Name == RouterTelemetry.ActivitySourceName)];

    /// <summary>Every activity stopped so far, the handler's included.</summary>
    public IReadOnlyList<Activity> Activities => [.. _stopped];

    public IReadOnlyList<RecordedMeasurement> Measurements(string instrument) => [.. _measurements.Where(m => m.Instrument == instrument)];

    /// <summary>
    /// The span of the invocation with <paramref name="requestId"/>, waiting up to 10 s for it to stop: a host
    /// stops it after the answer is written, so the client may have it first.
    /// </summary>
    public async Task<Activity> SpanAsync(string requestId)
    {
        for (var attempt = 0; attempt < 400; attempt++)
        {
            if (Spans.FirstOrDefault(a => (a.GetTagItem("faas.invocation_id") as string) == requestId) is { } span)
            {
                return span;
            }

            await Task.Delay(25);
        }

        throw new TimeoutException($"No span of invocation {requestId} stopped; stopped: {string.Join(", ", Spans.Select(s => s.GetTagItem("faas.invocation_id")))}");
    }

    private void Keep<T>(Instrument instrument, T value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
        where T : struct
    {
        var copy = new Dictionary<string, object?>();
        foreach (var (name, tag) in tags)
        {
            copy[name] = tag;
        }

        _measurements.Enqueue(new RecordedMeasurement(instrument.Name, Convert.ToDouble(value, System.Globalization.CultureInfo.InvariantCulture), copy));
    }

    public void Dispose()
    {
        _activities.Dispose();
        _meters.Dispose();
    }
}
