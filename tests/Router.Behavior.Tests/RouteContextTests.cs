using System.Text;

namespace Router.Behavior.Tests;

/// <summary><see cref="RouteContext.TryGetEventString"/>: one top-level member read from the raw event.</summary>
public sealed class RouteContextTests
{
    private static RouteContext Context(string json) => new("a/b", Encoding.UTF8.GetBytes(json));

    [Fact]
    public void TryGetEventString_ReadsTopLevelMember_AfterNestedValuesAreSkipped()
    {
        var context = Context("""{ "$url": "a/b", "cart": { "sessionId": "nested", "items": [1, { "sessionId": 2 }] }, "sessionId": "top" }""");

        Assert.True(context.TryGetEventString("sessionId"u8, out var value));
        Assert.Equal("top", value);
    }

    [Fact]
    public void TryGetEventString_IgnoresNestedMemberOfTheSameName()
    {
        var context = Context("""{ "$url": "a/b", "cart": { "sessionId": "nested" } }""");

        Assert.False(context.TryGetEventString("sessionId"u8, out var value));
        Assert.Null(value);
    }

    [Fact]
    public void TryGetEventString_MatchesEscapedName_AndUnescapesValue()
    {
        var context = Context("""{ "\u0073essionId": "a\u0062c\"" }""");

        Assert.True(context.TryGetEventString("sessionId"u8, out var value));
        Assert.Equal("abc\"", value);
    }

    [Theory]
    [InlineData("""{ "sessionId": 42 }""")]
    [InlineData("""{ "sessionId": null }""")]
    [InlineData("""{ "sessionId": { "id": "x" } }""")]
    [InlineData("""{ "other": "x" }""")]
    public void TryGetEventString_FalseForNonStringOrMissingMember(string json)
    {
        Assert.False(Context(json).TryGetEventString("sessionId"u8, out var value));
        Assert.Null(value);
    }

    [Fact]
    public void TryGetEventString_AfterEventWasParsed_ReadsTheParsedEvent()
    {
        var context = Context("""{ "x": [ { "sessionId": "no" } ], "sessionId": "yes" }""");
        _ = context.Event;

        Assert.True(context.TryGetEventString("sessionId"u8, out var value));
        Assert.Equal("yes", value);
        Assert.False(context.TryGetEventString("x"u8, out _));
    }
}
