namespace Router.Runtime.Logging;

/// <summary>
/// The invocation a log line belongs to, for the function's own loggers (<see cref="FunctionLoggerProvider"/>):
/// set by the invoker and the hosts for the length of one invocation, and flowing with it through every
/// <c>await</c>, so <c>context.Logger</c> and any <c>ILogger&lt;T&gt;</c> of the same factory write its request id.
/// </summary>
internal static class InvocationLogContext
{
    private static readonly AsyncLocal<InvocationInfo?> s_current = new();

    public static InvocationInfo? Current => s_current.Value;

    /// <summary>Makes <paramref name="invocation"/> current until the returned value is disposed.</summary>
    /// <remarks>A no-op when it is current already (a host entered it before the invoker): each change of an
    /// <see cref="AsyncLocal{T}"/> allocates a new execution context.</remarks>
    public static Restore Enter(InvocationInfo invocation)
    {
        var previous = s_current.Value;
        if (ReferenceEquals(previous, invocation))
        {
            return default;
        }

        s_current.Value = invocation;
        return new Restore(previous, changed: true);
    }

    /// <summary>
    /// Makes <paramref name="invocation"/> current for the rest of the calling async method: its builder puts
    /// the caller's execution context back when it returns, so no restore (a second context) is needed.
    /// </summary>
    public static void SetForAsyncMethod(InvocationInfo invocation)
    {
        if (!ReferenceEquals(s_current.Value, invocation))
        {
            s_current.Value = invocation;
        }
    }

    public readonly struct Restore(InvocationInfo? previous, bool changed) : IDisposable
    {
        public void Dispose()
        {
            if (changed)
            {
                s_current.Value = previous;
            }
        }
    }
}
