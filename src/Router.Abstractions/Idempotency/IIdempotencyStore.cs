namespace Router;

/// <summary>
/// Where the records of idempotency keys are kept (<see cref="IdempotentAttribute"/>): one record per key,
/// claimed atomically, so that of any number of concurrent invocations with one key, in any number of
/// processes, exactly one runs the handler. Register one in the function's services. The runtime ships
/// <see cref="InMemoryIdempotencyStore"/> (one process); the sample shop keeps them in its SQLite or
/// PostgreSQL database (docs/guide.md, "Idempotency").
/// </summary>
public interface IIdempotencyStore
{
    /// <summary>
    /// Claims <see cref="IdempotencyClaim.Key"/> for <see cref="IdempotencyClaim.Owner"/> in one atomic step:
    /// creates an in-progress record when the key has none; takes the record over when it is in progress and
    /// its lease has passed (the invocation that claimed it died), or completed and expired; otherwise leaves it.
    /// </summary>
    /// <param name="claim">The key, the request's hash, the owner, the lease and the expiry.</param>
    /// <param name="cancellationToken">The invocation's cancellation.</param>
    /// <returns><see langword="null"/> when the key is now the caller's; otherwise the record that holds it.</returns>
    ValueTask<IdempotencyRecord?> TryClaimAsync(IdempotencyClaim claim, CancellationToken cancellationToken);

    /// <summary>Completes the record of <paramref name="key"/> with the answer, if <paramref name="owner"/> still holds it.</summary>
    /// <param name="key">The key.</param>
    /// <param name="owner">The owner that claimed it.</param>
    /// <param name="answer">What the invocation answered.</param>
    /// <param name="cancellationToken">Not the invocation's: a completion is written even as the invocation ends.</param>
    ValueTask CompleteAsync(string key, string owner, IdempotentAnswer answer, CancellationToken cancellationToken);

    /// <summary>Deletes the record of <paramref name="key"/>, if <paramref name="owner"/> still holds it, so that the key can be claimed again at once.</summary>
    /// <param name="key">The key.</param>
    /// <param name="owner">The owner that claimed it.</param>
    /// <param name="cancellationToken">Not the invocation's: a release is written even as the invocation ends.</param>
    ValueTask ReleaseAsync(string key, string owner, CancellationToken cancellationToken);
}

/// <summary>A claim on an idempotency key (<see cref="IIdempotencyStore.TryClaimAsync"/>).</summary>
/// <param name="Key">The record's key: the route, the scope (<see cref="RouteContext.IdempotencyScope"/>) and the client's key (<c>pay/makeOrder:u_81f2:6c1f…</c>).</param>
/// <param name="RequestHash">The SHA-256 of the bound request's JSON (32 bytes).</param>
/// <param name="Owner">Who claims it: unique per invocation.</param>
/// <param name="Now">The time of the claim (the function's <see cref="TimeProvider"/>): leases and expiries are compared with it.</param>
/// <param name="LeaseUntil">Until when the claim holds without completing: the invocation's deadline.</param>
/// <param name="ExpiresAt">When the record expires and the key can be claimed anew.</param>
public sealed record IdempotencyClaim(string Key, byte[] RequestHash, string Owner, DateTimeOffset Now, DateTimeOffset LeaseUntil, DateTimeOffset ExpiresAt);

/// <summary>The record that holds an idempotency key.</summary>
/// <param name="RequestHash">The SHA-256 of the request that claimed it.</param>
/// <param name="Answer">The answer when the record is completed; <see langword="null"/> while its invocation runs.</param>
/// <param name="ExpiresAt">When it expires.</param>
public sealed record IdempotencyRecord(byte[] RequestHash, IdempotentAnswer? Answer, DateTimeOffset ExpiresAt);

/// <summary>An answer as an idempotent route stores it and replays it.</summary>
/// <param name="StatusCode">The HTTP status (200 for a direct invocation).</param>
/// <param name="Headers">The headers in order, <c>Content-Type</c> first and <c>Set-Cookie</c> included.</param>
/// <param name="Body">The body's bytes: what the client received.</param>
public sealed record IdempotentAnswer(int StatusCode, IReadOnlyList<KeyValuePair<string, string>> Headers, byte[] Body);
