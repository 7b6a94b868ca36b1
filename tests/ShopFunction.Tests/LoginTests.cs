using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using ShopFunction.Tests.Fakes;
using static ShopFunction.Tests.ShopHarness;

namespace ShopFunction.Tests;

/// <summary>
/// <c>session/create</c>, seed 001's code login, against loopback fakes of WeChat's <c>code2Session</c> and
/// Alipay's <c>alipay.system.oauth.token</c> written from their documented APIs.
/// </summary>
public sealed class LoginTests
{
    internal const string WeChatAppId = "wx5f2c8a1b3d4e6f70";
    internal const string WeChatSecret = "SECRETMUSTNOTLEAK0123456789abcdef";
    internal const string AlipayAppId = "2021004123456789";

    internal static Dictionary<string, string> WeChatEnvironment(FakeWeChat fake) => new()
    {
        ["SHOP_WECHAT_APPID"] = WeChatAppId,
        ["SHOP_WECHAT_SECRET"] = WeChatSecret,
        ["SHOP_WECHAT_API"] = fake.BaseAddress,
        ["SHOP_LOGIN_TIMEOUT_SECONDS"] = TestLoginTimeoutSeconds,
    };

    /// <summary>
    /// The login timeout the tests run with: short, as the "hang" cases wait it out, yet with room for a fake
    /// platform's first RSA signature on a machine that is busy (1 second failed once under a fuzzer's load).
    /// </summary>
    internal const string TestLoginTimeoutSeconds = "3";

    private static string CodeLogin(string platform, string code) => Event("session/create", ("platform", platform), ("code", code));

    private static string SessionOf(JsonElement reply)
    {
        AssertCode(0, reply);
        return reply.GetProperty("sessionId").GetString()!;
    }

    /// <summary>Everything the shop wrote: the log, and the database file (with its write-ahead log).</summary>
    private static string Written(ShopHarness shop)
    {
        var text = new StringBuilder(shop.Log.ToString());
        var path = shop.Environment["SHOP_SQLITE_PATH"];
        foreach (var file in new[] { path, path + "-wal" }.Where(File.Exists))
        {
            using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var reader = new StreamReader(stream, Encoding.Latin1);
            text.Append(reader.ReadToEnd());
        }

        return text.ToString();
    }

    [Fact]
    public async Task WeChat_CodeBecomesASession_ThatOrders_AndASecondCodeOfTheUserListsTheOrder()
    {
        await using var weChat = new FakeWeChat(WeChatAppId, WeChatSecret);
        await using var shop = await StartAsync(extra: WeChatEnvironment(weChat));

        var first = await shop.CallAsync(CodeLogin("wechat", "user-oAbC123"));
        var orderId = await shop.MakeOrderAsync(SessionOf(first), "xxxx", 3);
        var second = await shop.CallAsync(CodeLogin("wechat", "user-oAbC123"));
        var orders = await shop.CallAsync(Event("pay/orders", ("sessionId", SessionOf(second))));

        Assert.Equal(Start.AddDays(1), first.GetProperty("expiresAt").GetDateTimeOffset());
        Assert.NotEqual(SessionOf(first), SessionOf(second));
        Assert.Equal(orderId, Assert.Single(orders.GetProperty("orders").EnumerateArray()).GetProperty("orderId").GetString());
        var request = weChat.Requests.First();
        Assert.Equal("GET", request.Method);
        Assert.Equal("/sns/jscode2session", request.Path);
        Assert.Equal(
            new Dictionary<string, string> { ["appid"] = WeChatAppId, ["secret"] = WeChatSecret, ["js_code"] = "user-oAbC123", ["grant_type"] = "authorization_code" },
            request.Query);
    }

    [Theory]
    [InlineData("err-40029", 4001)]
    [InlineData("err-40163", 4001)]
    [InlineData("err-45011", 4002)]
    [InlineData("err-40226", 4003)]
    [InlineData("err-61024", 4002)]
    [InlineData("http-503", 4002)]
    public async Task WeChat_Errors_AreBusinessAnswers(string code, int expected)
    {
        await using var weChat = new FakeWeChat(WeChatAppId, WeChatSecret);
        await using var shop = await StartAsync(extra: WeChatEnvironment(weChat));

        var reply = await shop.CallAsync(CodeLogin("wechat", code));

        AssertCode(expected, reply);
        Assert.Single(weChat.Requests);
    }

    [Fact]
    public async Task WeChat_Busy_IsRetriedOnce_ThenAnswered()
    {
        await using var weChat = new FakeWeChat(WeChatAppId, WeChatSecret);
        await using var shop = await StartAsync(extra: WeChatEnvironment(weChat));

        var retried = await shop.CallAsync(CodeLogin("wechat", "busy-oBusy1"));
        var stillBusy = await shop.CallAsync(CodeLogin("wechat", "err--1"));

        SessionOf(retried);
        Assert.Equal(2, weChat.Requests.Count(r => r.Query["js_code"] == "busy-oBusy1"));
        AssertCode(4002, stillBusy);
        Assert.Equal(2, weChat.Requests.Count(r => r.Query["js_code"] == "err--1"));
    }

    [Fact]
    public async Task WeChat_ServerThatNeverAnswers_Is4002_AfterTheTimeout()
    {
        await using var weChat = new FakeWeChat(WeChatAppId, WeChatSecret);
        await using var shop = await StartAsync(extra: WeChatEnvironment(weChat));

        // The timeout is SHOP_LOGIN_TIMEOUT_SECONDS (TestLoginTimeoutSeconds); WaitAsync only keeps a broken build from hanging the run.
        var reply = await shop.CallAsync(CodeLogin("wechat", "hang")).WaitAsync(TimeSpan.FromSeconds(30));

        AssertCode(4002, reply);
        Assert.Contains("no answer within the timeout", shop.Log.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task WeChat_RefusedConnection_Is4002()
    {
        var nothingListens = new Dictionary<string, string>
        {
            ["SHOP_WECHAT_APPID"] = WeChatAppId,
            ["SHOP_WECHAT_SECRET"] = WeChatSecret,
            ["SHOP_WECHAT_API"] = $"http://127.0.0.1:{LoopbackPorts.Free()}",
        };
        await using var shop = await StartAsync(extra: nothingListens);

        AssertCode(4002, await shop.CallAsync(CodeLogin("wechat", "user-oNobody")));
        Assert.Contains("could not be reached (ConnectionError)", shop.Log.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task WeChat_SecretAndSessionKey_AppearInNoBodyLogOrDatabase()
    {
        await using var weChat = new FakeWeChat(WeChatAppId, WeChatSecret);
        await using var shop = await StartAsync(extra: WeChatEnvironment(weChat));

        var bodies = new StringBuilder();
        foreach (var code in new[] { "user-oSecret1", "err-40029", "err-99999", "busy-oSecret2", "hang", "http-500" })
        {
            bodies.Append((await shop.CallAsync(CodeLogin("wechat", code))).GetRawText());
        }

        var everything = bodies + Written(shop);
        Assert.Contains("oSecret1", everything, StringComparison.Ordinal); // the database was read
        Assert.DoesNotContain(WeChatSecret, everything, StringComparison.Ordinal);
        Assert.DoesNotContain(FakeWeChat.SessionKey, everything, StringComparison.Ordinal);
        Assert.DoesNotContain("jscode2session", shop.Log.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task WeChat_ConcurrentFirstLogins_OfOneUser_CreateOneAccount()
    {
        await using var weChat = new FakeWeChat(WeChatAppId, WeChatSecret);
        await using var shop = await StartAsync(extra: WeChatEnvironment(weChat));

        var sessions = await Task.WhenAll(Enumerable.Range(0, 8).Select(async _ => SessionOf(await shop.CallAsync(CodeLogin("wechat", "user-oRacer")))));
        foreach (var session in sessions)
        {
            await shop.MakeOrderAsync(session);
        }

        // One account: each session sees all eight orders.
        foreach (var session in sessions)
        {
            Assert.Equal(8, (await shop.CallAsync(Event("pay/orders", ("sessionId", session)))).GetProperty("orders").GetArrayLength());
        }
    }

    [Fact]
    public async Task WeChat_UnionId_ReachesTheSameAccountFromAnotherAppId()
    {
        await using var weChat = new FakeWeChat(WeChatAppId, WeChatSecret);
        await using var shop = await StartAsync(extra: WeChatEnvironment(weChat));

        var here = SessionOf(await shop.CallAsync(CodeLogin("wechat", "union-oAppOne-uShared")));
        await shop.MakeOrderAsync(here);
        // The same person through the developer's other mini program: another openid, the same unionid.
        var there = SessionOf(await shop.CallAsync(CodeLogin("wechat", "union-oAppTwo-uShared")));
        var stranger = SessionOf(await shop.CallAsync(CodeLogin("wechat", "user-oAppTwoStranger")));

        Assert.Single((await shop.CallAsync(Event("pay/orders", ("sessionId", there)))).GetProperty("orders").EnumerateArray());
        Assert.Empty((await shop.CallAsync(Event("pay/orders", ("sessionId", stranger)))).GetProperty("orders").EnumerateArray());
    }

    [Fact]
    public async Task PlatformAccounts_CannotBeReachedWithAPassword()
    {
        await using var alipayKeys = AlipayKeys.Create();
        await using var alipay = alipayKeys.Fake();
        await using var shop = await StartAsync(extra: alipayKeys.Environment(alipay));
        SessionOf(await shop.CallAsync(CodeLogin("alipay", "user-2088102150477652")));

        // The account's name key is "alipay:2088102150477652"; it has no password, and says so to no one.
        var reply = await shop.CallAsync(Event("user/login", ("name", "alipay:2088102150477652"), ("password", "")));

        Assert.Equal("""{"code":1004,"message":"wrong name or password"}""", reply.GetRawText());
    }

    [Theory]
    [InlineData("wechat", "SHOP_WECHAT_APPID, SHOP_WECHAT_SECRET")]
    [InlineData("alipay", "SHOP_ALIPAY_APPID, SHOP_ALIPAY_PRIVATE_KEY, SHOP_ALIPAY_PUBLIC_KEY")]
    public async Task PlatformNotConfigured_Is4004_NamingTheVariables(string platform, string variables)
    {
        await using var shop = await StartAsync();

        var reply = await shop.CallAsync(CodeLogin(platform, "user-x"));

        AssertCode(4004, reply);
        Assert.EndsWith("set " + variables, reply.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{ "$url": "session/create", "platform": "qq", "code": "abc" }""", 4004)]
    [InlineData("""{ "$url": "session/create", "platform": "wechat" }""", 4001)]
    [InlineData("""{ "$url": "session/create", "platform": "wechat", "code": "two words" }""", 4001)]
    public async Task BadCodeLoginEvents_AreBusinessAnswers_WithoutACallToThePlatform(string json, int expected)
    {
        await using var weChat = new FakeWeChat(WeChatAppId, WeChatSecret);
        await using var shop = await StartAsync(extra: WeChatEnvironment(weChat));

        AssertCode(expected, await shop.CallAsync(json));
        Assert.Empty(weChat.Requests);
    }

    [Theory]
    [InlineData("SHOP_WECHAT_APPID", "wx-not-an-appid", "SHOP_WECHAT_APPID must be a mini program's AppID")]
    [InlineData("SHOP_WECHAT_SECRET", "short", "SHOP_WECHAT_SECRET must be the mini program's AppSecret")]
    [InlineData("SHOP_WECHAT_API", "ftp://example.com", "SHOP_WECHAT_API must be an absolute http or https address")]
    [InlineData("SHOP_ALIPAY_PRIVATE_KEY", "bm90IGEga2V5", "SHOP_ALIPAY_PRIVATE_KEY is not an RSA private key")]
    [InlineData("SHOP_ALIPAY_PUBLIC_KEY", "-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----", "SHOP_ALIPAY_PUBLIC_KEY is not an RSA public key")]
    [InlineData("SHOP_ALIPAY_APPID", "app-one", "SHOP_ALIPAY_APPID must be an Alipay app id")]
    [InlineData("SHOP_LOGIN_TIMEOUT_SECONDS", "0", "SHOP_LOGIN_TIMEOUT_SECONDS must be a whole number from 1 to 30")]
    public async Task BadLoginSetting_FailsStartUp_NamingTheVariable(string variable, string value, string message)
    {
        await using var alipayKeys = AlipayKeys.Create();
        var environment = new Dictionary<string, string>
        {
            ["SHOP_WECHAT_APPID"] = WeChatAppId,
            ["SHOP_WECHAT_SECRET"] = WeChatSecret,
            ["SHOP_ALIPAY_APPID"] = AlipayAppId,
            ["SHOP_ALIPAY_PRIVATE_KEY"] = alipayKeys.AppPrivateKey,
            ["SHOP_ALIPAY_PUBLIC_KEY"] = alipayKeys.AlipayPublicKey,
            [variable] = value,
        };

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => StartAsync(extra: environment));

        Assert.StartsWith(message, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(WeChatSecret, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HalfConfiguredPlatform_FailsStartUp_NamingTheMissingVariable()
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => StartAsync(extra: new Dictionary<string, string> { ["SHOP_WECHAT_APPID"] = WeChatAppId }));

        Assert.Equal("SHOP_WECHAT_SECRET must be set when SHOP_WECHAT_APPID is.", error.Message);
    }

    [Fact]
    public async Task Alipay_CodeBecomesASession_ThatOrders_AndASecondCodeOfTheUserListsTheOrder()
    {
        await using var keys = AlipayKeys.Create();
        await using var alipay = keys.Fake();
        await using var shop = await StartAsync(extra: keys.Environment(alipay));

        var first = SessionOf(await shop.CallAsync(CodeLogin("alipay", "user-2088102150477652")));
        var orderId = await shop.MakeOrderAsync(first);
        var second = SessionOf(await shop.CallAsync(CodeLogin("alipay", "user-2088102150477652")));
        var orders = await shop.CallAsync(Event("pay/orders", ("sessionId", second)));

        Assert.Equal(orderId, Assert.Single(orders.GetProperty("orders").EnumerateArray()).GetProperty("orderId").GetString());
        var request = alipay.Requests.First();
        Assert.Equal("POST", request.Method);
        Assert.Equal("/gateway.do", request.Path);
        Assert.Equal(["app_id", "charset", "format", "method", "sign", "sign_type", "timestamp", "version"], request.Query.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(AlipayAppId, request.Query["app_id"]);
        Assert.Equal("alipay.system.oauth.token", request.Query["method"]);
        Assert.Equal(("JSON", "utf-8", "RSA2", "1.0"), (request.Query["format"], request.Query["charset"], request.Query["sign_type"], request.Query["version"]));
        // Beijing time (UTC+8) of the shop's clock.
        Assert.Equal("2026-11-22 16:00:00", request.Query["timestamp"]);
        Assert.Equal(new Dictionary<string, string> { ["grant_type"] = "authorization_code", ["code"] = "user-2088102150477652" }, request.Form);
        Assert.StartsWith("application/x-www-form-urlencoded", request.ContentType, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Alipay_InvalidCode_Is4001()
    {
        await using var keys = AlipayKeys.Create();
        await using var alipay = keys.Fake();
        await using var shop = await StartAsync(extra: keys.Environment(alipay));

        AssertCode(4001, await shop.CallAsync(CodeLogin("alipay", "spent-code")));
    }

    [Theory]
    [InlineData("tamper-2088102150477652", "wrong")]
    [InlineData("unsigned-2088102150477652", "missing")]
    public async Task Alipay_BadOrMissingSignature_Is4002_AndAWarning_NeverASession(string code, string problem)
    {
        await using var keys = AlipayKeys.Create();
        await using var alipay = keys.Fake();
        await using var shop = await StartAsync(extra: keys.Environment(alipay));

        var reply = await shop.CallAsync(CodeLogin("alipay", code));

        AssertCode(4002, reply);
        Assert.False(reply.TryGetProperty("sessionId", out _));
        Assert.Matches($@"\twarn\tAlipay login: the response's signature is {problem}; no session is made", shop.Log.ToString());
    }

    [Fact]
    public async Task Alipay_ResponseSignedWithAnotherKey_Is4002()
    {
        await using var keys = AlipayKeys.Create();
        using var impostor = RSA.Create(2048);
        await using var alipay = new FakeAlipay(AlipayAppId, keys.AppKey, impostor);
        await using var shop = await StartAsync(extra: keys.Environment(alipay));

        AssertCode(4002, await shop.CallAsync(CodeLogin("alipay", "user-2088102150477652")));
    }

    [Fact]
    public async Task Alipay_ServerThatNeverAnswers_Is4002()
    {
        await using var keys = AlipayKeys.Create();
        await using var alipay = keys.Fake();
        await using var shop = await StartAsync(extra: keys.Environment(alipay));

        AssertCode(4002, await shop.CallAsync(CodeLogin("alipay", "hang")).WaitAsync(TimeSpan.FromSeconds(30)));
    }

    [Fact]
    public async Task Alipay_TokensAndPrivateKey_AppearInNoBodyLogOrDatabase()
    {
        await using var keys = AlipayKeys.Create();
        await using var alipay = keys.Fake();
        await using var shop = await StartAsync(extra: keys.Environment(alipay));

        var bodies = new StringBuilder();
        foreach (var code in new[] { "user-2088102150477652", "spent", "tamper-2088102150477653", "unsigned-2088102150477654" })
        {
            bodies.Append((await shop.CallAsync(CodeLogin("alipay", code))).GetRawText());
        }

        var everything = bodies + Written(shop);
        Assert.Contains("2088102150477652", everything, StringComparison.Ordinal);
        Assert.DoesNotContain(FakeAlipay.AccessToken, everything, StringComparison.Ordinal);
        Assert.DoesNotContain("REFRESHTOKEN", everything, StringComparison.Ordinal);
        Assert.DoesNotContain(keys.AppPrivateKey[..40], everything, StringComparison.Ordinal);
    }
}

/// <summary>An app key pair (the shop signs with its private half) and Alipay's (its public half checks responses).</summary>
internal sealed class AlipayKeys : IAsyncDisposable
{
    private AlipayKeys(RSA appKey, RSA alipayKey)
    {
        AppKey = appKey;
        AlipayKey = alipayKey;
    }

    public RSA AppKey { get; }

    public RSA AlipayKey { get; }

    /// <summary>The app's private key as Alipay's key tool writes it: base64 PKCS#8, no armor.</summary>
    public string AppPrivateKey => Convert.ToBase64String(AppKey.ExportPkcs8PrivateKey());

    /// <summary>Alipay's public key as its console shows it: base64 SubjectPublicKeyInfo.</summary>
    public string AlipayPublicKey => Convert.ToBase64String(AlipayKey.ExportSubjectPublicKeyInfo());

    public static AlipayKeys Create() => new(RSA.Create(2048), RSA.Create(2048));

    public FakeAlipay Fake() => new(LoginTests.AlipayAppId, AppKey, AlipayKey);

    public Dictionary<string, string> Environment(FakeAlipay fake) => new()
    {
        ["SHOP_ALIPAY_APPID"] = LoginTests.AlipayAppId,
        ["SHOP_ALIPAY_PRIVATE_KEY"] = AppPrivateKey,
        ["SHOP_ALIPAY_PUBLIC_KEY"] = AlipayPublicKey,
        ["SHOP_ALIPAY_GATEWAY"] = fake.BaseAddress + "/gateway.do",
        ["SHOP_LOGIN_TIMEOUT_SECONDS"] = LoginTests.TestLoginTimeoutSeconds,
    };

    public ValueTask DisposeAsync()
    {
        AppKey.Dispose();
        AlipayKey.Dispose();
        return ValueTask.CompletedTask;
    }
}
