using System.Data.Common;
using Npgsql;

namespace ShopFunction.Storage;

/// <summary>
/// PostgreSQL through Npgsql, for functions whose instances must share state. Built with
/// <see cref="NpgsqlSlimDataSourceBuilder"/>, the NativeAOT-friendly builder that leaves out type
/// mappings this store never uses. Migrations from instances starting together are serialized with a
/// transaction-scoped advisory lock.
/// </summary>
internal sealed class PostgresShopStore : SqlShopStore
{
    // Any constant shared by every instance of this function; "shop" in ASCII.
    internal const long MigrationLockKey = 0x73686f70;

    private readonly NpgsqlDataSource _dataSource;

    /// <summary>A store on the database <paramref name="connectionString"/> names (Npgsql's syntax: <c>Host=...;Username=...;Password=...;Database=...</c>).</summary>
    public PostgresShopStore(string connectionString) => _dataSource = new NpgsqlSlimDataSourceBuilder(connectionString).Build();

    /// <inheritdoc/>
    protected override async ValueTask<DbConnection> OpenAsync(CancellationToken cancellationToken)
        => await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);

    /// <inheritdoc/>
    protected override string SchemaTableExistsSql => "SELECT CASE WHEN to_regclass('shop_schema') IS NULL THEN 0 ELSE 1 END";

    /// <inheritdoc/>
    protected override async Task LockForMigrationAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken)
    {
        await using var command = Command(connection, transaction, "SELECT pg_advisory_xact_lock(@key)", ("@key", MigrationLockKey));
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public override ValueTask DisposeAsync() => _dataSource.DisposeAsync();
}
