using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Router;

/// <summary>
/// One idempotent invocation's hold on its key: claimed by <see cref="RoutePipeline.BeginIdempotentAsync{T}"/>
/// before the handler, then completed or released by the runtime once the invocation's answer is known; or,
/// for a repeat of a completed key, the answer to replay instead of running the handler.
/// </summary>
internal sealed class IdempotentCall
{
    /// <summary>The name of the HTTP header that carries the key (the IETF httpapi draft).</summary>
    public const string HeaderName = "Idempotency-Key";

    /// <summary>The longest key taken, in characters.</summary>
    public const int MaxKeyLength = 255;

    /// <summary>How long a claim holds when the invocation has no deadline (a local run): 15 minutes, the longest timeout of AWS Lambda.</summary>
    public static readonly TimeSpan LeaseWithoutDeadline = TimeSpan.FromMinutes(15);

    private IdempotentCall(IIdempotencyStore store, string key, string owner, IdempotentAnswer? replay)
    {
        Store = store;
        Key = key;
        Owner = owner;
        Replay = replay;
    }

    public IIdempotencyStore Store { get; }

    /// <summary>The store's key: the route and the client's key.</summary>
    public string Key { get; }

    public string Owner { get; }

    /// <summary>The stored answer of a completed key, to send instead of running the handler; <see langword="null"/> when this invocation holds the key.</summary>
    public IdempotentAnswer? Replay { get; }

    /// <summary>Claims the request's key, or finds the answer to replay; <see langword="null"/> when the request carries no key.</summary>
    public static async ValueTask<IdempotentCall?> BeginAsync<T>(RouteContext context, T request, JsonTypeInfo<T>? typeInfo, string keyMember, int expirySeconds)
    {
        if (ReadKey(context, keyMember) is not { } clientKey)
        {
            return null;
        }

        var services = context.Services;
        var store = services?.GetService(typeof(IIdempotencyStore)) as IIdempotencyStore
            ?? throw new InvalidOperationException(
                $"Route '{context.Url}' is [Idempotent], but the function's services have no IIdempotencyStore; register one (InMemoryIdempotencyStore for one instance, a database store for several).");
        var time = services?.GetService(typeof(TimeProvider)) as TimeProvider ?? TimeProvider.System;

        // The request as bound, serialized again: the same request in any member order or spacing, with any
        // members the type does not read (such as "$url" or the key itself), hashes the same.
        var hash = SHA256.HashData(typeInfo is null ? [] : JsonSerializer.SerializeToUtf8Bytes(request, typeInfo));
        var scope = context.IdempotencyScope ?? context.Invocation.Caller?.OpenId ?? "";
        var key = context.Url + ":" + scope + ":" + clientKey;
        var owner = Guid.NewGuid().ToString("N");
        var now = time.GetUtcNow();
        var lease = context.Invocation.Deadline is { } deadline && deadline > now ? deadline : now + LeaseWithoutDeadline;
        var claim = new IdempotencyClaim(key, hash, owner, now, lease, now + TimeSpan.FromSeconds(Math.Max(1, expirySeconds)));

        var held = await store.TryClaimAsync(claim, context.CancellationToken).ConfigureAwait(false);
        if (held is null)
        {
            return new IdempotentCall(store, key, owner, replay: null);
        }

        if (!CryptographicOperations.FixedTimeEquals(held.RequestHash, hash))
        {
            throw new IdempotencyKeyReusedException(context.Url, clientKey);
        }

        return held.Answer is { } answer
            ? new IdempotentCall(store, key, owner, answer)
            : throw new IdempotencyInProgressException(context.Url, clientKey);
    }

    private static string? ReadKey(RouteContext context, string keyMember)
    {
        var header = context.Http?.Headers[HeaderName];
        var key = header;
        if (key is null && !context.TryGetEventString(System.Text.Encoding.UTF8.GetBytes(keyMember), out key))
        {
            return null;
        }

        if (key.Length is 0 or > MaxKeyLength)
        {
            throw new InvalidRequestException(
                $"The idempotency key of route '{context.Url}' is {key.Length} characters; a key is 1 to {MaxKeyLength}.",
                header is null ? "$." + keyMember : null,
                innerException: null);
        }

        return key;
    }
}
