using System.Runtime.InteropServices;
using Microsoft.Extensions.Logging;
using Router.Runtime.Logging;

namespace Router.Runtime.Hosting;

/// <summary>
/// Turns SIGTERM (the platforms' stop signal) and SIGINT (Ctrl+C) into a cancellation the hosts
/// check between invocations, so the invocation in flight finishes and its result is delivered before
/// the process exits 0. A second signal while stopping gets the default behaviour (termination).
/// </summary>
internal sealed class ShutdownSignal : IDisposable
{
    private readonly CancellationTokenSource _stopping;
    private readonly ILogger _log;
    private readonly PosixSignalRegistration _term;
    private readonly PosixSignalRegistration _interrupt;

    public ShutdownSignal(CancellationToken external, ILogger log)
    {
        _stopping = CancellationTokenSource.CreateLinkedTokenSource(external);
        _log = log;
        _term = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);
        _interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
    }

    /// <summary>Cancelled once the host should stop taking new events.</summary>
    public CancellationToken Token => _stopping.Token;

    private void OnSignal(PosixSignalContext context)
    {
        if (_stopping.IsCancellationRequested)
        {
            return;
        }

        context.Cancel = true;
        RuntimeLog.SignalReceived(_log, context.Signal.ToString());
        _stopping.Cancel();
    }

    public void Dispose()
    {
        _term.Dispose();
        _interrupt.Dispose();
        _stopping.Dispose();
    }
}
