using System.Text.Json;

namespace Router.Runtime.Tests;

/// <summary>The article's events, and every bad event, through the sample function.</summary>
public sealed class ShopEventTests
{
    [Theory]
    [InlineData("user-register.json", "register success")]
    [InlineData("user-login.json", "login success")]
    [InlineData("pay-makeOrder.json", "make order success")]
    [InlineData("pay-pay.json", "pay success")]
    [InlineData("wx-callFunction.json", "make order success")]
    [InlineData("pay-makeOrder-utf8-bom.json", "make order success")]
    public async Task ArticleEvent_AnswersCodeZero(string file, string message)
    {
        var result = await Events.CreateShopInvoker().InvokeAsync(Events.Read(file));

        Assert.True(result.IsSuccess, result.ToString());
        using var body = JsonDocument.Parse(result.Body);
        Assert.Equal(0, body.RootElement.GetProperty("code").GetInt32());
        Assert.Equal(message, body.RootElement.GetProperty("message").GetString());
    }

    [Fact]
    public async Task MakeOrder_AcceptsAmountAsString_AndAnswersOrderId()
    {
        var result = await Events.CreateShopInvoker().InvokeAsync(Events.Read("pay-makeOrder.json"));

        Assert.Equal("""{"code":0,"message":"make order success","orderId":"order-1"}""", result.ToString());
    }

    [Theory]
    [MemberData(nameof(Events.Bad), MemberType = typeof(Events))]
    public async Task BadEvent_GetsItsErrorType_AndTheNextEventIsServed(string file, string errorType)
    {
        var invoker = Events.CreateShopInvoker();

        var bad = await invoker.InvokeAsync(Events.Read(Path.Combine("bad", file)));
        var next = await invoker.InvokeAsync(Events.Read("pay-makeOrder.json"));

        Assert.False(bad.IsSuccess);
        Assert.Equal(errorType, bad.ErrorType);
        Assert.False(string.IsNullOrWhiteSpace(bad.ErrorMessage));
        Assert.True(bad.Body.IsEmpty);
        Assert.True(next.IsSuccess, next.ToString());
        Assert.StartsWith("""{"code":0,""", next.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("truncated.json", "not valid JSON")]
    [InlineData("empty.json", "empty")]
    [InlineData("null.json", "null")]
    [InlineData("array-event.json", "array")]
    [InlineData("deep-nesting.json", "deeper than the limit of 64")]
    [InlineData("duplicate-url.json", "more than once")]
    [InlineData("missing-url.json", "no \"$url\"")]
    [InlineData("url-not-string.json", "number")]
    [InlineData("unknown-route.json", "'pay/refund'")]
    [InlineData("wrong-type.json", "$.amount")]
    public async Task BadEvent_MessageNamesTheCause(string file, string cause)
    {
        var result = await Events.CreateShopInvoker().InvokeAsync(Events.Read(Path.Combine("bad", file)));

        Assert.Contains(cause, result.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pay_SameOrderTwice_IsBusinessError()
    {
        var invoker = Events.CreateShopInvoker();
        var order = await invoker.InvokeAsync("""{ "$url": "pay/makeOrder", "id": "xxxx", "amount": 2 }"""u8.ToArray());
        var orderId = JsonDocument.Parse(order.Body).RootElement.GetProperty("orderId").GetString();
        var pay = System.Text.Encoding.UTF8.GetBytes($$"""{ "$url": "pay/pay", "orderId": "{{orderId}}" }""");

        Assert.Equal("""{"code":0,"message":"pay success"}""", (await invoker.InvokeAsync(pay)).ToString());
        Assert.Equal("""{"code":1,"message":"order already paid"}""", (await invoker.InvokeAsync(pay)).ToString());
    }
}
