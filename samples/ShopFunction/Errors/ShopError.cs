namespace ShopFunction.Errors;

/// <summary>
/// A business error: the caller asked for something the shop refuses (a taken name, a wrong password,
/// no session, an order already paid). Handlers and middleware throw it; <see cref="Middleware.ErrorEnvelope"/>
/// turns it into the body <c>{ "code": Code, "message": Message }</c>. Anything else a handler throws
/// is unexpected and stays the runtime's <c>HandlerError</c>.
/// </summary>
internal sealed class ShopError(int code, string message) : Exception(message)
{
    /// <summary>The non-zero code clients branch on; one of <see cref="ShopErrorCodes"/>.</summary>
    public int Code { get; } = code;
}

/// <summary>The business error codes. They are part of the sample's contract: clients branch on them, so they never change meaning.</summary>
internal static class ShopErrorCodes
{
    /// <summary><c>user/register</c>: the name breaks the name rules (<see cref="Accounts.AccountRules"/>).</summary>
    public const int InvalidName = 1001;

    /// <summary><c>user/register</c>: the password breaks the password rules.</summary>
    public const int InvalidPassword = 1002;

    /// <summary><c>user/register</c>: an account has this name already (names compare case-insensitively).</summary>
    public const int NameTaken = 1003;

    /// <summary><c>user/login</c>: unknown name or wrong password; deliberately the same code and message for both.</summary>
    public const int LoginFailed = 1004;

    /// <summary><c>pay/*</c>: the event has no <c>sessionId</c> (and no trusted platform identity).</summary>
    public const int SessionRequired = 2001;

    /// <summary><c>pay/*</c>: the <c>sessionId</c> names no session.</summary>
    public const int SessionUnknown = 2002;

    /// <summary><c>pay/*</c>: the session has expired; log in again.</summary>
    public const int SessionExpired = 2003;

    /// <summary><c>pay/makeOrder</c>: <c>id</c> is missing or names no catalog item.</summary>
    public const int UnknownItem = 3001;

    /// <summary><c>pay/makeOrder</c>: <c>amount</c> is missing or a whole number outside 1 to <see cref="Orders.Quantity.Max"/> (one that is no whole number does not bind: <c>InvalidRequest</c>).</summary>
    public const int InvalidAmount = 3002;

    /// <summary><c>pay/pay</c>: <c>orderId</c> is missing, or names no order of the caller's (someone else's order is not found either).</summary>
    public const int OrderNotFound = 3003;

    /// <summary><c>pay/pay</c>: the order is paid already; an order is paid once.</summary>
    public const int OrderAlreadyPaid = 3004;

    /// <summary><c>session/create</c>: the platform refused the code (WeChat 40029 or 40163, Alipay <c>isv.code-invalid</c>), or it cannot be a code; get a new one.</summary>
    public const int LoginCodeInvalid = 4001;

    /// <summary><c>session/create</c>: the platform is busy, rate-limits, failed, did not answer in time, or answered without a valid signature; try again.</summary>
    public const int LoginPlatformFailed = 4002;

    /// <summary><c>session/create</c>: the platform has blocked the user (WeChat 40226).</summary>
    public const int LoginUserBlocked = 4003;

    /// <summary><c>session/create</c>: the platform is neither <c>wechat</c> nor <c>alipay</c>, or the function is not configured for it (the message names the variables).</summary>
    public const int LoginPlatformUnavailable = 4004;
}
