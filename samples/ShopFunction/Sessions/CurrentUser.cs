using Router;

namespace ShopFunction.Sessions;

/// <summary>
/// Who is calling a <c>pay/*</c> route, as <see cref="Middleware.RequireSession"/> resolved it: an
/// account (from a session) or, in the opt-in platform-identity mode, the CloudBase <c>openId</c>.
/// </summary>
/// <param name="UserId">The owner id orders are filed under: an account's <c>u_...</c> id, or <c>openid:...</c>.</param>
/// <param name="Name">The account name; <see langword="null"/> for a platform identity.</param>
internal sealed record CurrentUser(string UserId, string? Name)
{
    /// <summary>The <see cref="RouteContext.Items"/> key <see cref="Middleware.RequireSession"/> stores the caller under.</summary>
    public const string ItemKey = "shop.currentUser";
}

/// <summary>Reads the caller that <see cref="Middleware.RequireSession"/> put on the context.</summary>
internal static class RouteContextUserExtensions
{
    /// <summary>The caller of this invocation.</summary>
    /// <exception cref="InvalidOperationException">No <see cref="Middleware.RequireSession"/> ran for this route: a wiring mistake, reported as <c>HandlerError</c>.</exception>
    public static CurrentUser GetCurrentUser(this RouteContext context)
        => context.Items.TryGetValue(CurrentUser.ItemKey, out var user) && user is CurrentUser current
            ? current
            : throw new InvalidOperationException($"No current user on '{context.Url}': RequireSession must run before this handler.");
}
