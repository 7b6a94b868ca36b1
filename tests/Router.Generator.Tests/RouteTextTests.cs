using Router.Generator.Parsing;

namespace Router.Generator.Tests;

public sealed class RouteTextTests
{
    [Theory]
    [InlineData("pay/makeOrder")]
    [InlineData("a")]
    [InlineData("v1.2/item_list/~me/x-y")]
    public void Validate_AcceptsRoutes(string route) => Assert.Null(RouteText.Validate(route));

    [Theory]
    [InlineData("", "it is empty")]
    [InlineData("/pay", "it starts with '/'")]
    [InlineData("pay/", "it ends with '/'")]
    [InlineData("pay//x", "it has an empty segment ('//')")]
    [InlineData("pay x", "it contains whitespace")]
    [InlineData("pay?x", "it contains '?'")]
    [InlineData("支付", "it contains '支'")]
    public void Validate_RejectsWithReason(string route, string reason) => Assert.Equal(reason, RouteText.Validate(route));

    [Theory]
    [InlineData("*", "pay/x", true)]
    [InlineData("pay/*", "pay/x", true)]
    [InlineData("pay/*", "pay/x/y", true)]
    [InlineData("pay/*", "pay", false)]
    [InlineData("pay/*", "payment/x", false)]
    [InlineData("pay/*", "Pay/x", false)]
    [InlineData("user/login", "user/login", true)]
    [InlineData("user/login", "user/login2", false)]
    public void Matches_FollowsPatternRules(string pattern, string route, bool expected)
        => Assert.Equal(expected, RouteText.Matches(pattern, route));

    [Theory]
    [InlineData("*", null)]
    [InlineData("pay/*", null)]
    [InlineData("pay/*/x", "it contains '*'")]
    [InlineData("/*", "it is empty")]
    public void ValidatePattern(string pattern, string? reason) => Assert.Equal(reason, RouteText.ValidatePattern(pattern));
}
