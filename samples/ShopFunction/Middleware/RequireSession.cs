using Router;
using ShopFunction.Errors;
using ShopFunction.Sessions;
using ShopFunction.Storage;

namespace ShopFunction.Middleware;

/// <summary>
/// Runs on every <c>pay/*</c> route, before the handler: resolves the event's <c>sessionId</c> into
/// the <see cref="CurrentUser"/> (read with <see cref="RouteContextUserExtensions.GetCurrentUser"/>),
/// and rejects a missing, unknown or expired session with a <see cref="ShopError"/>, so the handler
/// never runs for an anonymous caller. With <see cref="ShopSettings.TrustPlatformIdentity"/> on, the
/// mini-program caller CloudBase vouches for (<see cref="InvocationInfo.Caller"/>, which the runtime fills
/// only on SCF and never from an HTTP body or in <c>serve</c>) is accepted instead of a session.
/// </summary>
[Middleware("pay/*")]
internal sealed class RequireSession(IShopStore store, TimeProvider time, ShopSettings settings) : IRouteMiddleware
{
    public async ValueTask InvokeAsync(RouteContext context, RouteHandler next)
    {
        var user = await ResolveAsync(context, context.Invocation.Caller, context.CancellationToken);
        context.Items[CurrentUser.ItemKey] = user;

        // A client's idempotency keys are its user's: another user's same key never gets this one's order.
        context.IdempotencyScope = user.UserId;
        await next(context);
    }

    private async Task<CurrentUser> ResolveAsync(RouteContext context, CallerIdentity? caller, CancellationToken cancellationToken)
    {
        if (settings.TrustPlatformIdentity && caller?.OpenId is { Length: > 0 and <= 128 } openId)
        {
            return new CurrentUser("openid:" + openId, Name: null);
        }

        // One top-level member read straight from the event's bytes: no JsonDocument for the whole event.
        if (!context.TryGetEventString("sessionId"u8, out var sessionId) || sessionId.Length == 0)
        {
            throw new ShopError(ShopErrorCodes.SessionRequired, "sessionId is required: log in with user/login first");
        }

        var session = SessionTokens.IsWellFormed(sessionId)
            ? await store.FindSessionAsync(SessionTokens.StorageKey(sessionId), cancellationToken)
            : null;
        if (session is null)
        {
            throw new ShopError(ShopErrorCodes.SessionUnknown, "the session is unknown: log in again");
        }

        if (session.ExpiresAt <= time.GetUtcNow())
        {
            throw new ShopError(ShopErrorCodes.SessionExpired, "the session has expired: log in again");
        }

        return new CurrentUser(session.UserId, session.UserName);
    }
}
