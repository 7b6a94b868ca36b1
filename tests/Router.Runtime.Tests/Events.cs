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
        { "wrong-type.json", ErrorTypes.InvalidRequest },
    };

    /// <summary>The article's events that answer code 0 in a fresh process, in the order a client sends them.</summary>
    public static readonly string[] Good =
        ["user-register.json", "user-login.json", "pay-makeOrder.json", "pay-pay.json", "wx-callFunction.json", "pay-makeOrder-utf8-bom.json"];

    public static byte[] ReadBad(string name) => Read(Path.Combine("bad", name));

    public static FunctionInvoker CreateShopInvoker(FunctionInvokerOptions? options = null)
        => new(new ShopRouter(), new ShopServices(), options ?? new FunctionInvokerOptions { Log = TextWriter.Null });
}
