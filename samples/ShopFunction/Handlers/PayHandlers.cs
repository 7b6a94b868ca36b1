using Router;

namespace ShopFunction.Handlers;

/// <summary>
/// <c>pay/makeOrder</c> and <c>pay/pay</c>. An instance handler: generated code creates it once,
/// passing the <see cref="IOrderBook"/> from the host's services to its constructor.
/// </summary>
[Route("pay")]
internal sealed class PayHandlers(IOrderBook orders)
{
    [Route("makeOrder")]
    public OrderReply MakeOrder(MakeOrderRequest request)
    {
        if (string.IsNullOrWhiteSpace(request.Id))
        {
            return new OrderReply(1, "id is required", null);
        }

        if (request.Amount <= 0)
        {
            return new OrderReply(1, "amount must be a positive whole number", null);
        }

        return new OrderReply(0, "make order success", orders.Create(request.Id, request.Amount));
    }

    [Route("pay")]
    public ValueTask<Reply> Pay(PayRequest request, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (string.IsNullOrWhiteSpace(request.OrderId))
        {
            return ValueTask.FromResult(Reply.Error("orderId is required"));
        }

        return ValueTask.FromResult(orders.Pay(request.OrderId) ? Reply.Ok("pay success") : Reply.Error("order already paid"));
    }
}
