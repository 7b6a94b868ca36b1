namespace Router.Runtime.Hosting;

/// <summary>
/// The Lambda and SCF runtime APIs as the pull loop (<see cref="RuntimeApiHost"/>) talks to them, after
/// aws-lambda-dotnet's <c>IRuntimeApiClient</c>: <c>next</c>, the response or error of an invocation, the
/// init error and SCF's ready. <see cref="RuntimeApiClient"/> is the transport; a test gives the loop a
/// client of its own and runs it without sockets. Each post returns the runtime API's HTTP status, and
/// the loop decides what it means.
/// </summary>
internal interface IRuntimeApiClient : IDisposable
{
    /// <summary>Waits for the next event (a long poll).</summary>
    /// <exception cref="PlatformUnreachableException">The runtime API stayed unreachable after every retry.</exception>
    Task<RuntimeApiEvent> NextAsync(CancellationToken cancellationToken);

    /// <summary>Posts an invocation's response (the body, or an HTTP event's response object).</summary>
    /// <exception cref="PlatformUnreachableException">The runtime API stayed unreachable after every retry.</exception>
    Task<int> PostResponseAsync(string requestId, ReadOnlyMemory<byte> body);

    /// <summary>Posts an invocation's error to the error channel.</summary>
    /// <exception cref="PlatformUnreachableException">The runtime API stayed unreachable after every retry.</exception>
    Task<int> PostErrorAsync(string requestId, string errorType, string errorMessage);

    /// <summary>Posts the initialization error, where the platform has a channel for it (Lambda); <see langword="null"/> where it has none.</summary>
    /// <exception cref="PlatformUnreachableException">The runtime API stayed unreachable after every retry.</exception>
    Task<int?> PostInitErrorAsync(string errorType, string errorMessage);

    /// <summary>Reports the function ready, where the platform asks for it (SCF); <see langword="null"/> where it does not.</summary>
    /// <exception cref="PlatformUnreachableException">The runtime API stayed unreachable after every retry.</exception>
    Task<int?> PostReadyAsync(CancellationToken cancellationToken);
}

/// <summary>
/// What <c>next</c> answered: its status and, on 200, the invocation (its request id empty when the
/// platform sent none) and the event's bytes.
/// </summary>
internal sealed record RuntimeApiEvent(int Status, InvocationInfo? Invocation, byte[] Event);

/// <summary>A platform endpoint stayed unreachable after every retry.</summary>
internal sealed class PlatformUnreachableException(string message, Exception inner) : Exception(message, inner);
