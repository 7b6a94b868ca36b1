using ShopFunction.Accounts;
using ShopFunction.Storage;

namespace ShopFunction;

/// <summary>
/// The shop's services, handed to the router as its <see cref="IServiceProvider"/>: generated code
/// asks it for the constructor arguments of handler classes and middleware (<see cref="IShopStore"/>,
/// <see cref="PasswordHasher"/>, <see cref="TimeProvider"/>, <see cref="ShopSettings"/>). Any
/// <see cref="IServiceProvider"/> works; this one needs no container. Nothing is opened until
/// <see cref="InitializeAsync"/>, which the host runs once before the first event.
/// </summary>
public sealed class ShopServices : IServiceProvider, IAsyncDisposable
{
    private readonly Func<string, string?> _environment;
    private readonly TimeProvider _time;
    private ShopSettings? _settings;
    private IShopStore? _store;
    private PasswordHasher? _hasher;

    /// <summary>Services configured from <paramref name="environment"/> (see <c>ShopSettings</c> for the variables).</summary>
    /// <param name="environment">Reads an environment variable, for example <see cref="Environment.GetEnvironmentVariable(string)"/>.</param>
    /// <param name="time">The clock sessions and orders use; <see cref="TimeProvider.System"/> by default.</param>
    public ShopServices(Func<string, string?> environment, TimeProvider? time = null)
    {
        _environment = environment;
        _time = time ?? TimeProvider.System;
    }

    /// <summary>Which store <see cref="InitializeAsync"/> opened: <c>sqlite:&lt;path&gt;</c> or <c>postgres</c>; null before.</summary>
    public string? StoreDescription { get; private set; }

    /// <summary>
    /// Reads the settings, opens the store (PostgreSQL when <c>SHOP_POSTGRES</c> is set, else the SQLite
    /// file, created when missing) and migrates its schema. Pass it as <c>FunctionHostOptions.Initialize</c>.
    /// </summary>
    /// <exception cref="InvalidOperationException">A setting is invalid, or the database is newer than this function.</exception>
    public async ValueTask InitializeAsync(CancellationToken cancellationToken)
    {
        var settings = ShopSettings.Read(_environment);
        IShopStore store = settings.PostgresConnectionString is { } connectionString
            ? new PostgresShopStore(connectionString)
            : new SqliteShopStore(settings.SqlitePath);
        await store.MigrateAsync(cancellationToken).ConfigureAwait(false);

        _settings = settings;
        _hasher = new PasswordHasher(settings.PasswordIterations);
        _store = store;
        StoreDescription = settings.PostgresConnectionString is null ? "sqlite:" + settings.SqlitePath : "postgres";
    }

    /// <inheritdoc/>
    /// <exception cref="InvalidOperationException">A shop service is asked for before <see cref="InitializeAsync"/>.</exception>
    public object? GetService(Type serviceType)
    {
        if (serviceType == typeof(TimeProvider))
        {
            return _time;
        }

        if (serviceType != typeof(IShopStore) && serviceType != typeof(PasswordHasher) && serviceType != typeof(ShopSettings))
        {
            return null;
        }

        if (_store is null)
        {
            throw new InvalidOperationException("ShopServices.InitializeAsync has not run: pass it as FunctionHostOptions.Initialize.");
        }

        return serviceType == typeof(IShopStore) ? _store : serviceType == typeof(PasswordHasher) ? _hasher : _settings;
    }

    /// <summary>Closes the store.</summary>
    public ValueTask DisposeAsync() => _store?.DisposeAsync() ?? ValueTask.CompletedTask;
}
