using System.Collections.Concurrent;
using System.Text.Json.Nodes;

namespace ShopFunction.Tests.Fakes;

/// <summary>
/// WeChat's <c>code2Session</c> as its documentation describes it: <c>GET /sns/jscode2session?appid&amp;secret&amp;js_code&amp;grant_type=authorization_code</c>,
/// answered with <c>openid</c>, <c>session_key</c> and (when given) <c>unionid</c>, or <c>errcode</c>/<c>errmsg</c>:
/// 40013 for an unknown appid, 40125 for a wrong secret. What each code gets is written in the code:
/// <list type="bullet">
/// <item><c>user-OPENID</c>, <c>union-OPENID-UNIONID</c>: a session of that user.</item>
/// <item><c>err-N</c>: errcode N (<c>err--1</c> is -1, busy).</item>
/// <item><c>busy-OPENID</c>: -1 the first time, then the user.</item>
/// <item><c>http-503</c>: that HTTP status; <c>hang</c>: no answer at all.</item>
/// </list>
/// </summary>
internal sealed class FakeWeChat(string appId, string secret) : FakePlatformServer
{
    /// <summary>What every successful reply carries as <c>session_key</c>; it must appear nowhere the shop writes.</summary>
    public const string SessionKey = "SESSIONKEY-MUST-NOT-LEAK-tiihtNczf5v6AKRyjwEUhQ==";

    private readonly ConcurrentDictionary<string, int> _calls = new();

    protected override (int Status, string Body)? Answer(PlatformRequest request)
    {
        if (request.Method != "GET" || request.Path != "/sns/jscode2session" || request.Query.GetValueOrDefault("grant_type") != "authorization_code")
        {
            return Error(40002, "invalid grant_type");
        }

        if (request.Query.GetValueOrDefault("appid") != appId)
        {
            return Error(40013, "invalid appid");
        }

        if (request.Query.GetValueOrDefault("secret") != secret)
        {
            return Error(40125, "invalid appsecret");
        }

        var code = request.Query.GetValueOrDefault("js_code") ?? "";
        var calls = _calls.AddOrUpdate(code, 1, (_, n) => n + 1);
        var parts = code.Split('-', 3);
        return parts switch
        {
            ["user", var openId] => User(openId, null),
            ["union", var openId, var unionId] => User(openId, unionId),
            ["busy", var openId] => calls == 1 ? Error(-1, "system error") : User(openId, null),
            ["err", "", var negative] => Error(-int.Parse(negative, System.Globalization.CultureInfo.InvariantCulture), "system error"),
            ["err", var number] => Error(int.Parse(number, System.Globalization.CultureInfo.InvariantCulture), "error " + number),
            ["http", var status] => (int.Parse(status, System.Globalization.CultureInfo.InvariantCulture), "{}"),
            ["hang"] => null,
            _ => Error(40029, "invalid code, rid: 6751a2b4-1c2d3e4f"),
        };
    }

    private static (int, string) User(string openId, string? unionId)
    {
        var reply = new JsonObject { ["session_key"] = SessionKey, ["openid"] = openId };
        if (unionId is not null)
        {
            reply["unionid"] = unionId;
        }

        return (200, reply.ToJsonString());
    }

    private static (int, string) Error(int code, string message)
        => (200, new JsonObject { ["errcode"] = code, ["errmsg"] = message }.ToJsonString());
}
