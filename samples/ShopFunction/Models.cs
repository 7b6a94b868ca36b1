namespace ShopFunction;

/// <summary>The <c>user/register</c> and <c>user/login</c> event: <c>{ "name": "tcb", "password": "09876" }</c>.</summary>
internal sealed record Credentials(string? Name, string? Password);

/// <summary>The <c>pay/makeOrder</c> event: <c>{ "id": "xxxx", "amount": "3" }</c>; the amount is a whole number, sent as a string or a number.</summary>
internal sealed record MakeOrderRequest(string? Id, int Amount);

/// <summary>The <c>pay/pay</c> event: <c>{ "orderId": "xxxx" }</c>.</summary>
internal sealed record PayRequest(string? OrderId);

/// <summary>The article's body shape: <c>{ "code": 0, "message": "..." }</c>; a non-zero code is a business error.</summary>
internal sealed record Reply(int Code, string Message)
{
    public static Reply Ok(string message) => new(0, message);

    public static Reply Error(string message) => new(1, message);
}

/// <summary>The <c>pay/makeOrder</c> body: the article's shape plus the new order's id (absent on errors).</summary>
internal sealed record OrderReply(int Code, string Message, string? OrderId);
