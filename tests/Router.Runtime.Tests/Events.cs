using Router.Runtime;
using ShopFunction;

namespace Router.Runtime.Tests;

internal static class Events
{
    public static string PathOf(string name) => Path.Combine(AppContext.BaseDirectory, "events", name);

    public static byte[] Read(string name) => File.ReadAllBytes(PathOf(name));

    public static FunctionInvoker CreateShopInvoker(FunctionInvokerOptions? options = null)
        => new(new ShopRouter(), new ShopServices(), options ?? new FunctionInvokerOptions { Log = TextWriter.Null });
}
