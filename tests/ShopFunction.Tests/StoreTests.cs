using ShopFunction.Storage;

namespace ShopFunction.Tests;

/// <summary>
/// The store contract, run on SQLite and on PostgreSQL alike: the schema, uniqueness, sessions,
/// paying once under races, no lost orders under concurrency, and data that outlives the instance.
/// </summary>
public abstract class StoreTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 8, 0, 0, TimeSpan.Zero);

    private IShopStore _store = null!;

    /// <summary>A store on this class's database; a second call opens another instance on the same data.</summary>
    internal abstract IShopStore Open();

    /// <summary>Holds, until disposed, the lock a migration takes (SQLite's write lock, PostgreSQL's advisory lock), as a migrating instance would.</summary>
    internal abstract Task<IAsyncDisposable> HoldMigrationLockAsync();

    /// <summary>Runs <paramref name="sql"/> on this class's database, outside any store.</summary>
    internal abstract Task ExecuteAsync(string sql);

    public async Task InitializeAsync()
    {
        _store = Open();
        await _store.MigrateAsync(CancellationToken.None);
    }

    public async Task DisposeAsync() => await _store.DisposeAsync();

    [Fact]
    public async Task Migrate_IsIdempotent_AndSafeFromSeveralInstancesAtOnce()
    {
        var stores = Enumerable.Range(0, 4).Select(_ => Open()).ToList();

        await Task.WhenAll(stores.Select(s => s.MigrateAsync(CancellationToken.None)));
        await _store.MigrateAsync(CancellationToken.None);

        foreach (var store in stores)
        {
            await store.DisposeAsync();
        }

        Assert.True(await _store.TryCreateUserAsync(NewUser(), CancellationToken.None));
    }

    [Fact]
    public async Task Migrate_OfACurrentStore_OnlyReads_SoAnotherInstanceMigratingDoesNotHoldItUp()
    {
        await using (await HoldMigrationLockAsync())
        {
            // Bounded: a migration that waited for the lock would fail here instead of hanging the run.
            using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            await using var another = Open();

            await another.MigrateAsync(bound.Token);
        }

        Assert.True(await _store.TryCreateUserAsync(NewUser(), CancellationToken.None));
    }

    [Fact]
    public async Task Users_AreUniqueByNameKey()
    {
        var user = NewUser();

        Assert.True(await _store.TryCreateUserAsync(user, CancellationToken.None));
        Assert.False(await _store.TryCreateUserAsync(NewUser() with { NameKey = user.NameKey }, CancellationToken.None));
        Assert.Equal(user, await _store.FindUserAsync(user.NameKey, CancellationToken.None));
        Assert.Null(await _store.FindUserAsync(user.NameKey + "-nobody", CancellationToken.None));
    }

    [Fact]
    public async Task Sessions_AreFoundByTheirHash_AndExpiredOnesArePrunedAtTheNextLogin()
    {
        var user = NewUser();
        await _store.TryCreateUserAsync(user, CancellationToken.None);
        var old = new SessionRecord(Guid.NewGuid().ToString("N"), user.UserId, user.Name, Now.AddMinutes(1));
        var fresh = new SessionRecord(Guid.NewGuid().ToString("N"), user.UserId, user.Name, Now.AddDays(1));

        await _store.CreateSessionAsync(old, Now, CancellationToken.None);
        Assert.Equal(old, await _store.FindSessionAsync(old.TokenHash, CancellationToken.None));

        await _store.CreateSessionAsync(fresh, Now.AddMinutes(2), CancellationToken.None);
        Assert.Null(await _store.FindSessionAsync(old.TokenHash, CancellationToken.None));
        Assert.Equal(fresh, await _store.FindSessionAsync(fresh.TokenHash, CancellationToken.None));
    }

    [Fact]
    public async Task Pay_ChangesOnlyTheOwnersCreatedOrder()
    {
        var order = NewOrder("owner-" + Guid.NewGuid());
        await _store.CreateOrderAsync(order, CancellationToken.None);

        Assert.Equal(PayOutcome.NotFound, await _store.PayOrderAsync(order.OrderId, "someone-else", Now, CancellationToken.None));
        Assert.Equal(PayOutcome.NotFound, await _store.PayOrderAsync("o_missing", order.UserId, Now, CancellationToken.None));
        Assert.Equal(PayOutcome.Paid, await _store.PayOrderAsync(order.OrderId, order.UserId, Now.AddSeconds(5), CancellationToken.None));
        Assert.Equal(PayOutcome.AlreadyPaid, await _store.PayOrderAsync(order.OrderId, order.UserId, Now.AddSeconds(6), CancellationToken.None));

        var stored = Assert.Single(await _store.ListOrdersAsync(order.UserId, CancellationToken.None));
        Assert.Equal(order with { Status = OrderStatus.Paid, PaidAt = Now.AddSeconds(5) }, stored);
    }

    [Fact]
    public async Task ConcurrentPayments_OfOneOrder_SucceedExactlyOnce()
    {
        var order = NewOrder("owner-" + Guid.NewGuid());
        await _store.CreateOrderAsync(order, CancellationToken.None);

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => Task.Run(() => _store.PayOrderAsync(order.OrderId, order.UserId, Now, CancellationToken.None))));

        Assert.Single(outcomes, o => o == PayOutcome.Paid);
        Assert.All(outcomes.Where(o => o != PayOutcome.Paid), o => Assert.Equal(PayOutcome.AlreadyPaid, o));
    }

    [Fact]
    public async Task ConcurrentOrders_AreNeitherLostNorDuplicated()
    {
        var owner = "owner-" + Guid.NewGuid();
        var orders = Enumerable.Range(0, 40).Select(i => NewOrder(owner, Now.AddMilliseconds(i))).ToList();

        await Task.WhenAll(orders.Select(o => Task.Run(() => _store.CreateOrderAsync(o, CancellationToken.None))));

        var listed = await _store.ListOrdersAsync(owner, CancellationToken.None);
        Assert.Equal(orders.OrderByDescending(o => o.CreatedAt).Select(o => o.OrderId), listed.Select(o => o.OrderId));
    }

    [Fact]
    public async Task List_IsCappedAtTheNewestHundred()
    {
        var owner = "owner-" + Guid.NewGuid();
        for (var i = 0; i < IShopStore.MaxOrdersListed + 1; i++)
        {
            await _store.CreateOrderAsync(NewOrder(owner, Now.AddSeconds(i)), CancellationToken.None);
        }

        var listed = await _store.ListOrdersAsync(owner, CancellationToken.None);

        Assert.Equal(IShopStore.MaxOrdersListed, listed.Count);
        Assert.Equal(Now.AddSeconds(IShopStore.MaxOrdersListed), listed[0].CreatedAt);
        Assert.Equal(Now.AddSeconds(1), listed[^1].CreatedAt);
    }

    [Fact]
    public async Task Data_SurvivesANewInstance()
    {
        var user = NewUser();
        var order = NewOrder(user.UserId);
        await _store.TryCreateUserAsync(user, CancellationToken.None);
        await _store.CreateOrderAsync(order, CancellationToken.None);
        await _store.DisposeAsync();

        _store = Open();
        await _store.MigrateAsync(CancellationToken.None);

        Assert.Equal(user, await _store.FindUserAsync(user.NameKey, CancellationToken.None));
        Assert.Equal(order, Assert.Single(await _store.ListOrdersAsync(user.UserId, CancellationToken.None)));
    }

    [Fact]
    public async Task PlatformUsers_RacingFirstLogins_CreateOneAccount_AndAUnionIdLinksAnotherAppId()
    {
        var openId = "o" + Guid.NewGuid().ToString("N");
        var unionId = "u" + Guid.NewGuid().ToString("N");
        var identity = new Logins.PlatformIdentity("wechat", openId, unionId);

        var racers = await Task.WhenAll(Enumerable.Range(0, 12).Select(_ => _store.FindOrCreatePlatformUserAsync(identity, "u_" + Guid.NewGuid().ToString("N"), Now, CancellationToken.None)));
        var otherApp = await _store.FindOrCreatePlatformUserAsync(identity with { UserId = "o" + Guid.NewGuid().ToString("N") }, "u_other", Now, CancellationToken.None);
        var byOpenIdAlone = await _store.FindOrCreatePlatformUserAsync(identity with { UnionId = null }, "u_again", Now, CancellationToken.None);
        var alipay = await _store.FindOrCreatePlatformUserAsync(new Logins.PlatformIdentity("alipay", openId, null), "u_" + Guid.NewGuid().ToString("N"), Now, CancellationToken.None);

        var account = Assert.Single(racers.Select(r => r.UserId).Distinct());
        Assert.Equal("wechat:" + openId, racers[0].NameKey);
        Assert.Equal("", racers[0].PasswordHash);
        Assert.Equal(account, otherApp.UserId);
        Assert.Equal(account, byOpenIdAlone.UserId);
        Assert.NotEqual(account, alipay.UserId);
    }

    private static UserRecord NewUser()
    {
        var name = Stores.UniqueName();
        return new UserRecord("u_" + Guid.NewGuid().ToString("N"), name, name.ToLowerInvariant(), "pbkdf2-sha256$1$AA==$AA==", Now);
    }

    private static OrderRecord NewOrder(string owner, DateTimeOffset? at = null)
        => new("o_" + Guid.NewGuid().ToString("N"), owner, "xxxx", 3, 4_770, OrderStatus.Created, at ?? Now, null);
}

public sealed class SqliteStoreTests : StoreTests
{
    private readonly string _path = Stores.NewSqlitePath();

    internal override IShopStore Open() => new SqliteShopStore(_path);

    internal override async Task<IAsyncDisposable> HoldMigrationLockAsync()
    {
        var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={_path};Pooling=False");
        await connection.OpenAsync();
        // Microsoft.Data.Sqlite begins BEGIN IMMEDIATE: the write lock a migration takes.
        var transaction = await connection.BeginTransactionAsync();
        return new Held(async () =>
        {
            await transaction.DisposeAsync();
            await connection.DisposeAsync();
        });
    }

    internal override async Task ExecuteAsync(string sql)
    {
        await using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={_path};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    // SQLite only: the file is this class's own, so no test running beside it meets the newer version.
    [Fact]
    public async Task Migrate_RefusesAStoreAtANewerVersion()
    {
        await ExecuteAsync($"INSERT INTO shop_schema (version) VALUES ({SqlShopStore.Migrations.Count + 1})");
        await using var older = Open();

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => older.MigrateAsync(CancellationToken.None));

        Assert.Contains($"schema version {SqlShopStore.Migrations.Count + 1}, newer than this function's {SqlShopStore.Migrations.Count}", refused.Message);
    }

    [Fact]
    public async Task Migrate_CreatesTheFileAndItsFolder()
    {
        var path = Path.Combine(ScratchFolders.Create("shop-test-"), "nested", "deeper", "shop.db");
        await using var store = new SqliteShopStore(path);

        await store.MigrateAsync(CancellationToken.None);

        Assert.True(File.Exists(path));
    }
}

public sealed class PostgresStoreTests : StoreTests
{
    internal override IShopStore Open() => new PostgresShopStore(Stores.PostgresConnectionString);

    internal override async Task<IAsyncDisposable> HoldMigrationLockAsync()
    {
        var connection = new Npgsql.NpgsqlConnection(Stores.PostgresConnectionString);
        await connection.OpenAsync();
        var transaction = await connection.BeginTransactionAsync();
        await using (var command = new Npgsql.NpgsqlCommand($"SELECT pg_advisory_xact_lock({PostgresShopStore.MigrationLockKey})", connection, transaction))
        {
            await command.ExecuteNonQueryAsync();
        }

        return new Held(async () =>
        {
            await transaction.DisposeAsync();
            await connection.DisposeAsync();
        });
    }

    internal override async Task ExecuteAsync(string sql)
    {
        await using var connection = new Npgsql.NpgsqlConnection(Stores.PostgresConnectionString);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}

/// <summary>Runs an action when disposed.</summary>
internal sealed class Held(Func<Task> release) : IAsyncDisposable
{
    public async ValueTask DisposeAsync() => await release();
}
