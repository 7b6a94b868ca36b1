using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace ShopFunction.Storage;

/// <summary>
/// The embedded default: a SQLite file through Microsoft.Data.Sqlite, created (with its folder) and
/// migrated on start, in WAL mode so readers never wait for a writer. Fits one instance, or several
/// on one machine (<c>serve</c>, local runs); functions whose instances run on different machines
/// need <see cref="PostgresShopStore"/>.
/// </summary>
internal sealed class SqliteShopStore : SqlShopStore
{
    private readonly string _path;
    private readonly string _connectionString;

    /// <summary>A store in the file at <paramref name="path"/>, created when missing.</summary>
    public SqliteShopStore(string path)
    {
        _path = Path.GetFullPath(path);
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = _path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            ForeignKeys = true,
            Pooling = true,
            // Seconds a statement waits (retrying) while another connection or process holds the write lock.
            DefaultTimeout = 30,
        }.ToString();
    }

    /// <inheritdoc/>
    protected override async ValueTask<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        return connection;
    }

    /// <inheritdoc/>
    protected override Task PrepareAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        // WAL is a property of the file, kept across connections; it cannot change inside a transaction.
        return ExecuteAsync(connection, null, "PRAGMA journal_mode = WAL", cancellationToken);
    }

    /// <inheritdoc/>
    protected override string SchemaTableExistsSql => "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'shop_schema'";

    /// <inheritdoc/>
    /// <remarks>Microsoft.Data.Sqlite begins transactions as <c>BEGIN IMMEDIATE</c>: the transaction already holds the write lock.</remarks>
    protected override Task LockForMigrationAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Creates the file's folder, then migrates.</summary>
    public override async Task MigrateAsync(CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(_path)!);
        await base.MigrateAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public override ValueTask DisposeAsync()
    {
        // Pooled connections keep the file open; release them so the file can be moved or deleted.
        using var connection = new SqliteConnection(_connectionString);
        SqliteConnection.ClearPool(connection);
        return ValueTask.CompletedTask;
    }
}
