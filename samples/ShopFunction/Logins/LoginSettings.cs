using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;

namespace ShopFunction.Logins;

/// <summary>
/// WeChat's <c>code2Session</c> settings: <c>SHOP_WECHAT_APPID</c> (the mini program's <c>wx</c> + 16 hex
/// digits), <c>SHOP_WECHAT_SECRET</c> (its AppSecret) and <c>SHOP_WECHAT_API</c> (the API's base address,
/// <c>https://api.weixin.qq.com</c> by default).
/// </summary>
internal sealed record WeChatSettings(string AppId, string Secret, Uri ApiBase)
{
    public const string AppIdVariable = "SHOP_WECHAT_APPID";
    public const string SecretVariable = "SHOP_WECHAT_SECRET";
    public const string ApiVariable = "SHOP_WECHAT_API";

    /// <summary>The address WeChat's documentation gives.</summary>
    public static readonly Uri DefaultApiBase = new("https://api.weixin.qq.com/");

    /// <summary>The settings, or <see langword="null"/> when neither the app id nor the secret is set.</summary>
    /// <exception cref="InvalidOperationException">Only one of them is set, or a value is malformed; the message names the variable.</exception>
    public static WeChatSettings? Read(Func<string, string?> environment)
    {
        var appId = LoginVariables.Value(environment, AppIdVariable);
        var secret = LoginVariables.Value(environment, SecretVariable);
        if (appId is null && secret is null)
        {
            return null;
        }

        LoginVariables.RequireBoth(AppIdVariable, appId, SecretVariable, secret);
        if (appId!.Length != 18 || !appId.StartsWith("wx", StringComparison.Ordinal) || appId.AsSpan(2).ContainsAnyExcept(LoginVariables.HexDigits))
        {
            throw new InvalidOperationException($"{AppIdVariable} must be a mini program's AppID: 'wx' and 16 hexadecimal digits.");
        }

        if (secret!.Length is < 16 or > 64 || secret.AsSpan().ContainsAnyExcept(LoginVariables.LettersAndDigits))
        {
            throw new InvalidOperationException($"{SecretVariable} must be the mini program's AppSecret: 16 to 64 letters and digits.");
        }

        return new WeChatSettings(appId, secret, LoginVariables.BaseAddress(environment, ApiVariable, DefaultApiBase));
    }

    // The secret never reaches a log line, even through a record's generated ToString.
    public override string ToString() => $"WeChatSettings {{ AppId = {AppId}, ApiBase = {ApiBase} }}";
}

/// <summary>
/// Alipay's <c>alipay.system.oauth.token</c> settings: <c>SHOP_ALIPAY_APPID</c>, <c>SHOP_ALIPAY_PRIVATE_KEY</c>
/// (the app's RSA private key, PKCS#8 or PKCS#1, PEM or bare base64 as Alipay's key tool writes it),
/// <c>SHOP_ALIPAY_PUBLIC_KEY</c> (Alipay's public key, which signs its responses) and <c>SHOP_ALIPAY_GATEWAY</c>
/// (<c>https://openapi.alipay.com/gateway.do</c> by default).
/// </summary>
internal sealed record AlipaySettings(string AppId, byte[] PrivateKeyPkcs8, byte[] AlipayPublicKey, Uri Gateway)
{
    public const string AppIdVariable = "SHOP_ALIPAY_APPID";
    public const string PrivateKeyVariable = "SHOP_ALIPAY_PRIVATE_KEY";
    public const string PublicKeyVariable = "SHOP_ALIPAY_PUBLIC_KEY";
    public const string GatewayVariable = "SHOP_ALIPAY_GATEWAY";

    /// <summary>The open-API gateway Alipay's documentation gives.</summary>
    public static readonly Uri DefaultGateway = new("https://openapi.alipay.com/gateway.do");

    /// <summary>The settings, or <see langword="null"/> when none of the app id and the two keys is set.</summary>
    /// <exception cref="InvalidOperationException">Some are missing or malformed; the message names the variable.</exception>
    public static AlipaySettings? Read(Func<string, string?> environment)
    {
        var appId = LoginVariables.Value(environment, AppIdVariable);
        var privateKey = LoginVariables.Value(environment, PrivateKeyVariable);
        var publicKey = LoginVariables.Value(environment, PublicKeyVariable);
        if (appId is null && privateKey is null && publicKey is null)
        {
            return null;
        }

        LoginVariables.RequireBoth(AppIdVariable, appId, PrivateKeyVariable, privateKey);
        LoginVariables.RequireBoth(AppIdVariable, appId, PublicKeyVariable, publicKey);
        if (appId!.Length is < 8 or > 32 || appId.AsSpan().ContainsAnyExceptInRange('0', '9'))
        {
            throw new InvalidOperationException($"{AppIdVariable} must be an Alipay app id: 8 to 32 digits.");
        }

        return new AlipaySettings(
            appId,
            RsaKeys.PrivateKeyPkcs8(privateKey!, PrivateKeyVariable),
            RsaKeys.PublicKeySpki(publicKey!, PublicKeyVariable),
            LoginVariables.BaseAddress(environment, GatewayVariable, DefaultGateway));
    }

    // The private key never reaches a log line, even through a record's generated ToString.
    public override string ToString() => $"AlipaySettings {{ AppId = {AppId}, Gateway = {Gateway} }}";
}

/// <summary>Reading the login variables.</summary>
internal static class LoginVariables
{
    public const string TimeoutVariable = "SHOP_LOGIN_TIMEOUT_SECONDS";

    public static readonly SearchValues<char> HexDigits = SearchValues.Create("0123456789abcdefABCDEF");

    public static readonly SearchValues<char> LettersAndDigits = SearchValues.Create("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ");

    public static string? Value(Func<string, string?> environment, string name)
        => environment(name) is { } value && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;

    public static void RequireBoth(string firstName, string? first, string secondName, string? second)
    {
        if (first is null || second is null)
        {
            throw new InvalidOperationException($"{(first is null ? firstName : secondName)} must be set when {(first is null ? secondName : firstName)} is.");
        }
    }

    /// <summary>An absolute http or https address; <paramref name="fallback"/> when unset.</summary>
    public static Uri BaseAddress(Func<string, string?> environment, string name, Uri fallback)
    {
        var text = Value(environment, name);
        if (text is null)
        {
            return fallback;
        }

        return Uri.TryCreate(text, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
            ? uri
            : throw new InvalidOperationException($"{name} must be an absolute http or https address, not '{text}'.");
    }

    /// <summary><c>SHOP_LOGIN_TIMEOUT_SECONDS</c>: how long one call to a platform may take (default 5, 1 to 30).</summary>
    public static TimeSpan Timeout(Func<string, string?> environment)
    {
        var text = Value(environment, TimeoutVariable);
        if (text is null)
        {
            return TimeSpan.FromSeconds(5);
        }

        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) && seconds is >= 1 and <= 30
            ? TimeSpan.FromSeconds(seconds)
            : throw new InvalidOperationException($"{TimeoutVariable} must be a whole number from 1 to 30, not '{text}'.");
    }
}

/// <summary>RSA keys as Alipay's key tool gives them: PEM, or the base64 of the DER without its armor.</summary>
internal static class RsaKeys
{
    /// <summary>The key as PKCS#8, from PKCS#8 or PKCS#1, PEM or base64.</summary>
    /// <exception cref="InvalidOperationException">It is not an RSA private key of at least 2048 bits; the message names <paramref name="variable"/>.</exception>
    public static byte[] PrivateKeyPkcs8(string text, string variable)
    {
        using var rsa = Import(text, variable, "an RSA private key (PKCS#8 or PKCS#1, PEM or base64)", static (rsa, der) => rsa.ImportPkcs8PrivateKey(der, out _), static (rsa, der) => rsa.ImportRSAPrivateKey(der, out _));
        return rsa.KeySize >= 2048
            ? rsa.ExportPkcs8PrivateKey()
            : throw new InvalidOperationException($"{variable} is a {rsa.KeySize}-bit key; RSA2 needs at least 2048 bits.");
    }

    /// <summary>The key as SubjectPublicKeyInfo, from SubjectPublicKeyInfo or PKCS#1, PEM or base64.</summary>
    /// <exception cref="InvalidOperationException">It is not an RSA public key; the message names <paramref name="variable"/>.</exception>
    public static byte[] PublicKeySpki(string text, string variable)
    {
        using var rsa = Import(text, variable, "an RSA public key (SubjectPublicKeyInfo or PKCS#1, PEM or base64)", static (rsa, der) => rsa.ImportSubjectPublicKeyInfo(der, out _), static (rsa, der) => rsa.ImportRSAPublicKey(der, out _));
        return rsa.ExportSubjectPublicKeyInfo();
    }

    /// <summary>The key from PEM, or from base64 DER in either of two encodings; the message names the variable, never the value.</summary>
    private static RSA Import(string text, string variable, string expected, Action<RSA, byte[]> first, Action<RSA, byte[]> second)
    {
        var rsa = RSA.Create();
        try
        {
            if (text.Contains("-----BEGIN", StringComparison.Ordinal))
            {
                rsa.ImportFromPem(text);
            }
            else
            {
                var der = Convert.FromBase64String(text);
                if (!TryImport(rsa, der, first) && !TryImport(rsa, der, second))
                {
                    throw new CryptographicException();
                }
            }

            return rsa;
        }
        catch (Exception ex) when (ex is CryptographicException or FormatException or ArgumentException)
        {
            rsa.Dispose();
            throw new InvalidOperationException($"{variable} is not {expected}.");
        }
    }

    private static bool TryImport(RSA rsa, byte[] der, Action<RSA, byte[]> import)
    {
        try
        {
            import(rsa, der);
            return true;
        }
        catch (CryptographicException)
        {
            return false;
        }
    }
}
