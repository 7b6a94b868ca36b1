using System.Text.Json.Nodes;
using Router;
using static ShopFunction.Tests.ShopHarness;

namespace ShopFunction.Tests;

/// <summary>RequireSession on every <c>pay/*</c> route: missing, unknown and expired sessions are refused before the handler runs.</summary>
public sealed class SessionTests : IAsyncLifetime
{
    private const string CallFunctionEvent = """
        { "$url": "pay/makeOrder", "id": "xxxx", "amount": "3",
          "userInfo": { "appId": "wx0123456789abcdef", "openId": "oABC-openid-example" } }
        """;

    private ShopHarness _shop = null!;

    public async Task InitializeAsync() => _shop = await StartAsync();

    public async Task DisposeAsync() => await _shop.DisposeAsync();

    public static TheoryData<string> PayRoutes => new() { "pay/makeOrder", "pay/pay", "pay/orders" };

    [Theory]
    [MemberData(nameof(PayRoutes))]
    public async Task NoSessionId_IsSessionRequired(string route)
    {
        var reply = await _shop.CallAsync(Event(route, ("id", "no-such-item"), ("orderId", "o_none")));

        // The handler would have answered 3001 or 3003: the middleware refused first.
        Assert.Equal("""{"code":2001,"message":"sessionId is required: log in with user/login first"}""", reply.GetRawText());
    }

    [Theory]
    [InlineData("42")]
    [InlineData("null")]
    [InlineData("\"\"")]
    [InlineData("{}")]
    public async Task SessionIdThatIsNoString_IsSessionRequired(string sessionJson)
        => AssertCode(2001, await _shop.CallAsync(Event("pay/orders", ("sessionId", JsonNode.Parse(sessionJson)))));

    [Theory]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")] // well formed, never issued
    [InlineData("x")]
    [InlineData("../../etc/passwd")]
    public async Task UnknownSession_IsSessionUnknown(string sessionId)
    {
        var reply = await _shop.CallAsync(Event("pay/makeOrder", ("sessionId", sessionId), ("id", "no-such-item"), ("amount", 1)));

        Assert.Equal("""{"code":2002,"message":"the session is unknown: log in again"}""", reply.GetRawText());
    }

    [Fact]
    public async Task Session_WorksUntilItsExpiry_ThenIsSessionExpired()
    {
        var session = await _shop.SignUpAsync();

        _shop.Time.Advance(TimeSpan.FromDays(1) - TimeSpan.FromMilliseconds(1));
        AssertCode(0, await _shop.CallAsync(Event("pay/orders", ("sessionId", session))));

        _shop.Time.Advance(TimeSpan.FromMilliseconds(1));
        var reply = await _shop.CallAsync(Event("pay/makeOrder", ("sessionId", session), ("id", "no-such-item"), ("amount", 1)));
        Assert.Equal("""{"code":2003,"message":"the session has expired: log in again"}""", reply.GetRawText());
    }

    [Fact]
    public async Task SessionLifetime_ComesFromTheEnvironment()
    {
        await using var shop = await StartAsync(extra: new Dictionary<string, string> { ["SHOP_SESSION_MINUTES"] = "5" });
        var name = Stores.UniqueName();
        await shop.SignUpAsync(name);

        var login = await shop.CallAsync(Event("user/login", ("name", name), ("password", "correct horse battery")));

        Assert.Equal(Start.AddMinutes(5), login.GetProperty("expiresAt").GetDateTimeOffset());
    }

    [Fact]
    public async Task PlatformIdentity_IsIgnoredByDefault()
        => AssertCode(2001, await _shop.CallAsync(CallFunctionEvent));

    /// <summary>An invocation as Tencent SCF hands one over, where CloudBase's userInfo is the caller.</summary>
    private static InvocationInfo OnScf() => new(InvocationPlatforms.TencentScf, "scf-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task PlatformIdentity_WhenTrusted_IsTheCaller_AndOwnsItsOrders()
    {
        await using var shop = await StartAsync(extra: new Dictionary<string, string> { ["SHOP_TRUST_PLATFORM_IDENTITY"] = "true" });

        var order = await shop.CallAsync(CallFunctionEvent, OnScf());
        var mine = await shop.CallAsync("""{ "$url": "pay/orders", "userInfo": { "openId": "oABC-openid-example" } }""", OnScf());
        var theirs = await shop.CallAsync("""{ "$url": "pay/orders", "userInfo": { "openId": "oXYZ-someone-else" } }""", OnScf());
        // The caller from the invocation's context (as getWXContext reads it) is the same user.
        var fromContext = await shop.CallAsync(
            """{ "$url": "pay/orders" }""",
            new InvocationInfo(InvocationPlatforms.TencentScf, "scf-context") { Caller = new CallerIdentity("oABC-openid-example", "wx0123456789abcdef", null, "wx_client") });
        var sessionStillWorks = await shop.CallAsync(Event("pay/orders", ("sessionId", await shop.SignUpAsync())));

        AssertCode(0, order);
        Assert.Equal(order.GetProperty("orderId").GetString(), mine.GetProperty("orders")[0].GetProperty("orderId").GetString());
        Assert.Equal(0, theirs.GetProperty("orders").GetArrayLength());
        Assert.Equal(order.GetProperty("orderId").GetString(), fromContext.GetProperty("orders")[0].GetProperty("orderId").GetString());
        AssertCode(0, sessionStillWorks);
    }

    [Theory]
    [InlineData(InvocationPlatforms.Local)]
    [InlineData(InvocationPlatforms.AwsLambda)]
    [InlineData(InvocationPlatforms.AlibabaFc)]
    public async Task PlatformIdentity_WhenTrusted_IsStillNotReadFromAnEventOffScf(string platform)
    {
        // invoke, serve, Lambda and FC: whoever sent the event wrote its userInfo.
        await using var shop = await StartAsync(extra: new Dictionary<string, string> { ["SHOP_TRUST_PLATFORM_IDENTITY"] = "true" });

        AssertCode(2001, await shop.CallAsync(CallFunctionEvent, new InvocationInfo(platform, "req-1")));
    }

    [Fact]
    public async Task InvalidSetting_FailsStartUp_NamingTheVariable()
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => StartAsync(extra: new Dictionary<string, string> { ["SHOP_TRUST_PLATFORM_IDENTITY"] = "yes" }));

        Assert.Equal("SHOP_TRUST_PLATFORM_IDENTITY must be true or false, not 'yes'.", error.Message);
    }
}
