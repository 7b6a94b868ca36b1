using System.Text.Json;

namespace Router.Runtime.Tests;

/// <summary>The article's events, and every bad event, through the sample function (its business rules are tested in ShopFunction.Tests).</summary>
public sealed class ShopEventTests
{
    public static TheoryData<string, string> ArticleEvents
    {
        get
        {
            var data = new TheoryData<string, string>();
            foreach (var (file, body) in Events.Article)
            {
                data.Add(file, body);
            }

            return data;
        }
    }

    [Theory]
    [MemberData(nameof(ArticleEvents))]
    public async Task ArticleEvent_IsServed_WithTheShopsBusinessAnswer(string file, string body)
    {
        var result = await Events.CreateShopInvoker().InvokeAsync(Events.Read(file));

        Assert.True(result.IsSuccess, result.ToString());
        Assert.Equal(body, result.ToString());
    }

    [Fact]
    public async Task SharedWrongTypeEvent_WithoutASession_IsRefusedBeforeBinding()
    {
        var result = await Events.CreateShopInvoker().InvokeAsync(Events.ReadBad("wrong-type.json"));

        Assert.Equal(Events.SessionRequired, result.ToString());
    }

    [Theory]
    [MemberData(nameof(Events.Bad), MemberType = typeof(Events))]
    public async Task BadEvent_GetsItsErrorType_AndTheNextEventIsServed(string file, string errorType)
    {
        var invoker = Events.CreateShopInvoker();

        var bad = await invoker.InvokeAsync(Events.Read(Path.Combine("bad", file)));
        var next = await invoker.InvokeAsync(Events.Read("user-login.json"));

        Assert.False(bad.IsSuccess);
        Assert.Equal(errorType, bad.ErrorType);
        Assert.False(string.IsNullOrWhiteSpace(bad.ErrorMessage));
        Assert.True(bad.Body.IsEmpty);
        Assert.True(next.IsSuccess, next.ToString());
        Assert.Equal("""{"code":1004,"message":"wrong name or password"}""", next.ToString());
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
    [InlineData("register-wrong-type.json", "$.name")]
    public async Task BadEvent_MessageNamesTheCause(string file, string cause)
    {
        var result = await Events.CreateShopInvoker().InvokeAsync(Events.Read(Path.Combine("bad", file)));

        Assert.Contains(cause, result.ErrorMessage, StringComparison.Ordinal);
    }
}
