using System.Text.Json;
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
/// <c>userInfo.openId</c> CloudBase adds to mini-program calls is accepted instead of a session.
/// </summary>
[Middleware("pay/*")]
internal sealed class RequireSession(IShopStore store, TimeProvider time, ShopSettings settings) : IRouteMiddleware
{
    public async ValueTask InvokeAsync(RouteContext context, RouteHandler next)
    {
        context.Items[CurrentUser.ItemKey] = await ResolveAsync(context.Event, context.CancellationToken);
        await next(context);
    }

    private async Task<CurrentUser> ResolveAsync(JsonElement @event, CancellationToken cancellationToken)
    {
        if (settings.TrustPlatformIdentity && PlatformOpenId(@event) is { } openId)
        {
            return new CurrentUser("openid:" + openId, Name: null);
        }

        if (!@event.TryGetProperty("sessionId", out var value) || value.ValueKind != JsonValueKind.String || value.GetString() is not { Length: > 0 } sessionId)
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

    private static string? PlatformOpenId(JsonElement @event)
        => @event.TryGetProperty("userInfo", out var userInfo)
            && userInfo.ValueKind == JsonValueKind.Object
            && userInfo.TryGetProperty("openId", out var openId)
            && openId.ValueKind == JsonValueKind.String
            && openId.GetString() is { Length: > 0 and <= 128 } id
                ? id
                : null;
}
