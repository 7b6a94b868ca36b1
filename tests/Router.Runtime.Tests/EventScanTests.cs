using System.Text;
using Router.Runtime.Events;

namespace Router.Runtime.Tests;

/// <summary>
/// The one read of a whole event: a direct event that starts with <c>$url</c> is scanned, any other is
/// parsed once as a document (<see cref="EventDocument"/>), which an HTTP event's format reads. Both
/// readers give the same verdict in the same words, and record what the later steps need, so they read no
/// byte twice: the route, the HTTP format, and where the top-level <c>userInfo</c> object is.
/// </summary>
public sealed class EventScanTests
{
    private static readonly RouteNames NoRoutes = RouteNames.For([]);

    [Theory]
    [InlineData("""{"$url":"a","userInfo":{"openId":"o1","appId":"wx"}}""", """{"openId":"o1","appId":"wx"}""")]
    [InlineData("""{ "userInfo" : { "openId": "o2", "x": {"y": [1, {"z": 2}]} } , "$url":"a"}""", """{ "openId": "o2", "x": {"y": [1, {"z": 2}]} }""")]
    [InlineData("""{"$url":"a","data":{"userInfo":{"openId":"nested, not the caller"}}}""", null)]
    [InlineData("""{"data":{"userInfo":{"openId":"nested, not the caller"}},"$url":"a"}""", null)]
    [InlineData("""{"$url":"a","userInfo":"not an object"}""", null)]
    [InlineData("""{"userInfo":"not an object","$url":"a"}""", null)]
    [InlineData("""{"$url":"a"}""", null)]
    [InlineData("""{"$url":"a","d":[[{"userInfo":{}}],[]],"userInfo":{"openId":"o3"}}""", """{"openId":"o3"}""")]
    [InlineData("""{"$url":"a","userInfo":[{"openId":"in an array"}],"e":{"userInfo":{"openId":"nested"}}}""", null)]
    public void TheTopLevelUserInfoObject_IsFoundByEitherReader(string json, string? expected)
    {
        var bytes = Encoding.UTF8.GetBytes(json);

        var scan = ScanEvent(bytes);

        Assert.Null(scan.Failure);
        Assert.Equal("a", scan.Url);
        Assert.Equal(expected, scan.UserInfo is { } range ? Encoding.UTF8.GetString(bytes.AsSpan(range)) : null);
    }

    /// <summary>Members after which <c>"$url"</c> comes, each breaking one rule or none; the event is written with <c>$url</c> first and last.</summary>
    public static TheoryData<string, string> Cases => new()
    {
        { "\"a\":1", "\"shop/list\"" },
        { "\"a\":1,\"a\":2", "\"shop/list\"" },
        { "\"a\":1,\"\\u0061\":2", "\"shop/list\"" },
        { "\"x\":{\"a\":1,\"b\":2,\"a\":3}", "\"shop/list\"" },
        { "\"x\":[{\"a\":1},{\"a\":2,\"a\":3}]", "\"shop/list\"" },
        { "\"x\":{" + string.Join(',', Enumerable.Range(0, 40).Select(i => $"\"m{i}\":{i}")) + ",\"m7\":0}", "\"shop/list\"" },
        { "\"x\":1", "\"\"" },
        { "\"x\":1", "12" },
        { "\"x\":1", "{\"a\":1}" },
        { "\"x\":1", "[1,[2,{\"a\":1,\"a\":2}]]" },
        { "\"x\":1", "[[[[1]]]]" },
        { "\"x\":1", "\"sh\\u006fp/list\"" },
        { "\"x\":1,\"$url\":\"b\"", "\"shop/list\"" },
        { "\"d\":[[[1]]]", "\"shop/list\"" },
        { "\"d\":[[[[1]]]]", "\"shop/list\"" },
        { "\"d\":{\"e\":{\"f\":{}}}", "\"shop/list\"" },
        { "\"d\":{\"e\":{\"f\":{\"g\":{}}}}", "\"shop/list\"" },
        { "\"userInfo\":{\"openId\":\"a\"},\"userInfo\":{\"openId\":\"b\"}", "\"shop/list\"" },
        { "\"userInfo\":1,\"us\\u0065rInfo\":2", "\"shop/list\"" },
        { "\"x\":{\"userInfo\":1,\"userInfo\":2}", "\"shop/list\"" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void BothReaders_GiveTheSameVerdict_InTheSameWords(string members, string url)
    {
        var scanned = ScanEvent(Encoding.UTF8.GetBytes($"{{\"$url\":{url},{members}}}"), maxDepth: 4);
        var parsed = ScanEvent(Encoding.UTF8.GetBytes($"{{{members},\"$url\":{url}}}"), maxDepth: 4);

        Assert.Equal(Verdict(scanned), Verdict(parsed));
    }

    [Fact]
    public void TheVerdicts_Differ_AcrossTheCases()
    {
        // The comparison above would pass for two readers that accept everything: the cases must split them.
        var verdicts = Cases.Select(row => Verdict(ScanEvent(Encoding.UTF8.GetBytes($"{{{row[0]},\"$url\":{row[1]}}}"), maxDepth: 4))).ToList();

        Assert.Contains(verdicts, v => v.Message is null && v.Url == "shop/list");
        Assert.Contains(verdicts, v => v.Message?.Contains("'userInfo' more than once", StringComparison.Ordinal) == true);
        Assert.Contains(verdicts, v => v.Message?.Contains("deeper than the limit of 4", StringComparison.Ordinal) == true);
        Assert.Contains(verdicts, v => v.Message?.Contains("\"$url\" more than once", StringComparison.Ordinal) == true);
        Assert.Contains(verdicts, v => v.Problem?.Contains("is empty", StringComparison.Ordinal) == true);
        Assert.Contains(verdicts, v => v.Problem?.Contains("JSON number", StringComparison.Ordinal) == true);
        Assert.Contains(verdicts, v => v.Problem?.Contains("JSON object", StringComparison.Ordinal) == true);
    }

    /// <summary>
    /// Only the members the runtime reads itself are looked at for duplicates; the others are refused where they
    /// are read (binding, <c>RouteContext.Event</c>), so the scan does no work per member at any depth.
    /// </summary>
    [Theory]
    [InlineData("""{"$url":"a","a":1,"a":2}""")]
    [InlineData("""{"a":1,"a":2,"$url":"a"}""")]
    [InlineData("""{"$url":"a","x":{"m":1,"m":2}}""")]
    [InlineData("""{"x":[{"m":1,"\u006d":2}],"$url":"a"}""")]
    [InlineData("""{"$url":"a","x":{"userInfo":1,"userInfo":2}}""")]
    public void AMemberTheRuntimeDoesNotRead_IsNotLookedAtForDuplicates(string json)
    {
        var scan = ScanEvent(Encoding.UTF8.GetBytes(json));

        Assert.Null(scan.Failure);
        Assert.Equal("a", scan.Url);
    }

    [Theory]
    [InlineData("""{"$url":"a","userInfo":{},"userInfo":{}}""")]
    [InlineData("""{"userInfo":{},"$url":"a","userInfo":{}}""")]
    [InlineData("""{"$url":"a","$url":"a"}""")]
    [InlineData("""{"x":1,"$url":"a","\u0024url":"b"}""")]
    public void TheMembersTheRuntimeReads_AreRefusedTwice_ByEitherReader(string json)
    {
        var scan = ScanEvent(Encoding.UTF8.GetBytes(json));

        Assert.Equal(ErrorTypes.InvalidEvent, scan.Failure?.Type);
        Assert.Contains("more than once", scan.Failure?.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AGatewaysHttpEvent_NamingAMemberTwiceAnywhere_IsRefused_InItsShape()
    {
        // The runtime reads a gateway's envelope itself (method, path, headers), and a gateway never writes a duplicate.
        var bytes = Http.HttpEventBuilder.Build(Http.Shape.LoadBalancer, Http.HttpCall.Json("POST", "/test/http", "{}"));
        var text = Encoding.UTF8.GetString(bytes);
        var headers = text.IndexOf("\"headers\":{", StringComparison.Ordinal) + "\"headers\":{".Length;
        var doubled = Encoding.UTF8.GetBytes(text[..headers] + "\"x-a\":\"1\",\"x-a\":\"2\"," + text[headers..]);

        var scan = EventScanner.ScanEvent(doubled, 64, NoRoutes);
        using var document = scan.Document;

        Assert.Equal(ErrorTypes.InvalidEvent, scan.Failure?.Type);
        Assert.Contains("'x-a' more than once", scan.Failure?.Message, StringComparison.Ordinal);
        Assert.Equal("aws-alb", scan.Format?.Source);
    }

    [Theory]
    [InlineData("""{"$url":"a","x":tru}""")]
    [InlineData("""{"x":tru,"$url":"a"}""")]
    [InlineData("""{"x":1,"$url":"a"} []""")]
    public void InvalidJson_IsRefused_WithTheReadersMessage(string json)
    {
        var scan = ScanEvent(Encoding.UTF8.GetBytes(json));

        Assert.Equal(ErrorTypes.InvalidEvent, scan.Failure?.Type);
        Assert.StartsWith("The event is not valid JSON: ", scan.Failure?.Message, StringComparison.Ordinal);
        Assert.Null(scan.Document);
    }

    [Fact]
    public void AnHttpEvent_IsParsedOnce_AndItsFormatKnown_ForTheReadAfter()
    {
        var bytes = Http.HttpEventBuilder.Build(Http.Shape.LoadBalancer, Http.HttpCall.Json("POST", "/test/http", "{}"));

        var scan = EventScanner.ScanEvent(bytes, 64, NoRoutes);
        using var document = scan.Document;

        Assert.Null(scan.Failure);
        Assert.NotNull(document);
        Assert.Equal("aws-alb", scan.Format?.Source);
        Assert.False(scan.HasUrl);
    }

    [Fact]
    public void ADirectEvent_StartingWithItsRoute_IsScanned_WithoutADocument()
    {
        var scan = EventScanner.ScanEvent("""{"$url":"a","requestContext":{"elb":{}},"httpMethod":"GET"}"""u8.ToArray(), 64, NoRoutes);

        Assert.Null(scan.Document);
        Assert.Null(scan.Format);
        Assert.Equal("a", scan.Url);
    }

    private static EventScan ScanEvent(byte[] json, int maxDepth = 64)
    {
        var scan = EventScanner.ScanEvent(json, maxDepth, NoRoutes);
        scan.Document?.Dispose();
        return scan;
    }

    private static (string? Type, string? Message, string? Url, string? Problem, bool HasUrl, bool IsDuplicate) Verdict(EventScan scan)
        => (scan.Failure?.Type, scan.Failure?.Message, scan.Url, scan.UrlProblem, scan.HasUrl, scan.IsDuplicate);
}
