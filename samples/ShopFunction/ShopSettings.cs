using System.Globalization;
using Router.Runtime;

namespace ShopFunction;

/// <summary>
/// The shop's configuration, read from the environment once, when the function starts
/// (<see cref="ShopServices.InitializeShopAsync"/>). A bad value fails start-up with a message naming the
/// variable, which every host reports as <c>InitializationError</c>.
/// </summary>
internal sealed record ShopSettings
{
    /// <summary><c>SHOP_SQLITE_PATH</c>: the SQLite file (default <c>shopfunction/shop.db</c> under the temporary folder, which is <c>/tmp</c> on every platform, the one writable place on Lambda, SCF and FC).</summary>
    public required string SqlitePath { get; init; }

    /// <summary><c>SHOP_POSTGRES</c>: an Npgsql connection string; when set, PostgreSQL is used instead of SQLite.</summary>
    public string? PostgresConnectionString { get; init; }

    /// <summary><c>SHOP_SESSION_MINUTES</c>: how long a session lasts (default 1440, a day; 1 to 525600).</summary>
    public TimeSpan SessionLifetime { get; init; } = TimeSpan.FromDays(1);

    /// <summary><c>SHOP_PBKDF2_ITERATIONS</c>: the cost of new password hashes (default <see cref="Accounts.PasswordHasher.DefaultIterations"/>).</summary>
    public int PasswordIterations { get; init; } = Accounts.PasswordHasher.DefaultIterations;

    /// <summary>
    /// <c>SHOP_TRUST_PLATFORM_IDENTITY</c> (<c>true</c>/<c>false</c>, default false): accept the
    /// <c>userInfo.openId</c> that CloudBase puts into events from mini-program calls as the caller,
    /// without a session. Only safe where the platform, not the client, writes that field.
    /// </summary>
    public bool TrustPlatformIdentity { get; init; }

    /// <summary><c>SHOP_WECHAT_APPID</c>, <c>SHOP_WECHAT_SECRET</c>, <c>SHOP_WECHAT_API</c>: WeChat's code login, or <see langword="null"/> when not configured.</summary>
    public Logins.WeChatSettings? WeChat { get; init; }

    /// <summary><c>SHOP_ALIPAY_APPID</c>, <c>SHOP_ALIPAY_PRIVATE_KEY</c>, <c>SHOP_ALIPAY_PUBLIC_KEY</c>, <c>SHOP_ALIPAY_GATEWAY</c>: Alipay's code login, or <see langword="null"/>.</summary>
    public Logins.AlipaySettings? Alipay { get; init; }

    /// <summary><c>SHOP_LOGIN_TIMEOUT_SECONDS</c>: how long one call to WeChat or Alipay may take (default 5, 1 to 30).</summary>
    public TimeSpan LoginTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Every variable <see cref="Read"/> reads, declared once: the host gets them as
    /// <c>FunctionHostOptions.Settings</c>, and <c>manifest aws|fc|scf</c> writes them into each platform's
    /// description (secrets from the deployer's environment, never written).
    /// </summary>
    public static IReadOnlyList<FunctionSetting> Variables => s_variables;

    private static readonly FunctionSetting s_sqlitePath = new("SHOP_SQLITE_PATH", "The SQLite file, created and migrated at start (default: shopfunction/shop.db under the temporary folder, /tmp on every platform).");
    private static readonly FunctionSetting s_postgres = new("SHOP_POSTGRES", "An Npgsql connection string; when set, PostgreSQL is the store, for instances that must share state.") { IsSecret = true };
    private static readonly FunctionSetting s_sessionMinutes = new("SHOP_SESSION_MINUTES", "How long a session lasts, in minutes (1 to 525600).") { DefaultValue = "1440" };
    private static readonly FunctionSetting s_passwordIterations = new("SHOP_PBKDF2_ITERATIONS", "The PBKDF2 iterations of new password hashes.") { DefaultValue = Accounts.PasswordHasher.DefaultIterations.ToString(CultureInfo.InvariantCulture) };
    private static readonly FunctionSetting s_trustPlatformIdentity = new("SHOP_TRUST_PLATFORM_IDENTITY", "true to accept the CloudBase caller (context.Invocation.Caller) instead of a session.") { DefaultValue = "false" };

    private static readonly FunctionSetting[] s_variables =
    [
        s_sqlitePath,
        s_postgres,
        s_sessionMinutes,
        s_passwordIterations,
        s_trustPlatformIdentity,
        new(Logins.WeChatSettings.AppIdVariable, "The mini program's AppID (wx and 16 hexadecimal digits), for WeChat code login."),
        new(Logins.WeChatSettings.SecretVariable, "The mini program's AppSecret, for WeChat code login.") { IsSecret = true },
        new(Logins.WeChatSettings.ApiVariable, "Where code2Session is called.") { DefaultValue = Logins.WeChatSettings.DefaultApiBase.ToString() },
        new(Logins.AlipaySettings.AppIdVariable, "The Alipay app id (8 to 32 digits), for Alipay code login."),
        new(Logins.AlipaySettings.PrivateKeyVariable, "The app's RSA private key (PKCS#8 or PKCS#1, PEM or base64), for Alipay code login.") { IsSecret = true },
        new(Logins.AlipaySettings.PublicKeyVariable, "Alipay's RSA public key, which signs its answers, for Alipay code login."),
        new(Logins.AlipaySettings.GatewayVariable, "Where alipay.system.oauth.token is called.") { DefaultValue = Logins.AlipaySettings.DefaultGateway.ToString() },
        new(Logins.LoginVariables.TimeoutVariable, "How long one call to WeChat or Alipay may take, in seconds (1 to 30).") { DefaultValue = "5" },
    ];

    /// <summary>Reads the settings.</summary>
    /// <exception cref="InvalidOperationException">A variable is set to a value out of its range; the message names it.</exception>
    public static ShopSettings Read(Func<string, string?> environment)
    {
        var sqlite = s_sqlitePath.Read(environment);
        var postgres = s_postgres.Read(environment);
        return new ShopSettings
        {
            SqlitePath = sqlite ?? Path.Combine(Path.GetTempPath(), "shopfunction", "shop.db"),
            PostgresConnectionString = postgres,
            SessionLifetime = TimeSpan.FromMinutes(ReadInt(environment, s_sessionMinutes.Name, 1, 525_600, 1_440)),
            PasswordIterations = ReadInt(environment, s_passwordIterations.Name, 1, 10_000_000, Accounts.PasswordHasher.DefaultIterations),
            TrustPlatformIdentity = ReadBool(environment, s_trustPlatformIdentity.Name),
            WeChat = Logins.WeChatSettings.Read(environment),
            Alipay = Logins.AlipaySettings.Read(environment),
            LoginTimeout = Logins.LoginVariables.Timeout(environment),
        };
    }

    private static int ReadInt(Func<string, string?> environment, string name, int min, int max, int fallback)
    {
        var text = environment(name);
        if (string.IsNullOrWhiteSpace(text))
        {
            return fallback;
        }

        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max
            ? value
            : throw new InvalidOperationException($"{name} must be a whole number from {min} to {max}, not '{text}'.");
    }

    private static bool ReadBool(Func<string, string?> environment, string name)
        => environment(name) switch
        {
            null or "" => false,
            var text when bool.TryParse(text, out var value) => value,
            var text => throw new InvalidOperationException($"{name} must be true or false, not '{text}'."),
        };
}
