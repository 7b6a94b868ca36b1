namespace Router;

/// <summary>
/// Makes a handler idempotent: a request that carries an idempotency key runs the handler once, and every
/// repeat with the same key and the same request gets the first answer again, byte for byte, without the
/// handler running (docs/guide.md, "Idempotency"). After the IETF httpapi draft
/// "The Idempotency-Key HTTP Header Field" and Powertools for AWS Lambda's <c>[Idempotent]</c>.
/// </summary>
/// <remarks>
/// <para>The key is the HTTP header <c>Idempotency-Key</c>, or the event's top-level string member
/// <see cref="KeyMember"/> (<c>idempotencyKey</c>); a request with neither runs as if the handler were not
/// idempotent. A key is 1 to 255 characters, else the request is an <c>InvalidRequest</c>.</para>
/// <para>The record of a key is kept by the <see cref="IIdempotencyStore"/> from the invocation's services:
/// claimed before the handler (after middleware, binding and validation) with the invocation's deadline as
/// its lease; completed with the answer (status, headers, body) when the route answers, business answers
/// included; released when the invocation fails (<c>HandlerError</c>), so that the client can retry; and
/// expired <see cref="ExpirySeconds"/> after it was claimed. The same key with another request (a SHA-256 of
/// the bound request's JSON differs) is refused as <c>IdempotencyKeyReused</c> (HTTP 422); a repeat while the
/// first still runs as <c>IdempotencyInProgress</c> (HTTP 409).</para>
/// </remarks>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class IdempotentAttribute : Attribute
{
    /// <summary>The default <see cref="KeyMember"/>: <c>idempotencyKey</c>.</summary>
    public const string DefaultKeyMember = "idempotencyKey";

    /// <summary>The default <see cref="ExpirySeconds"/>: 86,400 (24 hours).</summary>
    public const int DefaultExpirySeconds = 86_400;

    /// <summary>
    /// The event's top-level string member that carries the key when the request has no
    /// <c>Idempotency-Key</c> header (a direct invocation); <c>idempotencyKey</c> unless set.
    /// </summary>
    public string KeyMember { get; set; } = DefaultKeyMember;

    /// <summary>How long a key's record is kept, in seconds from its claim: 86,400 (24 hours) unless set; at least 1.</summary>
    public int ExpirySeconds { get; set; } = DefaultExpirySeconds;
}
