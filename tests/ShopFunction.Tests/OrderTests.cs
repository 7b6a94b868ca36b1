using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using static ShopFunction.Tests.ShopHarness;

namespace ShopFunction.Tests;

/// <summary><c>pay/makeOrder</c>, <c>pay/pay</c> and <c>pay/orders</c>, on both stores.</summary>
public sealed class OrderTests
{
    [Theory]
    [MemberData(nameof(Stores.Kinds), MemberType = typeof(Stores))]
    public async Task ArticleEvent_WithASession_MakesAnOrder_PricedInCents(StoreKind kind)
    {
        await using var shop = await StartAsync(kind);
        var session = await shop.SignUpAsync();
        var article = JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "events", "pay-makeOrder.json")))!.AsObject();
        article["sessionId"] = session;

        var reply = await shop.CallAsync(article.ToJsonString());

        AssertCode(0, reply);
        Assert.Matches("^o_[0-9a-f]{32}$", reply.GetProperty("orderId").GetString());
        Assert.Equal(3 * 1_590, reply.GetProperty("totalCents").GetInt64());
        Assert.Equal(JsonValueKind.Number, reply.GetProperty("totalCents").ValueKind);
    }

    [Theory]
    [InlineData("3")]
    [InlineData("\"3\"")]
    [InlineData("\"03\"")]
    public async Task Amount_AsANumberOrAString_IsTheQuantity(string amountJson)
    {
        await using var shop = await StartAsync();
        var session = await shop.SignUpAsync();

        var reply = await shop.CallAsync(Event("pay/makeOrder", ("sessionId", session), ("id", "teapot"), ("amount", JsonNode.Parse(amountJson))));

        Assert.Equal(3 * 12_900, reply.GetProperty("totalCents").GetInt64());
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-1")]
    [InlineData("\"-2\"")]
    [InlineData("100")]
    [InlineData(null)]
    public async Task Amount_OutOfRangeOrMissing_IsInvalidAmount(string? amountJson)
    {
        await using var shop = await StartAsync();
        var session = await shop.SignUpAsync();
        var fields = new List<(string, JsonNode?)> { ("sessionId", session), ("id", "xxxx") };
        if (amountJson is not null)
        {
            fields.Add(("amount", JsonNode.Parse(amountJson)));
        }

        var reply = await shop.CallAsync(Event("pay/makeOrder", [.. fields]));

        Assert.Equal("""{"code":3002,"message":"amount must be a whole number from 1 to 99"}""", reply.GetRawText());
        Assert.Empty(await shop.Store.ListOrdersAsync(await SessionOwnerAsync(shop, session), CancellationToken.None));
    }

    [Theory]
    [InlineData("\"three\"")] // the shared bad event wrong-type.json, with a session
    [InlineData("3.5")]
    [InlineData("\"3.5\"")]
    [InlineData("true")]
    [InlineData("[3]")]
    public async Task Amount_ThatIsNoWholeNumber_IsInvalidRequest_NamingTheMember(string amountJson)
    {
        await using var shop = await StartAsync();
        var session = await shop.SignUpAsync();

        var result = await shop.InvokeAsync(Event("pay/makeOrder", ("sessionId", session), ("id", "xxxx"), ("amount", JsonNode.Parse(amountJson))));

        Assert.Equal("InvalidRequest", result.ErrorType);
        Assert.Contains("$.amount", result.ErrorMessage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("no-such-item")]
    [InlineData("XXXX")]
    [InlineData(null)]
    public async Task UnknownItem_IsABusinessError(string? id)
    {
        await using var shop = await StartAsync();
        var session = await shop.SignUpAsync();

        AssertCode(3001, await shop.CallAsync(Event("pay/makeOrder", ("sessionId", session), ("id", id), ("amount", 1))));
    }

    [Theory]
    [MemberData(nameof(Stores.Kinds), MemberType = typeof(Stores))]
    public async Task Pay_MovesAnOrderToPaid_Once(StoreKind kind)
    {
        await using var shop = await StartAsync(kind);
        var session = await shop.SignUpAsync();
        var orderId = await shop.MakeOrderAsync(session);

        var first = await shop.CallAsync(Event("pay/pay", ("sessionId", session), ("orderId", orderId)));
        var second = await shop.CallAsync(Event("pay/pay", ("sessionId", session), ("orderId", orderId)));

        Assert.Equal("""{"code":0,"message":"pay success"}""", first.GetRawText());
        Assert.Equal($$"""{"code":3004,"message":"order {{orderId}} is paid already"}""", second.GetRawText());
    }

    [Theory]
    [MemberData(nameof(Stores.Kinds), MemberType = typeof(Stores))]
    public async Task Pay_SomeoneElsesOrder_IsNotFound_AndLeavesItUnpaid(StoreKind kind)
    {
        await using var shop = await StartAsync(kind);
        var owner = await shop.SignUpAsync();
        var other = await shop.SignUpAsync();
        var orderId = await shop.MakeOrderAsync(owner);

        var reply = await shop.CallAsync(Event("pay/pay", ("sessionId", other), ("orderId", orderId)));

        Assert.Equal($$"""{"code":3003,"message":"you have no order {{orderId}}"}""", reply.GetRawText());
        var orders = await shop.CallAsync(Event("pay/orders", ("sessionId", owner)));
        Assert.Equal("created", orders.GetProperty("orders")[0].GetProperty("status").GetString());
    }

    [Theory]
    [InlineData("o_00000000000000000000000000000000")]
    [InlineData("")]
    [InlineData(null)]
    public async Task Pay_UnknownOrMissingOrder_IsNotFound(string? orderId)
    {
        await using var shop = await StartAsync();
        var session = await shop.SignUpAsync();

        AssertCode(3003, await shop.CallAsync(Event("pay/pay", ("sessionId", session), ("orderId", orderId))));
    }

    [Theory]
    [MemberData(nameof(Stores.Kinds), MemberType = typeof(Stores))]
    public async Task Orders_ListsTheCallersOrders_NewestFirst_WithTheirStatus(StoreKind kind)
    {
        await using var shop = await StartAsync(kind);
        var session = await shop.SignUpAsync();
        var stranger = await shop.SignUpAsync();
        var first = await shop.MakeOrderAsync(session, "green-tea", 2);
        shop.Time.Advance(TimeSpan.FromSeconds(1));
        var second = await shop.MakeOrderAsync(session, "teapot", 1);
        AssertCode(0, await shop.CallAsync(Event("pay/pay", ("sessionId", session), ("orderId", first))));
        await shop.MakeOrderAsync(stranger);

        var reply = await shop.CallAsync(Event("pay/orders", ("sessionId", session)));

        Assert.Equal(
            $$"""{"code":0,"orders":[{"orderId":"{{second}}","id":"teapot","amount":1,"totalCents":12900,"status":"created"},{"orderId":"{{first}}","id":"green-tea","amount":2,"totalCents":5600,"status":"paid"}]}""",
            reply.GetRawText());
    }

    [Fact]
    public async Task UnexpectedFailure_StaysHandlerError_AndTheNextEventIsServed()
    {
        var path = Stores.NewSqlitePath();
        await using var shop = await StartAsync(extra: new Dictionary<string, string> { ["SHOP_SQLITE_PATH"] = path });
        var name = Stores.UniqueName();
        var session = await shop.SignUpAsync(name);
        await using (var connection = new SqliteConnection($"Data Source={path}"))
        {
            await connection.OpenAsync();
            await using var drop = connection.CreateCommand();
            drop.CommandText = "DROP TABLE orders";
            await drop.ExecuteNonQueryAsync();
        }

        var failed = await shop.InvokeAsync(Event("pay/makeOrder", ("sessionId", session), ("id", "xxxx"), ("amount", 1)));
        var next = await shop.CallAsync(Event("user/login", ("name", name), ("password", "correct horse battery")));

        Assert.Equal("HandlerError", failed.ErrorType);
        Assert.Contains("no such table: orders", failed.ErrorMessage, StringComparison.Ordinal);
        AssertCode(0, next);
    }

    private static async Task<string> SessionOwnerAsync(ShopHarness shop, string session)
        => (await shop.Store.FindSessionAsync(Sessions.SessionTokens.StorageKey(session), CancellationToken.None))!.UserId;
}
