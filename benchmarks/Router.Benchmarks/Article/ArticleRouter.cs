using System.Text.Json;
using System.Text.Json.Serialization;

namespace Router.Benchmarks.Article;

// The tcb-router article's four routes with a global and a route middleware, as a benchmark-local
// function: the same work as benchmarks/node/article.js, in memory, so what is measured is the router.
// The three variants (generated, hand-written, reflection) all run these same classes.

/// <summary>The generated router over the handlers and middleware below.</summary>
[GeneratedRouter(JsonContext = typeof(ArticleJson))]
public sealed partial class ArticleRouter;

/// <summary>The body of <c>user/register</c>, <c>user/login</c> and <c>pay/pay</c>.</summary>
public sealed record Reply(int Code, string Message);

/// <summary>The request of <c>pay/makeOrder</c>, bound from the event (<c>"amount": "3"</c> reads as 3).</summary>
public sealed record MakeOrderRequest(string? Id, int Amount);

/// <summary>The body of <c>pay/makeOrder</c>.</summary>
public sealed record OrderReply(int Code, string Message, string OrderId, long TotalCents);

/// <summary>JSON metadata for the requests and bodies, with the web defaults (camelCase, numbers from strings).</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(Reply))]
[JsonSerializable(typeof(MakeOrderRequest))]
[JsonSerializable(typeof(OrderReply))]
public sealed partial class ArticleJson : JsonSerializerContext;

/// <summary><c>user/*</c>: constant answers, as in the article.</summary>
[Route("user")]
public sealed class UserHandlers
{
    private static readonly Reply Registered = new(0, "register success");
    private static readonly Reply LoggedIn = new(0, "login success");

    /// <summary><c>user/register</c>.</summary>
    [Route("register")]
    public static Reply Register() => Registered;

    /// <summary><c>user/login</c>.</summary>
    [Route("login")]
    public static Reply Login() => LoggedIn;
}

/// <summary><c>pay/*</c>: an order priced from the bound request, and a constant payment answer.</summary>
[Route("pay")]
public sealed class PayHandlers
{
    /// <summary>The price of the article's item <c>xxxx</c>, in cents.</summary>
    public const long PriceCents = 1590;

    private static readonly Reply Paid = new(0, "pay success");
    private long _orders;

    /// <summary><c>pay/makeOrder</c>: numbers the order and prices it (<c>amount</c> × 1590 cents).</summary>
    [Route("makeOrder")]
    public OrderReply MakeOrder(MakeOrderRequest request)
    {
        var number = Interlocked.Increment(ref _orders);
        return new OrderReply(0, "make order success", "order-" + number.ToString(System.Globalization.CultureInfo.InvariantCulture), request.Amount * PriceCents);
    }

    /// <summary><c>pay/pay</c>.</summary>
    [Route("pay")]
    public static Reply Pay() => Paid;
}

/// <summary>
/// The global middleware (the article's <c>app.use</c>): counts the events served, after the rest of
/// the pipeline (onion order). Its work is kept to a counter, as is <see cref="PayAudit"/>'s, so the
/// benchmark measures the router and not the middleware: docs/performance.md gives the numbers with
/// a Stopwatch and an event-reading middleware too.
/// </summary>
[Middleware(Order = 0)]
public sealed class ServedCounter : IRouteMiddleware
{
    private static long s_served;

    /// <summary>How many events have been through a pipeline so far.</summary>
    public static long Served => Interlocked.Read(ref s_served);

    /// <inheritdoc />
    public async ValueTask InvokeAsync(RouteContext context, RouteHandler next)
    {
        await next(context).ConfigureAwait(false);
        Record();
    }

    /// <summary>The middleware's work, for the hand-written limits, which do it without a pipeline.</summary>
    public static void Record() => Interlocked.Increment(ref s_served);
}

/// <summary>The route middleware on <c>pay/*</c>: counts payment calls before the handler runs.</summary>
[Middleware("pay/*")]
public sealed class PayAudit : IRouteMiddleware
{
    private static long s_calls;

    /// <summary>How many <c>pay/*</c> events have reached this middleware so far.</summary>
    public static long Calls => Interlocked.Read(ref s_calls);

    /// <inheritdoc />
    public ValueTask InvokeAsync(RouteContext context, RouteHandler next)
    {
        Record();
        return next(context);
    }

    /// <summary>The middleware's work, for the hand-written limits, which do it without a pipeline.</summary>
    public static void Record() => Interlocked.Increment(ref s_calls);
}
