using System.Text.Json.Serialization;

namespace ShopFunction.Logins;

/// <summary>
/// WeChat's <c>code2Session</c> reply: <c>openid</c>, <c>session_key</c> and, when the platform may give it,
/// <c>unionid</c>; or <c>errcode</c> and <c>errmsg</c>. <c>session_key</c> is read by no code and kept nowhere.
/// </summary>
internal sealed record WeChatSessionReply(
    [property: JsonPropertyName("openid")] string? OpenId,
    [property: JsonPropertyName("unionid")] string? UnionId,
    [property: JsonPropertyName("errcode")] int? ErrorCode,
    [property: JsonPropertyName("errmsg")] string? ErrorMessage);

/// <summary>Alipay's <c>alipay_system_oauth_token_response</c>: the user (<c>user_id</c>, or <c>open_id</c> for apps on Alipay's newer ids). The tokens are not read.</summary>
internal sealed record AlipayTokenReply(
    [property: JsonPropertyName("user_id")] string? UserId,
    [property: JsonPropertyName("open_id")] string? OpenId);

/// <summary>Alipay's <c>error_response</c>.</summary>
internal sealed record AlipayErrorReply(
    [property: JsonPropertyName("code")] string? Code,
    [property: JsonPropertyName("msg")] string? Message,
    [property: JsonPropertyName("sub_code")] string? SubCode,
    [property: JsonPropertyName("sub_msg")] string? SubMessage);

/// <summary>The platforms' JSON, generated at compile time (no reflection, NativeAOT-safe).</summary>
[JsonSerializable(typeof(WeChatSessionReply))]
[JsonSerializable(typeof(AlipayTokenReply))]
[JsonSerializable(typeof(AlipayErrorReply))]
internal sealed partial class LoginJson : JsonSerializerContext;
