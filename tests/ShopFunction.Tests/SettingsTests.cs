namespace ShopFunction.Tests;

/// <summary>
/// The shop's settings are declared once (<see cref="ShopSettings.Variables"/>, what <c>manifest</c> writes
/// into each platform's description): every variable the shop reads is declared, and every declared one is read.
/// </summary>
public sealed class SettingsTests
{
    [Fact]
    public async Task EveryVariableTheShopReads_IsDeclared_AndEveryDeclaredOneIsRead()
    {
        // Unconfigured, and with both code logins configured (their API addresses are read only then).
        await using var keys = AlipayKeys.Create();
        var configured = new Dictionary<string, string>
        {
            ["SHOP_WECHAT_APPID"] = LoginTests.WeChatAppId,
            ["SHOP_WECHAT_SECRET"] = LoginTests.WeChatSecret,
            ["SHOP_ALIPAY_APPID"] = LoginTests.AlipayAppId,
            ["SHOP_ALIPAY_PRIVATE_KEY"] = keys.AppPrivateKey,
            ["SHOP_ALIPAY_PUBLIC_KEY"] = keys.AlipayPublicKey,
        };
        var asked = new HashSet<string>(StringComparer.Ordinal);
        foreach (var environment in new[] { new Dictionary<string, string>(), configured })
        {
            ShopSettings.Read(name =>
            {
                asked.Add(name);
                return environment.GetValueOrDefault(name);
            });
        }

        Assert.Equal(asked.Order(StringComparer.Ordinal), ShopSettings.Variables.Select(v => v.Name).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void TheCredentialsAreSecrets_AndNoSecretHasADefault()
    {
        var secrets = ShopSettings.Variables.Where(v => v.IsSecret).Select(v => v.Name).Order(StringComparer.Ordinal);

        Assert.Equal(["SHOP_ALIPAY_PRIVATE_KEY", "SHOP_POSTGRES", "SHOP_WECHAT_SECRET"], secrets);
        Assert.All(ShopSettings.Variables.Where(v => v.IsSecret), v => Assert.Null(v.DefaultValue));
    }
}
