using System.Diagnostics;
using System.Diagnostics.Metrics;
using Router.Runtime;

namespace Router.Benchmarks.Paired;

/// <summary>
/// What an OpenTelemetry SDK subscribes before its own processing: an activity listener that records every
/// activity of the <c>Router</c> source, and a meter listener that takes every measurement of the <c>Router</c>
/// meter. Both do nothing with what they get, so what is measured is the cost at the source.
/// </summary>
internal sealed class TelemetryListeners : IDisposable
{
    private readonly ActivityListener _activities = new()
    {
        ShouldListenTo = static source => source.Name == RouterTelemetry.ActivitySourceName,
        Sample = static (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
    };

    private readonly MeterListener _meters = new();

    public TelemetryListeners()
    {
        ActivitySource.AddActivityListener(_activities);
        _meters.InstrumentPublished = static (instrument, listener) =>
        {
            if (instrument.Meter.Name == RouterTelemetry.MeterName)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _meters.SetMeasurementEventCallback<long>(static (_, _, _, _) => { });
        _meters.SetMeasurementEventCallback<double>(static (_, _, _, _) => { });
        _meters.Start();
    }

    public void Dispose()
    {
        _activities.Dispose();
        _meters.Dispose();
    }
}
