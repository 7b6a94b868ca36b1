using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Router;
using Router.Runtime;

namespace ShopFunction.Tests;

/// <summary>
/// The shop in process: <see cref="ShopServices"/> on the standard container, initialized on a store, a
/// fake clock, and the generated router behind a <see cref="FunctionInvoker"/>, exactly as the hosts run it.
/// </summary>
internal sealed class ShopHarness : IAsyncDisposable
{
    public static readonly DateTimeOffset Start = new(2026, 11, 22, 8, 0, 0, TimeSpan.Zero);

    private ShopHarness(ServiceProvider services, FakeTimeProvider time, StringWriter log, Dictionary<string, string> environment)
    {
        Services = services;
        Time = time;
        Log = log;
        Environment = environment;
        Invoker = new FunctionInvoker(new ShopRouter(), services, new FunctionInvokerOptions { Log = TextWriter.Null });
    }

    public ServiceProvider Services { get; }

    public FakeTimeProvider Time { get; }

    /// <summary>Every log line the function wrote, at every level down to Trace.</summary>
    public StringWriter Log { get; }

    /// <summary>The variables the shop was configured with (its store's file included).</summary>
    public Dictionary<string, string> Environment { get; }

    public FunctionInvoker Invoker { get; }

    internal Storage.IShopStore Store => Services.GetRequiredService<Storage.IShopStore>();

    public static async Task<ShopHarness> StartAsync(StoreKind kind = StoreKind.Sqlite, IReadOnlyDictionary<string, string>? extra = null)
    {
        var environment = Stores.Environment(kind);
        foreach (var (name, value) in extra ?? new Dictionary<string, string>())
        {
            environment[name] = value;
        }

        var time = new FakeTimeProvider(Start);
        var log = new StringWriter();
        var services = new ServiceCollection()
            .AddFunctionLogging(name => name == "AWS_LAMBDA_LOG_LEVEL" ? "TRACE" : null, TextWriter.Synchronized(log))
            .AddShop(name => environment.GetValueOrDefault(name), time)
            .BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });
        try
        {
            await services.InitializeShopAsync(CancellationToken.None);
        }
        catch
        {
            await services.DisposeAsync();
            throw;
        }

        return new ShopHarness(services, time, log, environment);
    }

    /// <summary>An event: <c>$url</c> and the given fields.</summary>
    public static string Event(string url, params (string Name, JsonNode? Value)[] fields)
    {
        var json = new JsonObject { ["$url"] = url };
        foreach (var (name, value) in fields)
        {
            json[name] = value;
        }

        return json.ToJsonString();
    }

    public async Task<InvocationResult> InvokeAsync(string json, InvocationInfo? invocation = null)
        => await Invoker.InvokeAsync(System.Text.Encoding.UTF8.GetBytes(json), invocation ?? InvocationInfo.Local("local-test"));

    /// <summary>Invokes (locally, unless <paramref name="invocation"/> says where) and returns the body, failing the test when the invocation itself failed.</summary>
    public async Task<JsonElement> CallAsync(string json, InvocationInfo? invocation = null)
    {
        var result = await InvokeAsync(json, invocation);
        Assert.True(result.IsSuccess, $"{json} failed: {result.ErrorType}: {result.ErrorMessage}");
        using var document = JsonDocument.Parse(result.Body);
        return document.RootElement.Clone();
    }

    /// <summary>Registers a new account and logs in; returns the session id.</summary>
    public async Task<string> SignUpAsync(string? name = null, string password = "correct horse battery")
    {
        name ??= Stores.UniqueName();
        AssertCode(0, await CallAsync(Event("user/register", ("name", name), ("password", password))));
        var login = await CallAsync(Event("user/login", ("name", name), ("password", password)));
        AssertCode(0, login);
        return login.GetProperty("sessionId").GetString()!;
    }

    /// <summary>Makes an order of <paramref name="amount"/> × <paramref name="item"/>; returns its id.</summary>
    public async Task<string> MakeOrderAsync(string session, string item = "xxxx", int amount = 1)
    {
        var reply = await CallAsync(Event("pay/makeOrder", ("sessionId", session), ("id", item), ("amount", amount)));
        AssertCode(0, reply);
        return reply.GetProperty("orderId").GetString()!;
    }

    public static void AssertCode(int expected, JsonElement body)
        => Assert.True(body.GetProperty("code").GetInt32() == expected, $"expected code {expected}: {body}");

    public ValueTask DisposeAsync() => Services.DisposeAsync();
}
