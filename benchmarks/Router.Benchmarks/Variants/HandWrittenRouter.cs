using System.Text.Json;
using Router.Benchmarks.Article;

namespace Router.Benchmarks.Variants;

/// <summary>
/// The limit: what a careful programmer would write by hand for the article's four routes. A
/// <c>switch</c> on the route and, per route, the same middleware and handlers as the generated router
/// nested directly, each <c>next</c> a delegate built once, the request bound with duplicates refused (the
/// contract's one rule for binding). It has none of the generated router's guards (no "next() called
/// multiple times" check, no request-binding errors naming the member), so it is a floor, not an equal.
/// </summary>
public sealed class HandWrittenRouter : IRouteDispatcher
{
    private readonly RouteHandler _register;
    private readonly RouteHandler _login;
    private readonly RouteHandler _makeOrder;
    private readonly RouteHandler _pay;

    /// <summary>Builds the four pipelines.</summary>
    public HandWrittenRouter()
    {
        var served = new ServedCounter();
        var audit = new PayAudit();
        var payHandlers = new PayHandlers();
        var json = ArticleJson.Default;
        // Bound with duplicates refused, as the contract asks of any router (docs/guide.md, "Members named twice").
        var strict = new ArticleJson(new JsonSerializerOptions(ArticleJson.Default.Options) { AllowDuplicateProperties = false });

        RouteHandler register = static context =>
        {
            context.SetBody(UserHandlers.Register(), ArticleJson.Default.Reply);
            return default;
        };
        RouteHandler login = static context =>
        {
            context.SetBody(UserHandlers.Login(), ArticleJson.Default.Reply);
            return default;
        };
        RouteHandler makeOrder = context =>
        {
            var request = JsonSerializer.Deserialize(context.RawEvent.Span, strict.MakeOrderRequest)
                ?? throw new InvalidRequestException("The event is null.", null, null);
            context.SetBody(payHandlers.MakeOrder(request), json.OrderReply);
            return default;
        };
        RouteHandler pay = static context =>
        {
            context.SetBody(PayHandlers.Pay(), ArticleJson.Default.Reply);
            return default;
        };

        RouteHandler auditThenMakeOrder = context => audit.InvokeAsync(context, makeOrder);
        RouteHandler auditThenPay = context => audit.InvokeAsync(context, pay);
        _register = context => served.InvokeAsync(context, register);
        _login = context => served.InvokeAsync(context, login);
        _makeOrder = context => served.InvokeAsync(context, auditThenMakeOrder);
        _pay = context => served.InvokeAsync(context, auditThenPay);
    }

    /// <inheritdoc />
    public IReadOnlyList<RouteDescriptor> Routes => ArticleRouter.Routes;

    /// <inheritdoc />
    public JsonSerializerOptions? JsonOptions => ArticleJson.Default.Options;

    /// <inheritdoc />
    public ValueTask DispatchAsync(RouteContext context) => context.Url switch
    {
        "user/register" => _register(context),
        "user/login" => _login(context),
        "pay/makeOrder" => _makeOrder(context),
        "pay/pay" => _pay(context),
        _ => ValueTask.FromException(new RouteNotFoundException(context.Url)),
    };
}
