using System.Text;
using Router.Runtime.Events;

namespace Router.Runtime.Tests;

/// <summary>
/// What the one pass over an event records for the steps after it, so they read no byte twice: here,
/// where the top-level <c>userInfo</c> object is (CloudBase's caller on SCF).
/// </summary>
public sealed class EventScanTests
{
    [Theory]
    [InlineData("""{"$url":"a","userInfo":{"openId":"o1","appId":"wx"}}""", """{"openId":"o1","appId":"wx"}""")]
    [InlineData("""{ "userInfo" : { "openId": "o2", "x": {"y": [1, {"z": 2}]} } , "$url":"a"}""", """{ "openId": "o2", "x": {"y": [1, {"z": 2}]} }""")]
    [InlineData("""{"$url":"a","data":{"userInfo":{"openId":"nested, not the caller"}}}""", null)]
    [InlineData("""{"$url":"a","userInfo":"not an object"}""", null)]
    [InlineData("""{"$url":"a"}""", null)]
    public void TheTopLevelUserInfoObject_IsFoundInTheOnePass(string json, string? expected)
    {
        var bytes = Encoding.UTF8.GetBytes(json);

        var scan = EventScanner.Scan(bytes, 64, Subjects.Event);

        Assert.Null(scan.Failure);
        Assert.Equal(expected, scan.UserInfo is { } range ? Encoding.UTF8.GetString(bytes.AsSpan(range)) : null);
    }
}
