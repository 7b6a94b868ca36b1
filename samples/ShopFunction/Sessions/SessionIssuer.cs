using ShopFunction.Storage;

namespace ShopFunction.Sessions;

/// <summary>Starts a session for an account, the same way for every login: a new id, kept only as its hash, lasting <see cref="ShopSettings.SessionLifetime"/>.</summary>
internal sealed class SessionIssuer(IShopStore store, TimeProvider time, ShopSettings settings)
{
    /// <summary>Stores a new session of <paramref name="user"/> and answers its id and expiry (whole seconds on the wire).</summary>
    public async Task<LoginReply> StartAsync(UserRecord user, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var sessionId = SessionTokens.New();
        var expiresAt = now + settings.SessionLifetime;
        expiresAt = expiresAt.AddTicks(-(expiresAt.Ticks % TimeSpan.TicksPerSecond));
        await store.CreateSessionAsync(new SessionRecord(SessionTokens.StorageKey(sessionId), user.UserId, user.Name, expiresAt), now, cancellationToken).ConfigureAwait(false);
        return new LoginReply(0, sessionId, expiresAt);
    }
}
