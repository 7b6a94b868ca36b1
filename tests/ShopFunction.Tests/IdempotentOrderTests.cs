using System.Net;
using System.Text;
using System.Text.Json;
using Router;
using ShopFunction.Storage;

namespace ShopFunction.Tests;

/// <summary>
/// <c>pay/makeOrder</c> is <c>[Idempotent]</c> (docs/guide.md, "Idempotency"): retried with one key, by many
/// clients at once, across two <c>serve</c> processes on one database, it makes one order and gives every
/// client the same answer; the shop's SQL store keeps the record's life (claim, lease, completion, release,
/// expiry) on SQLite and PostgreSQL alike.
/// </summary>
public sealed class IdempotentOrderTests
{
    /// <summary>The JIT build, and the NativeAOT bootstrap when CI published it (it links its own SQLite), on both stores.</summary>
    public static TheoryData<string, StoreKind> KindsAndStores
    {
        get
        {
            var data = new TheoryData<string, StoreKind>();
            foreach (string kind in FunctionProcess.Kinds)
            {
                data.Add(kind, StoreKind.Sqlite);
                data.Add(kind, StoreKind.Postgres);
            }

            return data;
        }
    }

    [Theory]
    [MemberData(nameof(KindsAndStores))]
    public async Task SixteenConcurrentRetries_AcrossTwoProcesses_MakeOneOrder_AndGetOneAnswer(string kind, StoreKind store)
    {
        // Both processes on one database: the same PostgreSQL, or the same SQLite file.
        var environment = Stores.Environment(store);
        var ports = new[] { LoopbackPorts.Free(), LoopbackPorts.Free() };
        await using var first = await FunctionProcess.ServeAsync(kind, environment, ports[0]);
        await using var second = await FunctionProcess.ServeAsync(kind, environment, ports[1]);
        using var clients = new ClientPair(ports);
        try
        {
            await RetryAcrossTwoProcessesAsync(clients);
        }
        catch (Exception ex) when (ex is not Xunit.Sdk.XunitException)
        {
            throw new InvalidOperationException($"{ex.Message}\nfirst: {first.Error}\nsecond: {second.Error}", ex);
        }

        Assert.Equal(0, await first.TerminateAsync());
        Assert.Equal(0, await second.TerminateAsync());
    }

    private static async Task RetryAcrossTwoProcessesAsync(ClientPair clients)
    {
        var name = Stores.UniqueName();
        await clients.PostAsync(0, "user/register", $$"""{"name":"{{name}}","password":"correct horse battery"}""");
        var login = JsonDocument.Parse(await (await clients.PostAsync(1, "user/login", $$"""{"name":"{{name}}","password":"correct horse battery"}""")).Content.ReadAsStringAsync());
        var session = login.RootElement.GetProperty("sessionId").GetString();
        var key = Guid.NewGuid().ToString();
        var order = $$"""{"sessionId":"{{session}}","id":"teapot","amount":2}""";

        var answers = await Task.WhenAll(Enumerable.Range(0, 16).Select(async i =>
        {
            // A client that meets the first request still running waits a moment and retries, as the 409 asks.
            for (var attempt = 0; ; attempt++)
            {
                using var response = await clients.PostAsync(i % 2, "pay/makeOrder", order, key);
                var body = await response.Content.ReadAsByteArrayAsync();
                if (response.StatusCode != HttpStatusCode.Conflict || attempt == 200)
                {
                    return (response.StatusCode, Body: body);
                }

                await Task.Delay(50);
            }
        }));

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.OK, a.StatusCode));
        Assert.All(answers, a => Assert.Equal(answers[0].Body, a.Body));
        var orderId = JsonDocument.Parse(answers[0].Body).RootElement.GetProperty("orderId").GetString();

        var listed = JsonDocument.Parse(await (await clients.PostAsync(0, "pay/orders", $$"""{"sessionId":"{{session}}"}""")).Content.ReadAsStringAsync());
        var orders = listed.RootElement.GetProperty("orders");
        Assert.Equal(1, orders.GetArrayLength());
        Assert.Equal(orderId, orders[0].GetProperty("orderId").GetString());

        // The same key with another request is refused; a new key makes a new order.
        using var reused = await clients.PostAsync(1, "pay/makeOrder", order.Replace("\"amount\":2", "\"amount\":3", StringComparison.Ordinal), key);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, reused.StatusCode);
        Assert.Contains("IdempotencyKeyReused", await reused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using var another = await clients.PostAsync(1, "pay/makeOrder", order, Guid.NewGuid().ToString());
        Assert.NotEqual(orderId, JsonDocument.Parse(await another.Content.ReadAsStringAsync()).RootElement.GetProperty("orderId").GetString());
    }

    [Theory]
    [MemberData(nameof(Stores.Kinds), MemberType = typeof(Stores))]
    public async Task AnotherUsersSameKey_MakesItsOwnOrder(StoreKind store)
    {
        await using var shop = await ShopHarness.StartAsync(store);
        var key = Guid.NewGuid().ToString();
        var orderIds = new List<string>();
        foreach (var session in new[] { await shop.SignUpAsync(), await shop.SignUpAsync() })
        {
            var answer = await shop.CallAsync($$"""{"$url":"pay/makeOrder","sessionId":"{{session}}","id":"xxxx","amount":1,"idempotencyKey":"{{key}}"}""");
            orderIds.Add(answer.GetProperty("orderId").GetString()!);
        }

        Assert.NotEqual(orderIds[0], orderIds[1]);
    }

    [Theory]
    [MemberData(nameof(Stores.Kinds), MemberType = typeof(Stores))]
    public async Task ARetry_WithTheMemberKey_ReplaysTheOrder_AndAReplayedBusinessErrorToo(StoreKind store)
    {
        await using var shop = await ShopHarness.StartAsync(store);
        var session = await shop.SignUpAsync();
        var order = $$"""{"$url":"pay/makeOrder","sessionId":"{{session}}","id":"xxxx","amount":1,"idempotencyKey":"retry-1"}""";
        var first = await shop.InvokeAsync(order);
        var second = await shop.InvokeAsync(order);
        Assert.Equal(first.Body.ToArray(), second.Body.ToArray());

        // A business answer (3002, amount out of range) is an answer too: stored and replayed, the handler not run again.
        var bad = $$"""{"$url":"pay/makeOrder","sessionId":"{{session}}","id":"xxxx","amount":100,"idempotencyKey":"retry-2"}""";
        var refused = await shop.InvokeAsync(bad);
        Assert.Contains("3002", refused.ToString(), StringComparison.Ordinal);
        Assert.Equal(refused.Body.ToArray(), (await shop.InvokeAsync(bad)).Body.ToArray());

        var orders = await shop.CallAsync(ShopHarness.Event("pay/orders", ("sessionId", session)));
        Assert.Equal(1, orders.GetProperty("orders").GetArrayLength());
    }

    [Fact]
    public async Task ALongId_IsAnInvalidRequest_BeforeTheHandler()
    {
        await using var shop = await ShopHarness.StartAsync();
        var session = await shop.SignUpAsync();
        var result = await shop.InvokeAsync($$"""{"$url":"pay/makeOrder","sessionId":"{{session}}","id":"{{new string('x', 65)}}","amount":1}""");
        Assert.Equal("InvalidRequest", result.ErrorType);
        Assert.Contains("$.id: ", result.ErrorMessage, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Stores.Kinds), MemberType = typeof(Stores))]
    public async Task TheStore_KeepsTheRecordsLife(StoreKind kind)
    {
        await using var store = kind == StoreKind.Postgres ? (SqlShopStore)new PostgresShopStore(Stores.PostgresConnectionString) : new SqliteShopStore(Stores.NewSqlitePath());
        await store.MigrateAsync(CancellationToken.None);
        var now = new DateTimeOffset(2026, 12, 7, 8, 0, 0, TimeSpan.Zero);
        var key = "pay/makeOrder:u1:" + Guid.NewGuid();
        var hash = new byte[32];
        hash[0] = 1;
        IdempotencyClaim Claim(string owner, DateTimeOffset at, byte[]? requestHash = null)
            => new(key, requestHash ?? hash, owner, at, at.AddSeconds(30), at.AddHours(24));

        // Claimed once; a second claim while the first holds its lease sees it in progress.
        Assert.Null(await store.TryClaimAsync(Claim("a", now), CancellationToken.None));
        var held = await store.TryClaimAsync(Claim("b", now.AddSeconds(1)), CancellationToken.None);
        Assert.NotNull(held);
        Assert.Null(held.Answer);
        Assert.Equal(hash, held.RequestHash);

        // Its owner died: after the lease, another claims it, and the dead owner can no longer complete it.
        Assert.Null(await store.TryClaimAsync(Claim("b", now.AddSeconds(31)), CancellationToken.None));
        await store.CompleteAsync(key, "a", new IdempotentAnswer(200, [], "{\"late\":true}"u8.ToArray()), CancellationToken.None);
        var answer = new IdempotentAnswer(201, [new("Content-Type", "application/json; charset=utf-8"), new("Set-Cookie", "a=b; Path=/")], "{\"orderId\":\"o_1\"}"u8.ToArray());
        await store.CompleteAsync(key, "b", answer, CancellationToken.None);

        var completed = await store.TryClaimAsync(Claim("c", now.AddHours(1)), CancellationToken.None);
        Assert.NotNull(completed?.Answer);
        Assert.Equal(201, completed.Answer.StatusCode);
        Assert.Equal(answer.Headers, completed.Answer.Headers);
        Assert.Equal(answer.Body, completed.Answer.Body);

        // A release only frees a record its owner holds in progress: a completed record stays.
        await store.ReleaseAsync(key, "b", CancellationToken.None);
        Assert.NotNull((await store.TryClaimAsync(Claim("c", now.AddHours(2)), CancellationToken.None))?.Answer);

        // Expired (24 hours after its claim at 00:31), the key is claimed anew.
        Assert.Null(await store.TryClaimAsync(Claim("d", now.AddHours(25)), CancellationToken.None));
        await store.ReleaseAsync(key, "d", CancellationToken.None);
        Assert.Null(await store.TryClaimAsync(Claim("e", now.AddHours(25)), CancellationToken.None));
    }

    [Theory]
    [MemberData(nameof(Stores.Kinds), MemberType = typeof(Stores))]
    public async Task AProcessKilledInsideTheHandler_LeavesAKeyThatIsClaimedAfterItsLease(StoreKind store)
    {
        await using var shop = await ShopHarness.StartAsync(store);
        var session = await shop.SignUpAsync();
        var user = (await shop.Store.FindSessionAsync(Sessions.SessionTokens.StorageKey(session), CancellationToken.None))!.UserId;

        // What a process killed inside makeOrder leaves: its claim on the key, in progress until its invocation's
        // deadline (here 3 seconds), with the hash of the request the shop binds, {"id":"xxxx","amount":1}.
        var key = "k-" + Guid.NewGuid().ToString("N");
        var hash = System.Security.Cryptography.SHA256.HashData("""{"id":"xxxx","amount":1}"""u8);
        var now = shop.Time.GetUtcNow();
        Assert.Null(await shop.Store.TryClaimAsync(new IdempotencyClaim($"pay/makeOrder:{user}:{key}", hash, "killed", now, now.AddSeconds(3), now.AddHours(24)), CancellationToken.None));

        var order = $$"""{"$url":"pay/makeOrder","sessionId":"{{session}}","id":"xxxx","amount":1,"idempotencyKey":"{{key}}"}""";
        Assert.Equal("IdempotencyInProgress", (await shop.InvokeAsync(order)).ErrorType);

        shop.Time.Advance(TimeSpan.FromSeconds(4));
        ShopHarness.AssertCode(0, await shop.CallAsync(order));
        var orders = await shop.CallAsync(ShopHarness.Event("pay/orders", ("sessionId", session)));
        Assert.Equal(1, orders.GetProperty("orders").GetArrayLength());
    }

    /// <summary>Two HTTP clients, one per server.</summary>
    private sealed class ClientPair(int[] ports) : IDisposable
    {
        private readonly HttpClient[] _clients = ports.Select(p => new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{p}/") }).ToArray();

        public Task<HttpResponseMessage> PostAsync(int server, string path, string json, string? idempotencyKey = null)
        {
            var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
            if (idempotencyKey is not null)
            {
                request.Headers.Add("Idempotency-Key", idempotencyKey);
            }

            return _clients[server].SendAsync(request);
        }

        public void Dispose()
        {
            foreach (var client in _clients)
            {
                client.Dispose();
            }
        }
    }
}
