using System.Text;
using Router;

namespace Router.Runtime.Tests;

/// <summary>Event validation and the error model, with a minimal hand-written router.</summary>
public sealed class FunctionInvokerTests
{
    private static Task<InvocationResult> InvokeAsync(string eventJson, FunctionInvokerOptions? options = null)
        => InvokeAsync(Encoding.UTF8.GetBytes(eventJson), options);

    private static async Task<InvocationResult> InvokeAsync(byte[] eventJson, FunctionInvokerOptions? options = null)
        => await new FunctionInvoker(new RecordingRouter(), null, options ?? new FunctionInvokerOptions { Log = TextWriter.Null }).InvokeAsync(eventJson);

    [Theory]
    [InlineData("   \n\t ", ErrorTypes.InvalidEvent)]
    [InlineData("{ \"$url\": \"a\" } trailing", ErrorTypes.InvalidEvent)]
    [InlineData("{ \"$url\": \"a\", }", ErrorTypes.InvalidEvent)]
    [InlineData("\"just a string\"", ErrorTypes.InvalidEvent)]
    [InlineData("42", ErrorTypes.InvalidEvent)]
    [InlineData("{ \"$url\": \"\" }", ErrorTypes.MissingRoute)]
    [InlineData("{ \"$url\": null }", ErrorTypes.MissingRoute)]
    [InlineData("{ \"$url\": { \"path\": \"a\" } }", ErrorTypes.MissingRoute)]
    [InlineData("{ \"inner\": { \"$url\": \"a\" } }", ErrorTypes.MissingRoute)]
    [InlineData("{ \"$url\": \"a\", \"\\u0024url\": \"b\" }", ErrorTypes.InvalidEvent)]
    public async Task MalformedOrWrongShape_GetsSpecificError(string eventJson, string errorType)
    {
        var result = await InvokeAsync(eventJson);

        Assert.False(result.IsSuccess);
        Assert.Equal(errorType, result.ErrorType);
    }

    [Fact]
    public async Task UrlNotString_WithMalformedRest_IsInvalidEvent()
    {
        // Malformed JSON wins over a wrong $url: the whole payload is checked first.
        Assert.Equal(ErrorTypes.InvalidEvent, (await InvokeAsync("{ \"$url\": 42, ")).ErrorType);
    }

    [Fact]
    public async Task EventLargerThanLimit_IsInvalidEvent_NamingTheLimit()
    {
        var result = await InvokeAsync("{ \"$url\": \"a\", \"pad\": \"0123456789\" }", new FunctionInvokerOptions { MaxEventBytes = 16, Log = TextWriter.Null });

        Assert.Equal(ErrorTypes.InvalidEvent, result.ErrorType);
        Assert.Contains("larger than the limit of 16 bytes", result.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DefaultLimit_Is6MB_AcceptsJustUnder_RejectsJustOver()
    {
        const int limit = 6 * 1024 * 1024;
        static byte[] EventOfSize(int size)
        {
            var head = "{ \"$url\": \"a\", \"pad\": \""u8;
            var tail = "\" }"u8;
            var bytes = new byte[size];
            head.CopyTo(bytes);
            bytes.AsSpan(head.Length, size - head.Length - tail.Length).Fill((byte)'x');
            tail.CopyTo(bytes.AsSpan(size - tail.Length));
            return bytes;
        }

        Assert.True((await InvokeAsync(EventOfSize(limit))).IsSuccess);
        Assert.Equal(ErrorTypes.InvalidEvent, (await InvokeAsync(EventOfSize(limit + 1))).ErrorType);
    }

    [Fact]
    public async Task DepthLimit_IsConfigurable()
    {
        var nested = "{ \"$url\": \"a\", \"x\": [[[1]]] }";

        Assert.True((await InvokeAsync(nested)).IsSuccess);
        var result = await InvokeAsync(nested, new FunctionInvokerOptions { MaxDepth = 3, Log = TextWriter.Null });
        Assert.Equal(ErrorTypes.InvalidEvent, result.ErrorType);
        Assert.Contains("deeper than the limit of 3 levels", result.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ByteOrderMark_IsAccepted_AndCutFromRawEvent()
    {
        var router = new RecordingRouter();
        var bytes = new byte[] { 0xEF, 0xBB, 0xBF }.Concat("{\"$url\":\"a\"}"u8.ToArray()).ToArray();

        var result = await new FunctionInvoker(router).InvokeAsync(bytes);

        Assert.True(result.IsSuccess);
        Assert.Equal("{\"$url\":\"a\"}", Encoding.UTF8.GetString(router.LastContext!.RawEvent.Span));
        Assert.Equal("a", router.LastContext.Event.GetProperty("$url").GetString());
    }

    [Fact]
    public async Task RequestIdAndCancellation_ReachTheContext()
    {
        var router = new RecordingRouter();
        using var cancellation = new CancellationTokenSource();

        await new FunctionInvoker(router).InvokeAsync("{\"$url\":\"a\"}"u8.ToArray(), InvocationInfo.Local("req-1"), cancellation.Token);

        Assert.Equal("req-1", router.LastContext!.RequestId);
        Assert.Equal(cancellation.Token, router.LastContext.CancellationToken);
    }

    [Fact]
    public async Task HandlerException_IsLoggedWithStackTrace_ButCallerGetsOnlyTheMessage()
    {
        var log = new StringWriter();
        var router = new RecordingRouter { Throw = new InvalidOperationException("database down") };

        var result = await new FunctionInvoker(router, null, new FunctionInvokerOptions { Log = log }).InvokeAsync("{\"$url\":\"a\"}"u8.ToArray(), InvocationInfo.Local("req-9"));

        Assert.Equal(ErrorTypes.HandlerError, result.ErrorType);
        Assert.Equal("database down", result.ErrorMessage);
        // The text line of the function's log format: timestamp, request id, level, message, then the exception.
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z\treq-9\tfail\trouter: route 'a' threw\nSystem.InvalidOperationException: database down", log.ToString());
        Assert.Contains(" at ", log.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task BodyWithoutJsonMetadata_IsHandlerError_NotACrash()
    {
        var router = new RecordingRouter { Body = new object() };

        var result = await new FunctionInvoker(router, null, new FunctionInvokerOptions { Log = TextWriter.Null }).InvokeAsync("{\"$url\":\"a\"}"u8.ToArray());

        Assert.Equal(ErrorTypes.HandlerError, result.ErrorType);
        Assert.Contains("no JSON context", result.ErrorMessage, StringComparison.Ordinal);
    }

    /// <summary>A hand-written router that records what it was given.</summary>
    private sealed class RecordingRouter : IRouteDispatcher
    {
        public RouteContext? LastContext { get; private set; }

        public Exception? Throw { get; init; }

        public object? Body { get; init; }

        public IReadOnlyList<RouteDescriptor> Routes => [];

        public System.Text.Json.JsonSerializerOptions? JsonOptions => null;

        public ValueTask DispatchAsync(RouteContext context)
        {
            LastContext = context;
            if (Throw is not null)
            {
                throw Throw;
            }

            context.Body = Body;
            return default;
        }
    }
}
