using System.Text.Json;
using Router;

namespace ShopFunction.Middleware;

/// <summary>
/// Runs for the <c>pay/*</c> routes only (like tcb-router's <c>app.use('pay/...', mw)</c>): notes who is
/// paying, from the <c>userInfo.openId</c> that CloudBase adds to events, in <see cref="RouteContext.Items"/>.
/// </summary>
[Middleware("pay/*")]
internal sealed class PayAudit : IRouteMiddleware
{
    public const string OpenIdItem = "openId";

    public ValueTask InvokeAsync(RouteContext context, RouteHandler next)
    {
        var openId = context.Event.TryGetProperty("userInfo", out var userInfo)
            && userInfo.ValueKind == JsonValueKind.Object
            && userInfo.TryGetProperty("openId", out var id)
            && id.ValueKind == JsonValueKind.String
                ? id.GetString()
                : null;
        context.Items[OpenIdItem] = openId;
        Console.Error.WriteLine($"[{context.RequestId}] {context.Url} by {openId ?? "an anonymous caller"}");
        return next(context);
    }
}
