using Microsoft.Extensions.DependencyInjection;
using Router.Runtime;
using ShopFunction;

namespace Router.Runtime.Tests;

internal static class Events
{
    public static string PathOf(string name) => Path.Combine(AppContext.BaseDirectory, "events", name);

    public static byte[] Read(string name) => File.ReadAllBytes(PathOf(name));

    /// <summary>Every event in events/bad with the error type it must get.</summary>
    public static TheoryData<string, string> Bad => new()
    {
        { "truncated.json", ErrorTypes.InvalidEvent },
        { "empty.json", ErrorTypes.InvalidEvent },
        { "null.json", ErrorTypes.InvalidEvent },
        { "array-event.json", ErrorTypes.InvalidEvent },
        { "deep-nesting.json", ErrorTypes.InvalidEvent },
        { "duplicate-url.json", ErrorTypes.InvalidEvent },
        { "missing-url.json", ErrorTypes.MissingRoute },
        { "url-not-string.json", ErrorTypes.MissingRoute },
        { "unknown-route.json", ErrorTypes.RouteNotFound },
        // The shared wrong-type.json ("amount": "three") is a pay/* event: without a session the shop
        // refuses it before binding (RequireSession, code 2001), so its InvalidRequest is tested with a
        // session in ShopFunction.Tests. This event fails binding on a route that needs no session.
        { "register-wrong-type.json", ErrorTypes.InvalidRequest },
    };

    /// <summary>The bad HTTP events in events/bad: each answers the platform's response with the error's status.</summary>
    public static TheoryData<string, string, int> BadHttp => new()
    {
        { "method-not-allowed.json", ErrorTypes.MethodNotAllowed, 405 },
    };

    /// <summary>
    /// The bad events the shop answers with a business code, not a runtime error: the article's
    /// wrong-type.json is a pay/* event, and without a session the shop refuses it before binding.
    /// </summary>
    public static TheoryData<string, int> BadBusiness => new()
    {
        { "wrong-type.json", 2001 },
    };

    public const string SessionRequired = """{"code":2001,"message":"sessionId is required: log in with user/login first"}""";

    /// <summary>
    /// The article's events, in the order a client sends them, with the body the shop answers in a
    /// fresh store. They are served (the host delivers the body) but none succeeds on its own: the
    /// article's password is under the shop's 8-character minimum, and every pay/* route needs a session.
    /// </summary>
    public static readonly (string File, string Body)[] Article =
    [
        ("user-register.json", """{"code":1002,"message":"password must be 8 to 128 characters"}"""),
        ("user-login.json", """{"code":1004,"message":"wrong name or password"}"""),
        ("pay-makeOrder.json", SessionRequired),
        ("pay-pay.json", SessionRequired),
        ("wx-callFunction.json", SessionRequired),
        ("pay-makeOrder-utf8-bom.json", SessionRequired),
    ];

    /// <summary>The article's event files, in order.</summary>
    public static readonly string[] Good = [.. Article.Select(a => a.File)];

    /// <summary>The business code the shop answers <paramref name="file"/> with in a fresh store.</summary>
    public static int CodeOf(string file)
        => System.Text.Json.JsonDocument.Parse(Article.Single(a => a.File == file).Body).RootElement.GetProperty("code").GetInt32();

    /// <summary>The shop's variables for a test: a new SQLite file, cheap password hashes.</summary>
    public static Dictionary<string, string> ShopEnvironment() => new()
    {
        ["SHOP_SQLITE_PATH"] = Path.Combine(ScratchFolders.Create("runtime-test-"), "shop.db"),
        ["SHOP_PBKDF2_ITERATIONS"] = "1000",
    };

    /// <summary>
    /// The shop's services on a new store, their log lines (and so the host's) to <paramref name="log"/>;
    /// the host initializes them (<see cref="FunctionHostOptions.Initialize"/>, <see cref="ShopServices.InitializeShopAsync"/>).
    /// </summary>
    /// <param name="log">Where log lines go.</param>
    /// <param name="platform">The host's environment, for the log format (<c>AWS_LAMBDA_LOG_FORMAT</c>); none by default.</param>
    public static ServiceProvider NewShopServices(TextWriter log, Func<string, string?>? platform = null)
    {
        var environment = ShopEnvironment();
        return new ServiceCollection()
            .AddFunctionLogging(platform ?? (static _ => null), TextWriter.Synchronized(log))
            .AddShop(name => environment.GetValueOrDefault(name))
            .BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });
    }

    public static byte[] ReadBad(string name) => Read(Path.Combine("bad", name));

    public static FunctionInvoker CreateShopInvoker(FunctionInvokerOptions? options = null)
    {
        var services = NewShopServices(TextWriter.Null);
        services.InitializeShopAsync(CancellationToken.None).AsTask().GetAwaiter().GetResult();
        return new(new ShopRouter(), services, options ?? new FunctionInvokerOptions { Log = TextWriter.Null });
    }
}
