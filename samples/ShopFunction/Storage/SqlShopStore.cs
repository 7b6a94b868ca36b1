using System.Data.Common;
using ShopFunction.Logins;

namespace ShopFunction.Storage;

/// <summary>
/// <see cref="IShopStore"/> over ADO.NET, with one SQL text that SQLite and PostgreSQL both run: times
/// are Unix milliseconds in <c>BIGINT</c>, money is whole cents in <c>BIGINT</c>, uniqueness comes from
/// <c>ON CONFLICT DO NOTHING</c>, and paying is one conditional <c>UPDATE</c>, so two racing payments
/// cannot both succeed. Subclasses open connections and serialize migrations.
/// </summary>
internal abstract partial class SqlShopStore : IShopStore
{
    /// <summary>The schema, one script per version (version = index + 1). Append; never edit a shipped script.</summary>
    internal static readonly IReadOnlyList<string> Migrations =
    [
        """
        CREATE TABLE users (
            user_id TEXT PRIMARY KEY,
            name TEXT NOT NULL,
            name_key TEXT NOT NULL UNIQUE,
            password_hash TEXT NOT NULL,
            created_at BIGINT NOT NULL);
        CREATE TABLE sessions (
            token_hash TEXT PRIMARY KEY,
            user_id TEXT NOT NULL REFERENCES users (user_id),
            expires_at BIGINT NOT NULL);
        CREATE INDEX sessions_by_user ON sessions (user_id);
        CREATE TABLE orders (
            order_id TEXT PRIMARY KEY,
            user_id TEXT NOT NULL,
            item_id TEXT NOT NULL,
            quantity INTEGER NOT NULL CHECK (quantity > 0),
            total_cents BIGINT NOT NULL CHECK (total_cents >= 0),
            status TEXT NOT NULL CHECK (status IN ('created', 'paid')),
            created_at BIGINT NOT NULL,
            paid_at BIGINT);
        CREATE INDEX orders_by_user ON orders (user_id, created_at);
        """,
        """
        CREATE TABLE platform_identities (
            platform TEXT NOT NULL,
            subject TEXT NOT NULL,
            user_id TEXT NOT NULL REFERENCES users (user_id),
            created_at BIGINT NOT NULL,
            PRIMARY KEY (platform, subject));
        """,
        // The records of idempotency keys (docs/guide.md, "Idempotency"): in progress (answer_status NULL)
        // until lease_until, then completed with the answer; claimable again once expired.
        """
        CREATE TABLE idempotency_records (
            record_key TEXT PRIMARY KEY,
            request_hash TEXT NOT NULL,
            owner TEXT NOT NULL,
            lease_until BIGINT NOT NULL,
            expires_at BIGINT NOT NULL,
            answer_status INTEGER,
            answer_headers TEXT,
            answer_body TEXT);
        CREATE INDEX idempotency_records_by_expiry ON idempotency_records (expires_at);
        """,
    ];

    private const string OrderColumns = "order_id, user_id, item_id, quantity, total_cents, status, created_at, paid_at";

    /// <summary>Opens a connection (pooled by the provider).</summary>
    protected abstract ValueTask<DbConnection> OpenAsync(CancellationToken cancellationToken);

    /// <summary>Run before the migration transaction starts (SQLite switches to WAL here).</summary>
    protected virtual Task PrepareAsync(DbConnection connection, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Run first inside the migration transaction: makes concurrent migrations of other instances wait.</summary>
    protected abstract Task LockForMigrationAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken);

    /// <inheritdoc/>
    /// <remarks>
    /// A store already at this function's version (every warm or cold start after the first) costs two
    /// reads on one pooled connection: no transaction, no lock, no <c>PRAGMA</c> and no DDL. Only a store
    /// behind it takes the migration lock, and then reads its version again under the lock.
    /// </remarks>
    public virtual async Task MigrateAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        if (await ReadSchemaVersionAsync(connection, cancellationToken).ConfigureAwait(false) is { } found && found >= Migrations.Count)
        {
            ThrowIfNewer(found);
            return;
        }

        await PrepareAsync(connection, cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await LockForMigrationAsync(connection, transaction, cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(connection, transaction, "CREATE TABLE IF NOT EXISTS shop_schema (version INTEGER PRIMARY KEY)", cancellationToken).ConfigureAwait(false);

        await using (var read = Command(connection, transaction, "SELECT COALESCE(MAX(version), 0) FROM shop_schema"))
        {
            var current = Convert.ToInt32(await read.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture);
            ThrowIfNewer(current);

            for (var version = current + 1; version <= Migrations.Count; version++)
            {
                await ExecuteAsync(connection, transaction, Migrations[version - 1], cancellationToken).ConfigureAwait(false);
                await using var record = Command(connection, transaction, "INSERT INTO shop_schema (version) VALUES (@version)", ("@version", version));
                await record.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>SQL whose scalar is 1 when the <c>shop_schema</c> table exists and 0 when it does not, read without a transaction.</summary>
    protected abstract string SchemaTableExistsSql { get; }

    /// <summary>The schema version the store is at, or <see langword="null"/> before the first migration; reads only.</summary>
    private async Task<int?> ReadSchemaVersionAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        await using (var exists = Command(connection, null, SchemaTableExistsSql))
        {
            if (Convert.ToInt32(await exists.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture) == 0)
            {
                return null;
            }
        }

        await using var read = Command(connection, null, "SELECT COALESCE(MAX(version), 0) FROM shop_schema");
        return Convert.ToInt32(await read.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static void ThrowIfNewer(int version)
    {
        if (version > Migrations.Count)
        {
            throw new InvalidOperationException($"The database is at schema version {version}, newer than this function's {Migrations.Count}; deploy the newer function or use another database.");
        }
    }

    /// <inheritdoc/>
    public async Task<bool> TryCreateUserAsync(UserRecord user, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Command(
            connection,
            null,
            "INSERT INTO users (user_id, name, name_key, password_hash, created_at) VALUES (@id, @name, @key, @hash, @at) ON CONFLICT (name_key) DO NOTHING",
            ("@id", user.UserId),
            ("@name", user.Name),
            ("@key", user.NameKey),
            ("@hash", user.PasswordHash),
            ("@at", user.CreatedAt.ToUnixTimeMilliseconds()));
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
    }

    /// <inheritdoc/>
    public async Task<UserRecord?> FindUserAsync(string nameKey, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Command(connection, null, "SELECT user_id, name, name_key, password_hash, created_at FROM users WHERE name_key = @key", ("@key", nameKey));
        return await ReadUserAsync(command, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The first row of <paramref name="command"/> (user_id, name, name_key, password_hash, created_at) as a user, or <see langword="null"/>.</summary>
    private static async Task<UserRecord?> ReadUserAsync(DbCommand command, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false)
            ? new UserRecord(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), Time(reader.GetInt64(4)))
            : null;
    }

    /// <inheritdoc/>
    public async Task<UserRecord> FindOrCreatePlatformUserAsync(PlatformIdentity identity, string newUserId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        // Looked up by the unionid first (it spans the developer's apps), then by the app's own id.
        (string Platform, string Subject)[] keys = identity.UnionId is { } unionId
            ? [(identity.Platform + "-union", unionId), (identity.Platform, identity.UserId)]
            : [(identity.Platform, identity.UserId)];
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);

        UserRecord? user = null;
        foreach (var (platform, subject) in keys)
        {
            await using var find = Command(
                connection,
                null,
                "SELECT u.user_id, u.name, u.name_key, u.password_hash, u.created_at FROM platform_identities p JOIN users u ON u.user_id = p.user_id WHERE p.platform = @platform AND p.subject = @subject",
                ("@platform", platform),
                ("@subject", subject));
            if ((user = await ReadUserAsync(find, cancellationToken).ConfigureAwait(false)) is not null)
            {
                break;
            }
        }

        if (user is null)
        {
            // Racing first logins of one user all insert the same name key: one row wins, and every racer reads it.
            var nameKey = identity.Platform + ":" + identity.UserId;
            await using (var insert = Command(
                connection,
                null,
                "INSERT INTO users (user_id, name, name_key, password_hash, created_at) VALUES (@id, @name, @key, '', @at) ON CONFLICT (name_key) DO NOTHING",
                ("@id", newUserId),
                ("@name", nameKey),
                ("@key", nameKey),
                ("@at", now.ToUnixTimeMilliseconds())))
            {
                await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            user = await FindUserAsync(nameKey, cancellationToken).ConfigureAwait(false)
                ?? throw new InvalidOperationException("The platform account vanished after it was created.");
        }

        foreach (var (platform, subject) in keys)
        {
            await using var link = Command(
                connection,
                null,
                "INSERT INTO platform_identities (platform, subject, user_id, created_at) VALUES (@platform, @subject, @user, @at) ON CONFLICT (platform, subject) DO NOTHING",
                ("@platform", platform),
                ("@subject", subject),
                ("@user", user.UserId),
                ("@at", now.ToUnixTimeMilliseconds()));
            await link.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        return user;
    }

    /// <inheritdoc/>
    public async Task CreateSessionAsync(SessionRecord session, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (var prune = Command(connection, null, "DELETE FROM sessions WHERE user_id = @user AND expires_at <= @now", ("@user", session.UserId), ("@now", now.ToUnixTimeMilliseconds())))
        {
            await prune.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await using var insert = Command(
            connection,
            null,
            "INSERT INTO sessions (token_hash, user_id, expires_at) VALUES (@hash, @user, @expires)",
            ("@hash", session.TokenHash),
            ("@user", session.UserId),
            ("@expires", session.ExpiresAt.ToUnixTimeMilliseconds()));
        await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public async Task<SessionRecord?> FindSessionAsync(string tokenHash, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Command(
            connection,
            null,
            "SELECT s.token_hash, s.user_id, u.name, s.expires_at FROM sessions s JOIN users u ON u.user_id = s.user_id WHERE s.token_hash = @hash",
            ("@hash", tokenHash));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false)
            ? new SessionRecord(reader.GetString(0), reader.GetString(1), reader.GetString(2), Time(reader.GetInt64(3)))
            : null;
    }

    /// <inheritdoc/>
    public async Task CreateOrderAsync(OrderRecord order, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Command(
            connection,
            null,
            $"INSERT INTO orders ({OrderColumns}) VALUES (@id, @user, @item, @quantity, @total, @status, @created, @paid)",
            ("@id", order.OrderId),
            ("@user", order.UserId),
            ("@item", order.ItemId),
            ("@quantity", order.Quantity),
            ("@total", order.TotalCents),
            ("@status", StatusText(order.Status)),
            ("@created", order.CreatedAt.ToUnixTimeMilliseconds()),
            ("@paid", order.PaidAt?.ToUnixTimeMilliseconds()));
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public async Task<PayOutcome> PayOrderAsync(string orderId, string userId, DateTimeOffset paidAt, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (var pay = Command(
            connection,
            null,
            "UPDATE orders SET status = 'paid', paid_at = @at WHERE order_id = @id AND user_id = @user AND status = 'created'",
            ("@at", paidAt.ToUnixTimeMilliseconds()),
            ("@id", orderId),
            ("@user", userId)))
        {
            if (await pay.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1)
            {
                return PayOutcome.Paid;
            }
        }

        // Nothing changed: either no such order of this user's, or it was paid (by this call's rival, perhaps).
        await using var find = Command(connection, null, "SELECT status FROM orders WHERE order_id = @id AND user_id = @user", ("@id", orderId), ("@user", userId));
        return await find.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is string ? PayOutcome.AlreadyPaid : PayOutcome.NotFound;
    }

    /// <inheritdoc/>
    public async Task<IReadOnlyList<OrderRecord>> ListOrdersAsync(string userId, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Command(
            connection,
            null,
            $"SELECT {OrderColumns} FROM orders WHERE user_id = @user ORDER BY created_at DESC, order_id DESC LIMIT {IShopStore.MaxOrdersListed}",
            ("@user", userId));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var orders = new List<OrderRecord>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            orders.Add(new OrderRecord(
                reader.GetString(0),
                reader.GetString(1),
                reader.GetString(2),
                reader.GetInt32(3),
                reader.GetInt64(4),
                reader.GetString(5) == "paid" ? OrderStatus.Paid : OrderStatus.Created,
                Time(reader.GetInt64(6)),
                reader.IsDBNull(7) ? null : Time(reader.GetInt64(7))));
        }

        return orders;
    }

    /// <inheritdoc/>
    public abstract ValueTask DisposeAsync();

    /// <summary>Runs <paramref name="sql"/> (one or more statements) inside <paramref name="transaction"/>.</summary>
    protected static async Task ExecuteAsync(DbConnection connection, DbTransaction? transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = Command(connection, transaction, sql);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A command with <c>@name</c> parameters; a <see langword="null"/> value is SQL <c>NULL</c>.</summary>
    protected static DbCommand Command(DbConnection connection, DbTransaction? transaction, string sql, params (string Name, object? Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value ?? DBNull.Value;
            command.Parameters.Add(parameter);
        }

        return command;
    }

    private static DateTimeOffset Time(long unixMilliseconds) => DateTimeOffset.FromUnixTimeMilliseconds(unixMilliseconds);

    private static string StatusText(OrderStatus status) => status == OrderStatus.Paid ? "paid" : "created";
}
