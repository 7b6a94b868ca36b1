namespace Router;

/// <summary>
/// An <see cref="IIdempotencyStore"/> in this process's memory: for tests, local runs and a function that
/// never runs as more than one instance. Records live until they expire and are claimed again, or until the
/// process ends; a platform that runs several instances needs a shared store.
/// </summary>
public sealed class InMemoryIdempotencyStore : IIdempotencyStore
{
    private readonly Dictionary<string, Entry> _records = new(StringComparer.Ordinal);

    /// <summary>The number of records held, expired ones included.</summary>
    public int Count
    {
        get
        {
            lock (_records)
            {
                return _records.Count;
            }
        }
    }

    /// <inheritdoc />
    public ValueTask<IdempotencyRecord?> TryClaimAsync(IdempotencyClaim claim, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(claim);
        lock (_records)
        {
            if (_records.TryGetValue(claim.Key, out var held) && !held.CanBeClaimedAt(claim.Now))
            {
                return new(held.Record);
            }

            _records[claim.Key] = new Entry(claim.Owner, claim.LeaseUntil, new IdempotencyRecord(claim.RequestHash, null, claim.ExpiresAt));
            return new((IdempotencyRecord?)null);
        }
    }

    /// <inheritdoc />
    public ValueTask CompleteAsync(string key, string owner, IdempotentAnswer answer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(answer);
        lock (_records)
        {
            if (_records.TryGetValue(key, out var held) && held.Owner == owner)
            {
                _records[key] = held with { Record = held.Record with { Answer = answer } };
            }
        }

        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public ValueTask ReleaseAsync(string key, string owner, CancellationToken cancellationToken)
    {
        lock (_records)
        {
            if (_records.TryGetValue(key, out var held) && held.Owner == owner)
            {
                _records.Remove(key);
            }
        }

        return ValueTask.CompletedTask;
    }

    private sealed record Entry(string Owner, DateTimeOffset LeaseUntil, IdempotencyRecord Record)
    {
        public bool CanBeClaimedAt(DateTimeOffset now) => Record.ExpiresAt <= now || (Record.Answer is null && LeaseUntil <= now);
    }
}
