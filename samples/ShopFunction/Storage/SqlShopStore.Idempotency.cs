using System.Data.Common;
using System.Text;
using Router;

namespace ShopFunction.Storage;

/// <summary>
/// The shop's database as the function's <see cref="IIdempotencyStore"/> (docs/guide.md, "Idempotency"): one
/// table, <c>idempotency_records</c>, in the shop's migrations. A claim is one statement,
/// <c>INSERT ... ON CONFLICT DO UPDATE ... WHERE</c> the held record's lease has passed or it has expired, which
/// SQLite (3.24 and later: the Debian 10 and 11 images' 3.27 and 3.34 included) and PostgreSQL both run
/// atomically, and which changes one row exactly when it claimed the key: of any number of invocations claiming
/// one key, in any number of processes sharing the database, one gets it. (No <c>RETURNING</c>: SQLite has it
/// only from 3.35, newer than those images.) Hashes are hex, bodies base64 and headers one <c>name: value</c>
/// line each, so the one SQL text fits both databases.
/// </summary>
internal abstract partial class SqlShopStore : IIdempotencyStore
{
    private const string ClaimSql = """
        INSERT INTO idempotency_records (record_key, request_hash, owner, lease_until, expires_at, answer_status, answer_headers, answer_body)
        VALUES (@key, @hash, @owner, @lease, @expires, NULL, NULL, NULL)
        ON CONFLICT (record_key) DO UPDATE SET
            request_hash = excluded.request_hash, owner = excluded.owner, lease_until = excluded.lease_until,
            expires_at = excluded.expires_at, answer_status = NULL, answer_headers = NULL, answer_body = NULL
        WHERE idempotency_records.expires_at <= @now
           OR (idempotency_records.answer_status IS NULL AND idempotency_records.lease_until <= @now)
        """;

    /// <summary>How often a process deletes expired records, at most: once a minute, by the claim that finds the minute over.</summary>
    private static readonly TimeSpan s_pruneEvery = TimeSpan.FromMinutes(1);

    private long _prunedAt = long.MinValue;

    /// <inheritdoc/>
    public async ValueTask<IdempotencyRecord?> TryClaimAsync(IdempotencyClaim claim, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(claim);
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        var now = claim.Now.ToUnixTimeMilliseconds();
        await PruneAsync(connection, now, cancellationToken).ConfigureAwait(false);

        // A record released between a refused claim and the read that follows is claimed on the next round.
        for (var round = 0; round < 5; round++)
        {
            await using (var insert = Command(
                connection,
                null,
                ClaimSql,
                ("@key", claim.Key),
                ("@hash", Convert.ToHexString(claim.RequestHash)),
                ("@owner", claim.Owner),
                ("@lease", claim.LeaseUntil.ToUnixTimeMilliseconds()),
                ("@expires", claim.ExpiresAt.ToUnixTimeMilliseconds()),
                ("@now", now)))
            {
                // One row inserted, or one held record taken over: the key is the caller's. None: another holds it.
                if (await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1)
                {
                    return null;
                }
            }

            await using var read = Command(
                connection,
                null,
                "SELECT request_hash, answer_status, answer_headers, answer_body, expires_at FROM idempotency_records WHERE record_key = @key",
                ("@key", claim.Key));
            await using var reader = await read.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            if (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                var answer = reader.IsDBNull(1)
                    ? null
                    : new IdempotentAnswer(reader.GetInt32(1), ReadHeaders(reader.GetString(2)), Convert.FromBase64String(reader.GetString(3)));
                return new IdempotencyRecord(Convert.FromHexString(reader.GetString(0)), answer, Time(reader.GetInt64(4)));
            }
        }

        throw new InvalidOperationException($"The idempotency key '{claim.Key}' was neither claimed nor found in five rounds.");
    }

    /// <inheritdoc/>
    public async ValueTask CompleteAsync(string key, string owner, IdempotentAnswer answer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(answer);
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var update = Command(
            connection,
            null,
            "UPDATE idempotency_records SET answer_status = @status, answer_headers = @headers, answer_body = @body WHERE record_key = @key AND owner = @owner AND answer_status IS NULL",
            ("@status", answer.StatusCode),
            ("@headers", WriteHeaders(answer.Headers)),
            ("@body", Convert.ToBase64String(answer.Body)),
            ("@key", key),
            ("@owner", owner));
        await update.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public async ValueTask ReleaseAsync(string key, string owner, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var delete = Command(
            connection,
            null,
            "DELETE FROM idempotency_records WHERE record_key = @key AND owner = @owner AND answer_status IS NULL",
            ("@key", key),
            ("@owner", owner));
        await delete.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task PruneAsync(DbConnection connection, long now, CancellationToken cancellationToken)
    {
        var last = Interlocked.Read(ref _prunedAt);
        if (now - last < (long)s_pruneEvery.TotalMilliseconds || Interlocked.CompareExchange(ref _prunedAt, now, last) != last)
        {
            return;
        }

        await using var prune = Command(connection, null, "DELETE FROM idempotency_records WHERE expires_at <= @now", ("@now", now));
        await prune.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private static string WriteHeaders(IReadOnlyList<KeyValuePair<string, string>> headers)
    {
        var text = new StringBuilder();
        foreach (var (name, value) in headers)
        {
            // Header names and values hold no line breaks (RFC 9110), so a line per header is unambiguous.
            text.Append(name).Append(": ").Append(value).Append('\n');
        }

        return text.ToString();
    }

    private static List<KeyValuePair<string, string>> ReadHeaders(string text)
    {
        var headers = new List<KeyValuePair<string, string>>();
        foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var colon = line.IndexOf(": ", StringComparison.Ordinal);
            headers.Add(new(line[..colon], line[(colon + 2)..]));
        }

        return headers;
    }
}
