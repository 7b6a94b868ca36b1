namespace ShopFunction.Storage;

/// <summary>
/// An account. <paramref name="NameKey"/> is the lower-case name accounts are unique under; a platform
/// account's is <c>wechat:&lt;openid&gt;</c> or <c>alipay:&lt;user_id&gt;</c> (no password name has a colon), and its
/// <paramref name="PasswordHash"/> is empty: it has no password to log in with.
/// </summary>
internal sealed record UserRecord(string UserId, string Name, string NameKey, string PasswordHash, DateTimeOffset CreatedAt);

/// <summary>A session: the SHA-256 of its id (never the id itself), its account and when it expires.</summary>
internal sealed record SessionRecord(string TokenHash, string UserId, string UserName, DateTimeOffset ExpiresAt);

/// <summary>An order: <paramref name="Quantity"/> of <paramref name="ItemId"/> for <paramref name="TotalCents"/>, owned by <paramref name="UserId"/>.</summary>
internal sealed record OrderRecord(string OrderId, string UserId, string ItemId, int Quantity, long TotalCents, OrderStatus Status, DateTimeOffset CreatedAt, DateTimeOffset? PaidAt);

/// <summary>Where an order is in its life: created, then paid once.</summary>
internal enum OrderStatus
{
    /// <summary>Made by <c>pay/makeOrder</c>, not paid yet.</summary>
    Created,

    /// <summary>Paid by <c>pay/pay</c>; final.</summary>
    Paid,
}

/// <summary>What <see cref="IShopStore.PayOrderAsync"/> did.</summary>
internal enum PayOutcome
{
    /// <summary>The order moved from created to paid.</summary>
    Paid,

    /// <summary>No order with that id belongs to the caller.</summary>
    NotFound,

    /// <summary>The caller's order was paid already; nothing changed.</summary>
    AlreadyPaid,
}

/// <summary>
/// The shop's storage, injected into handlers and middleware. Two implementations share one SQL text
/// (<see cref="SqlShopStore"/>): SQLite in a file (<see cref="SqliteShopStore"/>, the default) and
/// PostgreSQL (<see cref="PostgresShopStore"/>) for instances that must share state. Every method is
/// safe to call concurrently; state changes are single atomic statements. It is also the function's
/// <see cref="Router.IIdempotencyStore"/>: idempotency keys live in the same database.
/// </summary>
internal interface IShopStore : Router.IIdempotencyStore, IAsyncDisposable
{
    /// <summary>The most orders <see cref="ListOrdersAsync"/> returns.</summary>
    const int MaxOrdersListed = 100;

    /// <summary>Creates the schema or brings it up to date; safe to run from several instances at once.</summary>
    Task MigrateAsync(CancellationToken cancellationToken);

    /// <summary>Adds <paramref name="user"/>; <see langword="false"/> when an account with its name key exists.</summary>
    Task<bool> TryCreateUserAsync(UserRecord user, CancellationToken cancellationToken);

    /// <summary>The account with <paramref name="nameKey"/>, or <see langword="null"/>.</summary>
    Task<UserRecord?> FindUserAsync(string nameKey, CancellationToken cancellationToken);

    /// <summary>
    /// The account of the platform user <paramref name="identity"/> (by its unionid first, then its app id),
    /// created as <paramref name="newUserId"/> on their first login. Racing first logins of one user create one
    /// account; a unionid seen for the first time is linked to the account.
    /// </summary>
    Task<UserRecord> FindOrCreatePlatformUserAsync(Logins.PlatformIdentity identity, string newUserId, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Adds <paramref name="session"/>, and removes the account's sessions that expired by <paramref name="now"/>.</summary>
    Task CreateSessionAsync(SessionRecord session, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>The session whose id hashes to <paramref name="tokenHash"/>, expired or not, or <see langword="null"/>.</summary>
    Task<SessionRecord?> FindSessionAsync(string tokenHash, CancellationToken cancellationToken);

    /// <summary>Adds <paramref name="order"/>.</summary>
    Task CreateOrderAsync(OrderRecord order, CancellationToken cancellationToken);

    /// <summary>Moves the order <paramref name="orderId"/> of <paramref name="userId"/> from created to paid, at most once however many callers race.</summary>
    Task<PayOutcome> PayOrderAsync(string orderId, string userId, DateTimeOffset paidAt, CancellationToken cancellationToken);

    /// <summary>The newest <see cref="MaxOrdersListed"/> orders of <paramref name="userId"/>, newest first.</summary>
    Task<IReadOnlyList<OrderRecord>> ListOrdersAsync(string userId, CancellationToken cancellationToken);
}
