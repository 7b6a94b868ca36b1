using System.Diagnostics;
using Router.Runtime.Telemetry;

namespace Router.Runtime.Tests.Telemetry;

/// <summary>How an invocation's parent is read from each platform's trace header and from <c>traceparent</c>.</summary>
public sealed class TraceParentsTests
{
    [Fact]
    public void XRay_RootAndParent_AreTheTraceAndTheParentSpan()
    {
        var parent = TraceParents.FromXRay("Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1;Lineage=a87bd80c:1");

        Assert.Equal("5759e988bd862e3fe1be46a994272793", parent.TraceId.ToHexString());
        Assert.Equal("53995c3f42cd8ad8", parent.SpanId.ToHexString());
        Assert.Equal(ActivityTraceFlags.Recorded, parent.TraceFlags);
        Assert.True(parent.IsRemote);
    }

    [Theory]
    [InlineData("Sampled=0;Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8")]
    [InlineData("Root=1-5759e988-bd862e3fe1be46a994272793; Parent=53995c3f42cd8ad8")]
    public void XRay_InAnyOrder_NotSampledUnlessSampledIsOne(string header)
    {
        var parent = TraceParents.FromXRay(header);

        Assert.Equal("5759e988bd862e3fe1be46a994272793", parent.TraceId.ToHexString());
        Assert.Equal(ActivityTraceFlags.None, parent.TraceFlags);
    }

    [Theory]
    [InlineData("Root=1-5759e988-bd862e3fe1be46a994272793;Sampled=1")]
    [InlineData("Root=1-5759e988-bd862e3fe1be46a99427279;Parent=53995c3f42cd8ad8")]
    [InlineData("Root=2-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8")]
    [InlineData("Root=1-5759e988-BD862E3FE1BE46A994272793;Parent=53995c3f42cd8ad8")]
    [InlineData("Root=1-5759e988-bd862e3fe1be46a994272793;Parent=0000000000000000")]
    [InlineData("Root=1-5759e988-bd862e3fe1be46a994272793;Parent=xyz95c3f42cd8ad8")]
    [InlineData("garbage")]
    [InlineData("")]
    public void XRay_WithoutAReadableParent_GivesNone(string header)
        => Assert.Equal(default, TraceParents.FromXRay(header));

    [Theory]
    [InlineData("1f2e3d4c5b6a7988:a1b2c3d4e5f60718:0:1", "00000000000000001f2e3d4c5b6a7988", "a1b2c3d4e5f60718", true)]
    [InlineData("463ac35c9f6413ad48485a3953bb6124:2a3b4c5d6e7f8091:0:0", "463ac35c9f6413ad48485a3953bb6124", "2a3b4c5d6e7f8091", false)]
    [InlineData("abc:def:0:3", "00000000000000000000000000000abc", "0000000000000def", true)]
    public void Jaeger_SpanContext_IsTheParent_ZeroPadded(string header, string traceId, string spanId, bool sampled)
    {
        var parent = TraceParents.FromJaeger(header);

        Assert.Equal(traceId, parent.TraceId.ToHexString());
        Assert.Equal(spanId, parent.SpanId.ToHexString());
        Assert.Equal(sampled ? ActivityTraceFlags.Recorded : ActivityTraceFlags.None, parent.TraceFlags);
    }

    [Theory]
    [InlineData("1f2e3d4c5b6a7988:a1b2c3d4e5f60718:0")]
    [InlineData("1f2e3d4c5b6a7988:a1b2c3d4e5f607181:0:1")]
    [InlineData(":a1b2c3d4e5f60718:0:1")]
    [InlineData("0:a1b2c3d4e5f60718:0:1")]
    [InlineData("1f2e3d4c5b6a7988:a1b2c3d4e5f60718:0:x")]
    public void Jaeger_Unreadable_GivesNone(string header)
        => Assert.Equal(default, TraceParents.FromJaeger(header));

    [Fact]
    public void Traceparent_WinsOverThePlatformsHeader_AndAnUnreadableOneFallsBackToIt()
    {
        var lambda = new InvocationInfo(InvocationPlatforms.AwsLambda, "r") { TraceId = "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1" };
        var traced = Request("00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01");
        var broken = Request("00-not-a-traceparent");

        Assert.Equal("0af7651916cd43dd8448eb211c80319c", TraceParents.Of(lambda, traced).TraceId.ToHexString());
        Assert.Equal("5759e988bd862e3fe1be46a994272793", TraceParents.Of(lambda, broken).TraceId.ToHexString());
        Assert.Equal("5759e988bd862e3fe1be46a994272793", TraceParents.Of(lambda, null).TraceId.ToHexString());
        // SCF passes no trace header; a local run has none either.
        Assert.Equal(default, TraceParents.Of(new InvocationInfo(InvocationPlatforms.TencentScf, "r") { TraceId = lambda.TraceId }, null));
    }

    private static HttpRequestInfo Request(string traceparent)
    {
        var headers = new HttpValueCollection(ignoreCase: true);
        headers.Add("traceparent", traceparent);
        return new HttpRequestInfo("GET", "/") { Headers = headers.AsReadOnly() };
    }
}
