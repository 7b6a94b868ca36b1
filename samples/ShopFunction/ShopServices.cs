using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ShopFunction.Accounts;
using ShopFunction.Logins;
using ShopFunction.Sessions;
using ShopFunction.Storage;

namespace ShopFunction;

/// <summary>
/// The shop's services on the standard container (Microsoft.Extensions.DependencyInjection): generated
/// code asks it for the constructor arguments of handler classes (per invocation, from the invocation's
/// scope) and middleware (once per router). All four are singletons, because each is safe to share
/// and costly to make: <see cref="ShopSettings"/> (read from the environment), <see cref="PasswordHasher"/>,
/// <see cref="TimeProvider"/> and <see cref="IShopStore"/>, which <see cref="InitializeShopAsync"/> opens
/// and migrates once, before the first event; and the code logins (<see cref="PlatformLogins"/>) with their
/// <see cref="HttpClient"/>s from <see cref="IHttpClientFactory"/>.
/// </summary>
public static class ShopServices
{
    /// <summary>Registers the shop's services, configured from <paramref name="environment"/> (<c>ShopSettings</c> lists the variables).</summary>
    /// <param name="services">The collection to add to.</param>
    /// <param name="environment">Reads an environment variable, for example <see cref="Environment.GetEnvironmentVariable(string)"/>.</param>
    /// <param name="time">The clock sessions and orders use; <see cref="TimeProvider.System"/> by default.</param>
    /// <returns><paramref name="services"/>, for chaining.</returns>
    public static IServiceCollection AddShop(this IServiceCollection services, Func<string, string?> environment, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(environment);

        // Read when first resolved, which is in InitializeShopAsync: a bad value fails start-up, named.
        services.AddSingleton(_ => ShopSettings.Read(environment));
        services.AddSingleton(provider => new PasswordHasher(provider.GetRequiredService<ShopSettings>().PasswordIterations));
        services.AddSingleton(time ?? TimeProvider.System);
        services.AddSingleton(provider => new ShopStoreHolder(provider.GetRequiredService<ShopSettings>()));
        services.AddSingleton(provider => provider.GetRequiredService<ShopStoreHolder>().Store);
        // [Idempotent] routes keep their keys in the shop's own database (docs/guide.md, "Idempotency").
        services.AddSingleton<Router.IIdempotencyStore>(provider => provider.GetRequiredService<ShopStoreHolder>().Store);
        services.AddSingleton<SessionIssuer>();
        AddLogins(services, environment);
        return services;
    }

    /// <summary>
    /// The code logins: one named <see cref="HttpClient"/> per platform from <see cref="IHttpClientFactory"/>, with
    /// the login timeout, a bound on the answer's size, and no request logging (its lines carry the URL, and
    /// WeChat's carries the secret); each login only when its platform is configured.
    /// </summary>
    private static void AddLogins(IServiceCollection services, Func<string, string?> environment)
    {
        // Before AddHttpClient, which registers an empty logger factory when none is: a factory the caller
        // registered first (AddFunctionLogging with a writer, AddLogging with providers) is kept.
        services.AddFunctionLogging(environment);
        foreach (var name in new[] { WeChatLogin.ClientName, AlipayLogin.ClientName })
        {
            services.AddHttpClient(name)
                .ConfigureHttpClient((provider, client) =>
                {
                    client.Timeout = provider.GetRequiredService<ShopSettings>().LoginTimeout;
                    client.MaxResponseContentBufferSize = 256 * 1024;
                })
                .RemoveAllLoggers();
        }

        services.AddSingleton(provider =>
        {
            var settings = provider.GetRequiredService<ShopSettings>();
            var clients = provider.GetRequiredService<IHttpClientFactory>();
            return new PlatformLogins(
                settings.WeChat is { } weChat ? new WeChatLogin(clients, weChat, provider.GetRequiredService<ILogger<WeChatLogin>>()) : null,
                settings.Alipay is { } alipay ? provider.GetRequiredService<AlipayLogin>() : null);
        });
        services.AddSingleton(provider => new AlipayLogin(
            provider.GetRequiredService<IHttpClientFactory>(),
            provider.GetRequiredService<ShopSettings>().Alipay ?? throw new InvalidOperationException("Alipay login is not configured."),
            provider.GetRequiredService<TimeProvider>(),
            provider.GetRequiredService<ILogger<AlipayLogin>>()));
    }

    /// <summary>
    /// Reads the settings, opens the store (PostgreSQL when <c>SHOP_POSTGRES</c> is set, else the SQLite
    /// file, created when missing) and migrates its schema. Pass it as <c>FunctionHostOptions.Initialize</c>.
    /// </summary>
    /// <exception cref="InvalidOperationException">A setting is invalid, or the database is newer than this function.</exception>
    public static ValueTask InitializeShopAsync(this IServiceProvider services, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(services);
        return services.GetRequiredService<ShopStoreHolder>().OpenAsync(cancellationToken);
    }

    /// <summary>Which store <see cref="InitializeShopAsync"/> opened: <c>sqlite:&lt;path&gt;</c> or <c>postgres</c>; null before.</summary>
    public static string? StoreDescription(this IServiceProvider services)
        => services.GetService<ShopStoreHolder>()?.Description;
}

/// <summary>The one store of the process: opened by <see cref="OpenAsync"/>, closed when the container is disposed.</summary>
internal sealed class ShopStoreHolder(ShopSettings settings) : IAsyncDisposable
{
    private IShopStore? _store;

    /// <summary>The open store.</summary>
    /// <exception cref="InvalidOperationException">Asked for before <see cref="OpenAsync"/> ran.</exception>
    public IShopStore Store => _store ?? throw new InvalidOperationException(
        "The shop's store is not open: pass ShopServices.InitializeShopAsync as FunctionHostOptions.Initialize.");

    public string? Description { get; private set; }

    public async ValueTask OpenAsync(CancellationToken cancellationToken)
    {
        if (_store is not null)
        {
            return;
        }

        IShopStore store = settings.PostgresConnectionString is { } connectionString
            ? new PostgresShopStore(connectionString)
            : new SqliteShopStore(settings.SqlitePath);
        try
        {
            await store.MigrateAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await store.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        _store = store;
        Description = settings.PostgresConnectionString is null ? "sqlite:" + settings.SqlitePath : "postgres";
    }

    // The container also disposes the IShopStore it handed out; both stores' DisposeAsync may run twice.
    public ValueTask DisposeAsync() => _store?.DisposeAsync() ?? ValueTask.CompletedTask;
}
