namespace Router.Runtime.Hosting;

/// <summary>
/// Runs <see cref="FunctionHostOptions.Initialize"/> exactly once, whichever comes first: the host's
/// start (Lambda, SCF, local), FC's <c>POST /initialize</c>, or FC's first <c>POST /invoke</c>.
/// A failure is kept, so every later call reports the same error.
/// </summary>
internal sealed class Initializer(Func<CancellationToken, ValueTask>? initialize)
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private bool _done;
    private Exception? _failure;

    /// <summary>Returns <see langword="null"/> when initialization succeeded (now or earlier), or the exception it threw.</summary>
    public async ValueTask<Exception?> EnsureAsync(CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _done))
        {
            return _failure;
        }

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (!_done)
            {
                try
                {
                    if (initialize is not null)
                    {
                        await initialize(cancellationToken).ConfigureAwait(false);
                    }
                }
                catch (Exception ex)
                {
                    _failure = ex;
                }

                Volatile.Write(ref _done, true);
            }

            return _failure;
        }
        finally
        {
            _gate.Release();
        }
    }
}
