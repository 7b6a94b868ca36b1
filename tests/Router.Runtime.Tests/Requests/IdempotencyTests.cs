using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Router.Runtime.Tests.Hosting;
using Router.Runtime.Tests.Http;

namespace Router.Runtime.Tests.Requests;

/// <summary>
/// <c>[Idempotent]</c> through <see cref="FunctionInvoker"/> and <see cref="InMemoryIdempotencyStore"/>
/// (docs/guide.md, "Idempotency"): one run per key, the replay byte for byte over invoke and HTTP, a reused
/// key refused (422), a running key refused (409), a failure released, a lease that passes, and expiry.
/// The shop's database stores, across processes, are tested in ShopFunction.Tests.
/// </summary>
public sealed class IdempotencyTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 7, 8, 0, 0, TimeSpan.Zero));
    private readonly InMemoryIdempotencyStore _store = new();
    private readonly FunctionInvoker _invoker;

    public IdempotencyTests()
    {
        var services = new ServiceCollection()
            .AddSingleton<IIdempotencyStore>(_store)
            .AddSingleton<TimeProvider>(_time)
            .BuildServiceProvider();
        _invoker = new FunctionInvoker(new HostTestRouter(), services, new FunctionInvokerOptions { Log = TextWriter.Null });
    }

    /// <summary>An item name no other test uses, so the static run counts are this test's alone.</summary>
    private static string NewItem() => "item-" + Guid.NewGuid().ToString("N");

    private static byte[] Order(string item, string? key, int amount = 1, string? behave = null)
    {
        var keyMember = key is null ? "" : $",\"idempotencyKey\":\"{key}\"";
        var behaveMember = behave is null ? "" : $",\"behave\":\"{behave}\"";
        return Encoding.UTF8.GetBytes($"{{\"$url\":\"test/order\",\"item\":\"{item}\",\"amount\":{amount}{keyMember}{behaveMember}}}");
    }

    private static int Runs(string item) => OrderLedger.Runs.GetValueOrDefault(item);

    [Fact]
    public async Task ARepeat_GetsTheFirstAnswer_ByteForByte_AndTheHandlerRunsOnce()
    {
        var item = NewItem();
        var first = await _invoker.InvokeAsync(Order(item, "k1"));
        Assert.True(first.IsSuccess, first.ErrorMessage);
        var firstBody = first.Body.ToArray();

        // The same request, its members in another order and with other spacing: the same bound request.
        var reordered = Encoding.UTF8.GetBytes($"{{ \"amount\": 1, \"idempotencyKey\": \"k1\", \"item\": \"{item}\", \"$url\": \"test/order\" }}");
        var second = await _invoker.InvokeAsync(reordered);

        Assert.True(second.IsSuccess, second.ErrorMessage);
        Assert.Equal(firstBody, second.Body.ToArray());
        Assert.Equal(1, Runs(item));
        Assert.Contains($"\"orderId\":\"o-{item}-1\"", Encoding.UTF8.GetString(firstBody), StringComparison.Ordinal);
    }

    [Fact]
    public async Task WithoutAKey_TheHandlerRunsEachTime()
    {
        var item = NewItem();
        await _invoker.InvokeAsync(Order(item, key: null));
        await _invoker.InvokeAsync(Order(item, key: null));
        Assert.Equal(2, Runs(item));
        Assert.Equal(0, _store.Count);
    }

    [Fact]
    public async Task TheSameKey_WithAnotherRequest_IsRefusedAsReused()
    {
        var item = NewItem();
        Assert.True((await _invoker.InvokeAsync(Order(item, "k2", amount: 1))).IsSuccess);

        var reused = await _invoker.InvokeAsync(Order(item, "k2", amount: 2));

        Assert.Equal(ErrorTypes.IdempotencyKeyReused, reused.ErrorType);
        Assert.Contains("'k2'", reused.ErrorMessage, StringComparison.Ordinal);
        Assert.Equal(1, Runs(item));
    }

    [Fact]
    public async Task ARepeat_WhileTheFirstRuns_IsRefusedAsInProgress_ThenGetsItsAnswer()
    {
        var item = NewItem();
        var running = _invoker.InvokeAsync(Order(item, "k3", behave: "wait")).AsTask();
        await WaitUntilAsync(() => Runs(item) == 1);

        var meanwhile = await _invoker.InvokeAsync(Order(item, "k3", behave: "wait"));
        Assert.Equal(ErrorTypes.IdempotencyInProgress, meanwhile.ErrorType);

        OrderLedger.Gate(item).SetResult();
        var first = await running.WaitAsync(TimeSpan.FromSeconds(10));
        var after = await _invoker.InvokeAsync(Order(item, "k3", behave: "wait"));
        Assert.Equal(first.Body.ToArray(), after.Body.ToArray());
        Assert.Equal(1, Runs(item));
    }

    [Fact]
    public async Task AFailure_ReleasesTheKey_SoTheClientCanRetry()
    {
        var item = NewItem();
        var failed = await _invoker.InvokeAsync(Order(item, "k4", behave: "fail"));
        Assert.Equal(ErrorTypes.HandlerError, failed.ErrorType);
        Assert.Equal(0, _store.Count);

        var retried = await _invoker.InvokeAsync(Order(item, "k4", behave: "fail"));
        Assert.Equal(ErrorTypes.HandlerError, retried.ErrorType);
        Assert.Equal(2, Runs(item));
    }

    [Fact]
    public async Task AKeyWhoseInvocationDied_CanBeClaimedAfterItsLease()
    {
        var item = NewItem();
        var deadline = _time.GetUtcNow().AddSeconds(30);
        var invocation = new InvocationInfo(InvocationPlatforms.Local, "died") { Deadline = deadline };

        // The first invocation claims the key and never ends: its process was killed inside the handler.
        _ = _invoker.InvokeAsync(Order(item, "k5", behave: "wait"), invocation, CancellationToken.None).AsTask();
        await WaitUntilAsync(() => Runs(item) == 1);
        Assert.Equal(ErrorTypes.IdempotencyInProgress, (await _invoker.InvokeAsync(Order(item, "k5", behave: "wait"))).ErrorType);

        // Once its deadline has passed, the key is claimed again and the handler runs for the retry.
        _time.Advance(TimeSpan.FromSeconds(31));
        var retrying = _invoker.InvokeAsync(Order(item, "k5", behave: "wait")).AsTask();
        await WaitUntilAsync(() => Runs(item) == 2);
        OrderLedger.Gate(item).SetResult();
        var retried = await retrying.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.True(retried.IsSuccess, retried.ErrorMessage);
        Assert.Contains($"o-{item}-2", retried.ToString(), StringComparison.Ordinal);

        // The record is the retry's: the first invocation, were it to finish now, no longer holds the key.
        var repeat = await _invoker.InvokeAsync(Order(item, "k5", behave: "wait"));
        Assert.Equal(retried.Body.ToArray(), repeat.Body.ToArray());
        Assert.Equal(2, Runs(item));
    }

    [Fact]
    public async Task AfterItsExpiry_AKeyRunsAgain()
    {
        // test/ping keeps its records 60 seconds, and reads its key from "pingKey".
        var before = OrderLedger.Runs.GetValueOrDefault("ping");
        var ping = """{"$url":"test/ping","pingKey":"p1"}"""u8.ToArray();
        await _invoker.InvokeAsync(ping);
        _time.Advance(TimeSpan.FromSeconds(59));
        await _invoker.InvokeAsync(ping);
        Assert.Equal(before + 1, OrderLedger.Runs.GetValueOrDefault("ping"));

        _time.Advance(TimeSpan.FromSeconds(2));
        await _invoker.InvokeAsync(ping);
        Assert.Equal(before + 2, OrderLedger.Runs.GetValueOrDefault("ping"));
    }

    [Fact]
    public async Task AKeyLongerThan255_IsAnInvalidRequest()
    {
        var result = await _invoker.InvokeAsync(Order(NewItem(), new string('k', 256)));
        Assert.Equal(ErrorTypes.InvalidRequest, result.ErrorType);
        Assert.Contains("1 to 255", result.ErrorMessage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(Shape.HttpApi)]
    [InlineData(Shape.RestApi)]
    [InlineData(Shape.ScfApiGateway)]
    [InlineData(Shape.FcHttpTrigger)]
    public async Task OverHttp_TheHeaderCarriesTheKey_AndTheReplayHasTheSameStatusHeadersAndBody(Shape shape)
    {
        var item = NewItem();
        HttpCall Call(string amount) => new("POST", "/test/order", null,
            [("Content-Type", "application/json"), ("Idempotency-Key", "h-" + item)], $"{{\"item\":\"{item}\",\"amount\":{amount}}}");

        var first = await _invoker.InvokeAsync(HttpEventBuilder.Build(shape, Call("1")));
        var second = await _invoker.InvokeAsync(HttpEventBuilder.Build(shape, Call("1")));

        Assert.Equal(201, first.HttpStatusCode);
        Assert.Equal(first.Body.ToArray(), second.Body.ToArray());
        Assert.Equal(1, Runs(item));
        var response = HttpEventBuilder.Json(second.Body);
        Assert.Contains("X-Order-Run", response.ToString(), StringComparison.OrdinalIgnoreCase);
        Assert.Contains("last-order=" + item, response.ToString(), StringComparison.Ordinal);

        var reused = await _invoker.InvokeAsync(HttpEventBuilder.Build(shape, Call("2")));
        Assert.Equal(422, reused.HttpStatusCode);
        var body = JsonDocument.Parse(HttpEventBuilder.Json(reused.Body).GetProperty("body").GetString()!).RootElement;
        Assert.Equal(ErrorTypes.IdempotencyKeyReused, body.GetProperty("errorType").GetString());
    }

    [Fact]
    public async Task OverHttp_ARunningKey_Is409()
    {
        var item = NewItem();
        var call = new HttpCall("POST", "/test/order", null, [("Content-Type", "application/json"), ("Idempotency-Key", "w-" + item)], $"{{\"item\":\"{item}\",\"amount\":1,\"behave\":\"wait\"}}");
        var running = _invoker.InvokeAsync(HttpEventBuilder.Build(Shape.HttpApi, call)).AsTask();
        await WaitUntilAsync(() => Runs(item) == 1);

        var meanwhile = await _invoker.InvokeAsync(HttpEventBuilder.Build(Shape.HttpApi, call));
        Assert.Equal(409, meanwhile.HttpStatusCode);
        Assert.Equal(ErrorTypes.IdempotencyInProgress, meanwhile.ErrorType);
        OrderLedger.Gate(item).SetResult();
        Assert.Equal(201, (await running.WaitAsync(TimeSpan.FromSeconds(10))).HttpStatusCode);
    }

    [Fact]
    public async Task WithoutAStore_AKeyedRequestIsAHandlerError_NamingWhatToRegister()
    {
        var invoker = new FunctionInvoker(new HostTestRouter(), new ServiceCollection().BuildServiceProvider(), new FunctionInvokerOptions { Log = TextWriter.Null });
        var result = await invoker.InvokeAsync(Order(NewItem(), "k6"));
        Assert.Equal(ErrorTypes.HandlerError, result.ErrorType);
        Assert.Contains("IIdempotencyStore", result.ErrorMessage, StringComparison.Ordinal);
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        for (var i = 0; i < 500 && !condition(); i++)
        {
            await Task.Delay(10);
        }

        Assert.True(condition());
    }
}
