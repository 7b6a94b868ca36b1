using System.Security.Cryptography;
using Router;
using ShopFunction.Errors;
using ShopFunction.Orders;
using ShopFunction.Sessions;
using ShopFunction.Storage;

namespace ShopFunction.Handlers;

/// <summary>
/// <c>pay/makeOrder</c>, <c>pay/pay</c> and <c>pay/orders</c>. <see cref="Middleware.RequireSession"/>
/// runs first on every <c>pay/*</c> route, so each handler reads its caller from the context.
/// </summary>
[Route("pay")]
internal sealed class PayHandlers(IShopStore store, TimeProvider time)
{
    /// <summary>Creates an order of <c>amount</c> × the item <c>id</c>, owned by the caller, priced from the catalog in cents.</summary>
    /// <remarks>
    /// Idempotent: a retry with the same <c>Idempotency-Key</c> header (or <c>idempotencyKey</c> member) and the
    /// same request gets the first order again, never a second one.
    /// </remarks>
    [Route("makeOrder", Methods = "POST")]
    [Idempotent]
    public async Task<OrderReply> MakeOrder(MakeOrderRequest request, RouteContext context)
    {
        var user = context.GetCurrentUser();
        var item = Catalog.Find(request.Id) ?? throw new ShopError(ShopErrorCodes.UnknownItem, $"no item has the id '{request.Id}'");
        var quantity = Quantity.Validate(request.Amount);
        var order = new OrderRecord(
            "o_" + Convert.ToHexString(RandomNumberGenerator.GetBytes(16)).ToLowerInvariant(),
            user.UserId,
            item.Id,
            quantity,
            item.PriceCents * quantity,
            OrderStatus.Created,
            time.GetUtcNow(),
            PaidAt: null);
        await store.CreateOrderAsync(order, context.CancellationToken);
        return new OrderReply(0, "make order success", order.OrderId, order.TotalCents);
    }

    /// <summary>Pays one of the caller's orders, once: a second payment, or someone else's order, is a business error.</summary>
    [Route("pay", Methods = "POST")]
    public async Task<Reply> Pay(PayRequest request, RouteContext context)
    {
        var user = context.GetCurrentUser();
        if (string.IsNullOrEmpty(request.OrderId))
        {
            throw new ShopError(ShopErrorCodes.OrderNotFound, "orderId is required");
        }

        return await store.PayOrderAsync(request.OrderId, user.UserId, time.GetUtcNow(), context.CancellationToken) switch
        {
            PayOutcome.Paid => Reply.Ok("pay success"),
            PayOutcome.AlreadyPaid => throw new ShopError(ShopErrorCodes.OrderAlreadyPaid, $"order {request.OrderId} is paid already"),
            _ => throw new ShopError(ShopErrorCodes.OrderNotFound, $"you have no order {request.OrderId}"),
        };
    }

    /// <summary>The caller's orders, newest first; over HTTP also a GET with the session in the query.</summary>
    [Route("orders", Methods = "GET,POST")]
    public async Task<OrdersReply> Orders(RouteContext context)
    {
        var user = context.GetCurrentUser();
        var orders = await store.ListOrdersAsync(user.UserId, context.CancellationToken);
        return new OrdersReply(0, orders.Select(o => new OrderView(o.OrderId, o.ItemId, o.Quantity, o.TotalCents, o.Status == OrderStatus.Paid ? "paid" : "created")).ToList());
    }
}
