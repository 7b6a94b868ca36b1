using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using static ShopFunction.Tests.ShopHarness;

namespace ShopFunction.Tests;

/// <summary>
/// The whole journey (register, log in, make an order, pay, list) through the real executable: one
/// process per event with <c>invoke</c>, as platforms start them, and one long-lived <c>serve</c>
/// process with a real HTTP client, on both stores. The JIT build always; the NativeAOT bootstrap too
/// when CI published it, both as it is and from its function.zip inside a Debian 11 userland.
/// </summary>
public sealed class JourneyTests
{
    public static TheoryData<string, StoreKind> KindsAndStores
    {
        get
        {
            var data = new TheoryData<string, StoreKind>();
            foreach (string kind in FunctionProcess.KindsWithOlderImage)
            {
                data.Add(kind, StoreKind.Sqlite);
                data.Add(kind, StoreKind.Postgres);
            }

            return data;
        }
    }

    [Theory]
    [MemberData(nameof(KindsAndStores))]
    public async Task Invoke_OneProcessPerEvent_RunsTheWholeJourney(string kind, StoreKind store)
    {
        var environment = Stores.Environment(store);
        async Task<JsonElement> Invoke(string json)
        {
            await using var process = FunctionProcess.Start(kind, environment, "invoke", json);
            var exitCode = await process.WaitAsync();
            Assert.True(exitCode == 0, $"invoke {json} exited {exitCode}: {process.Error}");
            return JsonDocument.Parse(process.Output).RootElement.Clone();
        }

        var journey = await JourneyAsync(Invoke);

        Assert.Equal("paid", journey.GetProperty("orders")[0].GetProperty("status").GetString());
    }

    [Theory]
    [MemberData(nameof(KindsAndStores))]
    public async Task Serve_RunsTheJourney_ServesConcurrentRequests_AndKeepsDataAcrossARestart(string kind, StoreKind store)
    {
        var environment = Stores.Environment(store);
        var port = LoopbackPorts.Free();
        // One client (one connection pool) per server: a connection kept alive to the stopped server is gone.
        var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/") };
        async Task<JsonElement> Post(string json)
        {
            using var response = await client.PostAsync("invoke", new StringContent(json, Encoding.UTF8, "application/json"));
            var text = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{json}: {(int)response.StatusCode} {text}");
            return JsonDocument.Parse(text).RootElement.Clone();
        }

        string name;
        string session;
        await using (var server = await FunctionProcess.ServeAsync(kind, environment, port))
        {
            var journey = await JourneyAsync(Post);
            name = journey.GetProperty("name").GetString()!;
            session = journey.GetProperty("sessionId").GetString()!;

            // 40 orders at once: none lost, none twice.
            var made = await Task.WhenAll(Enumerable.Range(0, 40).Select(_ => Post(Event("pay/makeOrder", ("sessionId", session), ("id", "green-tea"), ("amount", 1)))));
            var madeIds = made.Select(m => m.GetProperty("orderId").GetString()!).ToHashSet();
            Assert.Equal(40, madeIds.Count);

            // One order paid by 12 requests at once: exactly one succeeds.
            var target = madeIds.First();
            var payments = await Task.WhenAll(Enumerable.Range(0, 12).Select(_ => Post(Event("pay/pay", ("sessionId", session), ("orderId", target)))));
            Assert.Single(payments, p => p.GetProperty("code").GetInt32() == 0);
            Assert.All(payments.Where(p => p.GetProperty("code").GetInt32() != 0), p => AssertCode(3004, p));

            var listed = await Post(Event("pay/orders", ("sessionId", session)));
            Assert.Equal(41, listed.GetProperty("orders").GetArrayLength());
            Assert.Superset(madeIds, listed.GetProperty("orders").EnumerateArray().Select(o => o.GetProperty("orderId").GetString()!).ToHashSet());
            Assert.Equal(0, await server.TerminateAsync());
        }

        client.Dispose();
        client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/") };
        await using (var restarted = await FunctionProcess.ServeAsync(kind, environment, port))
        {
            var orders = await Post(Event("pay/orders", ("sessionId", session)));
            var login = await Post(Event("user/login", ("name", name), ("password", "correct horse battery")));

            Assert.Equal(41, orders.GetProperty("orders").GetArrayLength());
            Assert.Equal(2, orders.GetProperty("orders").EnumerateArray().Count(o => o.GetProperty("status").GetString() == "paid"));
            AssertCode(0, login);
        }

        client.Dispose();
    }

    public static TheoryData<string, string> KindsAndPlatforms
    {
        get
        {
            var data = new TheoryData<string, string>();
            foreach (string kind in FunctionProcess.Kinds)
            {
                data.Add(kind, "wechat");
                data.Add(kind, "alipay");
            }

            return data;
        }
    }

    [Theory]
    [MemberData(nameof(KindsAndPlatforms))]
    public async Task CodeLogin_ThroughInvokeAndServe_ReachesOneAccount(string kind, string platform)
    {
        await using var weChat = new Fakes.FakeWeChat(LoginTests.WeChatAppId, LoginTests.WeChatSecret);
        await using var keys = AlipayKeys.Create();
        await using var alipay = keys.Fake();
        var environment = Stores.Environment(StoreKind.Sqlite);
        foreach (var (name, value) in platform == "wechat" ? LoginTests.WeChatEnvironment(weChat) : keys.Environment(alipay))
        {
            environment[name] = value;
        }

        var code = platform == "wechat" ? "user-oJourney1" : "user-2088102150470001";
        var secret = platform == "wechat" ? LoginTests.WeChatSecret : keys.AppPrivateKey[..40];
        // invoke, one process per event: a code becomes a session, the session makes the article's order.
        var errors = new StringBuilder();
        async Task<JsonElement> Invoke(string json)
        {
            await using var process = FunctionProcess.Start(kind, environment, "invoke", json);
            var exitCode = await process.WaitAsync();
            Assert.True(exitCode == 0, $"invoke {json} exited {exitCode}: {process.Error}");
            errors.Append(process.Error);
            return JsonDocument.Parse(process.Output).RootElement.Clone();
        }

        var login = await Invoke(Event("session/create", ("platform", platform), ("code", code)));
        AssertCode(0, login);
        var article = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "events", "pay-makeOrder.json")))!.AsObject();
        article["sessionId"] = login.GetProperty("sessionId").GetString();
        var order = await Invoke(article.ToJsonString());
        AssertCode(0, order);

        // serve, over HTTP: a second code of the same user lists that order.
        var port = LoopbackPorts.Free();
        using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/") };
        await using var server = await FunctionProcess.ServeAsync(kind, environment, port);
        using var created = await client.PostAsync("session/create", new StringContent($$"""{"platform":"{{platform}}","code":"{{code}}"}""", Encoding.UTF8, "application/json"));
        var session = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement.GetProperty("sessionId").GetString();
        using var listed = await client.PostAsync("pay/orders", new StringContent($$"""{"sessionId":"{{session}}"}""", Encoding.UTF8, "application/json"));
        var orders = JsonDocument.Parse(await listed.Content.ReadAsStringAsync()).RootElement.Clone();
        Assert.Equal(0, await server.TerminateAsync());

        Assert.Equal(order.GetProperty("orderId").GetString(), orders.GetProperty("orders")[0].GetProperty("orderId").GetString());
        Assert.Equal(2, weChat.Requests.Count + alipay.Requests.Count);
        Assert.DoesNotContain(secret, errors.ToString() + server.Error + server.Output, StringComparison.Ordinal);
    }

    /// <summary>register, login, the article's makeOrder event with the session, pay, orders; returns the order list plus the name and session used.</summary>
    private static async Task<JsonElement> JourneyAsync(Func<string, Task<JsonElement>> call)
    {
        var name = Stores.UniqueName("reader");
        AssertCode(0, await call(Event("user/register", ("name", name), ("password", "correct horse battery"))));
        var login = await call(Event("user/login", ("name", name), ("password", "correct horse battery")));
        AssertCode(0, login);
        var session = login.GetProperty("sessionId").GetString()!;

        var article = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "events", "pay-makeOrder.json")))!.AsObject();
        article["sessionId"] = session;
        var order = await call(article.ToJsonString());
        AssertCode(0, order);
        var orderId = order.GetProperty("orderId").GetString()!;

        Assert.Equal("""{"code":0,"message":"pay success"}""", (await call(Event("pay/pay", ("sessionId", session), ("orderId", orderId)))).GetRawText());
        var orders = await call(Event("pay/orders", ("sessionId", session)));
        Assert.Equal(
            $$"""{"code":0,"orders":[{"orderId":"{{orderId}}","id":"xxxx","amount":3,"totalCents":4770,"status":"paid"}]}""",
            orders.GetRawText());

        var result = orders.Deserialize<JsonObject>()!;
        result["name"] = name;
        result["sessionId"] = session;
        return result.Deserialize<JsonElement>();
    }
}
