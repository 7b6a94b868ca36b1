using System.Security.Cryptography;
using Router;
using ShopFunction.Logins;
using ShopFunction.Sessions;
using ShopFunction.Storage;

namespace ShopFunction.Handlers;

/// <summary>
/// <c>session/create</c>: seed 001's login. The mini program gets a code from its platform (<c>wx.login</c>,
/// <c>my.getAuthCode</c>), the function trades it with the platform's server for the user's identity, and
/// answers a session id, as <c>user/login</c> does. The first login of a platform user creates their
/// account; later logins reach the same account and its orders.
/// </summary>
[Route("session")]
internal sealed class SessionHandlers(PlatformLogins logins, IShopStore store, TimeProvider time, SessionIssuer sessions)
{
    /// <summary>Trades a mini program's login code (<c>wx.login</c>, <c>my.getAuthCode</c>) for a session id.</summary>
    /// <remarks><c>platform</c> is <c>wechat</c> or <c>alipay</c>; the first login of a platform user creates their account.</remarks>
    [Route("create", Methods = "POST")]
    public async Task<LoginReply> Create(CodeLogin request, CancellationToken cancellationToken)
    {
        var identity = await logins.ExchangeAsync(request.Platform, request.Code, cancellationToken);
        var user = await store.FindOrCreatePlatformUserAsync(
            identity,
            "u_" + Convert.ToHexString(RandomNumberGenerator.GetBytes(16)).ToLowerInvariant(),
            time.GetUtcNow(),
            cancellationToken);
        return await sessions.StartAsync(user, cancellationToken);
    }
}
