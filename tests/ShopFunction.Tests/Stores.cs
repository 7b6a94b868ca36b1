using System.Globalization;

namespace ShopFunction.Tests;

/// <summary>The two stores every store-dependent test runs on.</summary>
public enum StoreKind
{
    Sqlite,
    Postgres,
}

/// <summary>Environments that point the shop at a fresh SQLite file or at the test PostgreSQL database.</summary>
internal static class Stores
{
    public const string PostgresVariable = "SHOP_TEST_POSTGRES";

    public static TheoryData<StoreKind> Kinds => new() { StoreKind.Sqlite, StoreKind.Postgres };

    /// <summary>The test database's connection string; a clear failure when it is not configured.</summary>
    public static string PostgresConnectionString
        => System.Environment.GetEnvironmentVariable(PostgresVariable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException($"{PostgresVariable} is not set: run the tests with scripts/test.sh, which starts PostgreSQL, or set it to an Npgsql connection string.");

    /// <summary>A new SQLite file path in a new temporary folder.</summary>
    public static string NewSqlitePath() => Path.Combine(ScratchFolders.Create("shop-test-"), "shop.db");

    /// <summary>
    /// The variables that select <paramref name="kind"/> (a new SQLite file each call; the one shared
    /// PostgreSQL test database, where tests keep apart by unique names), with cheap password hashes.
    /// </summary>
    public static Dictionary<string, string> Environment(StoreKind kind, string? sqlitePath = null)
    {
        var environment = new Dictionary<string, string> { ["SHOP_PBKDF2_ITERATIONS"] = "1000" };
        if (kind == StoreKind.Postgres)
        {
            environment["SHOP_POSTGRES"] = PostgresConnectionString;
        }
        else
        {
            environment["SHOP_SQLITE_PATH"] = sqlitePath ?? NewSqlitePath();
        }

        return environment;
    }

    /// <summary>A name no other test uses, valid under the name rules.</summary>
    public static string UniqueName(string prefix = "user")
        => prefix + Guid.NewGuid().ToString("N", CultureInfo.InvariantCulture)[..20];
}
