using System.ComponentModel.DataAnnotations;

namespace ShopFunction;

// The event and body shapes clients and docs rely on (README "The sample, as a model"). Members are
// camelCase on the wire (JsonSerializerDefaults.Web in ShopJson). Every body carries "code": 0 for
// success, or a non-zero code with a "message" (ErrorEnvelope, ShopError).

/// <summary>The <c>user/register</c> and <c>user/login</c> event: <c>{ "name": "tcb", "password": "..." }</c>.</summary>
internal sealed record Credentials(string? Name, string? Password);

/// <summary>
/// The <c>session/create</c> event: <c>{ "platform": "wechat" | "alipay", "code": "..." }</c>, the code from <c>wx.login</c>
/// or <c>my.getAuthCode</c>. A <c>code</c> longer than 512 characters is no platform's login code: <c>InvalidRequest</c>,
/// before the platform is asked.
/// </summary>
internal sealed record CodeLogin(string? Platform, [property: StringLength(512)] string? Code);

/// <summary>
/// The <c>pay/makeOrder</c> event: <c>{ "sessionId": "...", "id": "xxxx", "amount": "3" }</c>. <c>id</c> is a
/// catalog item and <c>amount</c> the quantity, a whole number sent as a number or a string of digits
/// (web JSON defaults read <c>"3"</c> as 3). A value that is no whole number (<c>"three"</c>, <c>3.5</c>)
/// does not bind: the runtime's <c>InvalidRequest</c>, naming <c>$.amount</c>. A whole number out of
/// range (<c>0</c>, <c>-1</c>, <c>100</c>) is the business error <see cref="Errors.ShopErrorCodes.InvalidAmount"/>;
/// a missing amount reads as 0, the same business error. An <c>id</c> longer than any catalog id is a shape
/// error, the runtime's <c>InvalidRequest</c> naming <c>$.id</c>, checked before the handler.
/// </summary>
internal sealed record MakeOrderRequest([property: StringLength(Orders.Catalog.MaxIdLength)] string? Id, int Amount);

/// <summary>The <c>pay/pay</c> event: <c>{ "sessionId": "...", "orderId": "..." }</c>; an <c>orderId</c> longer than any order's is <c>InvalidRequest</c>.</summary>
internal sealed record PayRequest([property: StringLength(Orders.Catalog.MaxOrderIdLength)] string? OrderId);

/// <summary>The article's body shape, <c>{ "code": 0, "message": "..." }</c>; every business error has this shape too.</summary>
internal sealed record Reply(int Code, string Message)
{
    public static Reply Ok(string message) => new(0, message);
}

/// <summary>The <c>user/login</c> and <c>session/create</c> body: <c>{ "code": 0, "sessionId": "...", "expiresAt": "2026-11-23T08:00:00+00:00" }</c>.</summary>
internal sealed record LoginReply(int Code, string SessionId, DateTimeOffset ExpiresAt);

/// <summary>The <c>pay/makeOrder</c> body: the new order's id and its total in cents (an integer, never a float).</summary>
internal sealed record OrderReply(int Code, string Message, string OrderId, long TotalCents);

/// <summary>The <c>pay/orders</c> body: the caller's orders, newest first (at most <see cref="Storage.IShopStore.MaxOrdersListed"/>).</summary>
internal sealed record OrdersReply(int Code, IReadOnlyList<OrderView> Orders);

/// <summary>One order in <c>pay/orders</c>: <c>id</c> is the item, <c>amount</c> the quantity, <c>status</c> <c>created</c> or <c>paid</c>.</summary>
internal sealed record OrderView(string OrderId, string Id, int Amount, long TotalCents, string Status);
