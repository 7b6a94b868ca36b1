using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace ShopFunction.Tests.Fakes;

/// <summary>
/// Alipay's open-API gateway for <c>alipay.system.oauth.token</c>, as its documentation describes it: the
/// request's RSA2 signature is checked with the app's public key (SHA256withRSA over every parameter but
/// <c>sign</c>, sorted by name, <c>name=value</c> joined with <c>&amp;</c>), and each response is signed with
/// Alipay's key over the exact text of its <c>*_response</c> member. What each code gets is in the code:
/// <c>user-USERID</c> the user; <c>invalid</c> <c>isv.code-invalid</c>; <c>tamper-USERID</c> a response
/// whose user was changed after signing; <c>unsigned-USERID</c> no <c>sign</c>; <c>hang</c> no answer.
/// </summary>
internal sealed class FakeAlipay : FakePlatformServer
{
    /// <summary>What every successful response carries as <c>access_token</c>; it must appear nowhere the shop writes.</summary>
    public const string AccessToken = "ACCESSTOKEN-MUST-NOT-LEAK-composeB5c9d";

    private readonly string _appId;
    private readonly RSA _appPublicKey;
    private readonly RSA _alipayKey;

    /// <param name="appId">The app id requests must carry.</param>
    /// <param name="appPublicKey">The app's public key, to check request signatures.</param>
    /// <param name="alipayKey">The key Alipay signs responses with.</param>
    public FakeAlipay(string appId, RSA appPublicKey, RSA alipayKey)
    {
        _appId = appId;
        _appPublicKey = appPublicKey;
        _alipayKey = alipayKey;
    }

    protected override (int Status, string Body)? Answer(PlatformRequest request)
    {
        var parameters = new Dictionary<string, string>(request.Query, StringComparer.Ordinal);
        foreach (var (name, value) in request.Form)
        {
            parameters[name] = value;
        }

        if (request.Method != "POST" || request.Path != "/gateway.do" || parameters.GetValueOrDefault("method") != "alipay.system.oauth.token")
        {
            return Error("40004", "Business Failed", "isv.invalid-method", "the method is not alipay.system.oauth.token");
        }

        if (parameters.GetValueOrDefault("app_id") != _appId)
        {
            return Error("40002", "Invalid Arguments", "isv.invalid-app-id", "unknown app_id");
        }

        var content = string.Join('&', parameters.Where(p => p.Key != "sign" && p.Value.Length > 0).OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => p.Key + "=" + p.Value));
        if (parameters.GetValueOrDefault("sign_type") != "RSA2"
            || !Convert.TryFromBase64String(parameters.GetValueOrDefault("sign") ?? "", new byte[512], out var length)
            || !_appPublicKey.VerifyData(Encoding.UTF8.GetBytes(content), Convert.FromBase64String(parameters["sign"])[..length], HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1))
        {
            return Error("40002", "Invalid Arguments", "isv.invalid-signature", "the request's signature is wrong");
        }

        if (!DateTime.TryParseExact(parameters.GetValueOrDefault("timestamp"), "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture, DateTimeStyles.None, out _)
            || parameters.GetValueOrDefault("grant_type") != "authorization_code")
        {
            return Error("40002", "Invalid Arguments", "isv.invalid-parameter", "timestamp or grant_type");
        }

        var code = parameters.GetValueOrDefault("code") ?? "";
        var parts = code.Split('-', 2);
        return parts switch
        {
            ["user", var userId] => Signed("alipay_system_oauth_token_response", Token(userId)),
            ["tamper", var userId] => Tampered(userId),
            ["unsigned", var userId] => (200, new JsonObject { ["alipay_system_oauth_token_response"] = JsonNode.Parse(Token(userId)) }.ToJsonString()),
            ["hang"] => null,
            _ => Error("40002", "Invalid Arguments", "isv.code-invalid", "授权码code无效"),
        };
    }

    private static string Token(string userId) => new JsonObject
    {
        ["access_token"] = AccessToken,
        ["alipay_user_id"] = "20881" + userId,
        ["expires_in"] = 1296000,
        ["re_expires_in"] = 2592000,
        ["refresh_token"] = "REFRESHTOKEN-MUST-NOT-LEAK",
        ["user_id"] = userId,
    }.ToJsonString();

    private (int, string) Signed(string member, string node)
        => (200, $"{{\"{member}\":{node},\"sign\":\"{Sign(node)}\"}}");

    private (int, string) Tampered(string userId)
    {
        var genuine = Token(userId);
        var forged = genuine.Replace($"\"user_id\":\"{userId}\"", "\"user_id\":\"2088999999999999\"", StringComparison.Ordinal);
        return (200, $"{{\"alipay_system_oauth_token_response\":{forged},\"sign\":\"{Sign(genuine)}\"}}");
    }

    private (int, string) Error(string code, string message, string subCode, string subMessage)
        => Signed("error_response", new JsonObject { ["code"] = code, ["msg"] = message, ["sub_code"] = subCode, ["sub_msg"] = subMessage }.ToJsonString());

    private string Sign(string text) => Convert.ToBase64String(_alipayKey.SignData(Encoding.UTF8.GetBytes(text), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));
}
