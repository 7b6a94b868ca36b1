using ShopFunction.Errors;

namespace ShopFunction.Logins;

/// <summary>
/// Who a platform says the code's user is: <paramref name="Platform"/> (<c>wechat</c> or <c>alipay</c>), the
/// platform's user id for this app (WeChat's <c>openid</c>, Alipay's <c>user_id</c>) and, on WeChat, the
/// <c>unionid</c> shared by the developer's apps when the platform gives one.
/// </summary>
internal sealed record PlatformIdentity(string Platform, string UserId, string? UnionId);

/// <summary>
/// Trades a mini program's login code for the user's identity on the platform that issued it: WeChat's
/// <c>code2Session</c> or Alipay's <c>alipay.system.oauth.token</c>. Each failure is a
/// <see cref="ShopError"/> (4001 to 4004), never an exception the runtime would turn into <c>HandlerError</c>.
/// </summary>
internal sealed class PlatformLogins(WeChatLogin? weChat, AlipayLogin? alipay)
{
    public const string WeChat = "wechat";
    public const string Alipay = "alipay";

    /// <summary>The longest code accepted; both platforms' codes are far shorter.</summary>
    public const int MaxCodeLength = 256;

    /// <exception cref="ShopError">4001 a code the platform refused or that cannot be one, 4002 the platform failed or could not be
    /// trusted, 4003 the user is blocked, 4004 the platform is unknown or not configured.</exception>
    public Task<PlatformIdentity> ExchangeAsync(string? platform, string? code, CancellationToken cancellationToken)
    {
        if (code is not { Length: > 0 and <= MaxCodeLength } || code.AsSpan().ContainsAnyExceptInRange('!', '~'))
        {
            throw new ShopError(ShopErrorCodes.LoginCodeInvalid, $"code must be the login code the mini program got (1 to {MaxCodeLength} visible ASCII characters)");
        }

        return platform switch
        {
            WeChat => (weChat ?? throw NotConfigured("WeChat", WeChatSettings.AppIdVariable, WeChatSettings.SecretVariable)).ExchangeAsync(code, cancellationToken),
            Alipay => (alipay ?? throw NotConfigured("Alipay", AlipaySettings.AppIdVariable, AlipaySettings.PrivateKeyVariable, AlipaySettings.PublicKeyVariable)).ExchangeAsync(code, cancellationToken),
            _ => throw new ShopError(ShopErrorCodes.LoginPlatformUnavailable, "platform must be \"wechat\" or \"alipay\""),
        };
    }

    private static ShopError NotConfigured(string platform, params string[] variables)
        => new(ShopErrorCodes.LoginPlatformUnavailable, $"{platform} login is not configured: set {string.Join(", ", variables)}");
}
