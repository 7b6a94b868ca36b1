using System.ComponentModel;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace Router;

/// <summary>
/// Building blocks for generated routers: pipeline composition, request binding and service
/// resolution. Not meant to be called from user code; its shape may change between versions.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class RoutePipeline
{
    /// <summary>The message of the error raised when a middleware calls <c>next</c> twice (from koa-compose).</summary>
    public const string NextCalledMultipleTimes = "next() called multiple times";

    /// <summary>
    /// Records, at the start of a pipeline step, that the middleware at <paramref name="index"/> (outermost 0)
    /// called its <c>next</c>; generated pipelines call it in every step after the first.
    /// </summary>
    /// <exception cref="InvalidOperationException">That middleware already called <c>next</c> in this invocation:
    /// "next() called multiple times", the koa-compose rule.</exception>
    public static void EnterNext(RouteContext context, int index)
    {
        if (!context.TryMarkNextCalled(index))
        {
            ThrowNextCalledMultipleTimes();
        }
    }

    // Thrown out of line, so that EnterNext stays small enough to inline into each step.
    [System.Diagnostics.CodeAnalysis.DoesNotReturn]
    private static void ThrowNextCalledMultipleTimes() => throw new InvalidOperationException(NextCalledMultipleTimes);

    /// <summary>
    /// Deserializes the whole event into the handler's request type, with duplicates refused: a member of the
    /// request type that the event names twice (at any depth the request reads) does not bind, because a parser
    /// in front of the function may have read the other value. Members the type does not have are skipped.
    /// </summary>
    /// <exception cref="InvalidRequestException">The event does not bind, or names one of the request's members twice; the message names the member.</exception>
    public static T BindRequest<T>(RouteContext context, JsonTypeInfo<T> typeInfo)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(typeInfo);
        try
        {
            return JsonSerializer.Deserialize(context.RawEvent.Span, Binding.StrictBinding<T>.For(typeInfo))
                ?? throw new InvalidRequestException(
                    $"The event for route '{context.Url}' is null; {typeInfo.Type} expects an object.", null, null);
        }
        catch (JsonException ex)
        {
            var member = string.IsNullOrEmpty(ex.Path) || ex.Path == "$" ? "the event" : $"member '{ex.Path}'";

            // The serializer ends its message with " Path: $.x | LineNumber: 0 | ...", which repeats the member named above.
            // The inner exception, when there is one, says what was wrong with the value itself.
            var reason = ex.InnerException?.Message ?? ex.Message;
            var pathSuffix = reason.IndexOf(" Path: ", StringComparison.Ordinal);
            if (pathSuffix > 0)
            {
                reason = reason[..pathSuffix];
            }

            throw new InvalidRequestException(
                $"The event for route '{context.Url}' does not bind to {typeInfo.Type}: {member} is invalid ({reason})",
                ex.Path,
                ex);
        }
    }

    /// <summary>
    /// For an <see cref="IdempotentAttribute"/> route, after binding and validation: claims the request's
    /// idempotency key, or finds the stored answer of a completed one, which the runtime then sends instead.
    /// </summary>
    /// <returns><see langword="true"/> when the handler is to run; <see langword="false"/> when the answer is replayed.</returns>
    /// <exception cref="IdempotencyKeyReusedException">The key was used with another request.</exception>
    /// <exception cref="IdempotencyInProgressException">The key's first invocation still runs.</exception>
    /// <exception cref="InvalidRequestException">The key is empty or longer than 255 characters.</exception>
    /// <exception cref="InvalidOperationException">The function's services have no <see cref="IIdempotencyStore"/>.</exception>
    /// <param name="context">The invocation.</param>
    /// <param name="request">The bound request, or <see langword="null"/> for a handler that takes none.</param>
    /// <param name="typeInfo">Its JSON metadata (the request's hash is a SHA-256 of its JSON), or <see langword="null"/> for a handler that takes none.</param>
    /// <param name="keyMember">The event member that carries a direct invocation's key (<see cref="IdempotentAttribute.KeyMember"/>).</param>
    /// <param name="expirySeconds">How long the key's record is kept (<see cref="IdempotentAttribute.ExpirySeconds"/>).</param>
    public static async ValueTask<bool> BeginIdempotentAsync<T>(RouteContext context, T request, JsonTypeInfo<T>? typeInfo, string keyMember, int expirySeconds)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(keyMember);
        var call = await IdempotentCall.BeginAsync(context, request, typeInfo, keyMember, expirySeconds).ConfigureAwait(false);
        context.Idempotency = call;
        return call is not { Replay: not null };
    }

    /// <summary>
    /// Returns the JSON metadata for <typeparamref name="T"/> from a router's JSON context.
    /// </summary>
    /// <exception cref="InvalidOperationException">The context has no metadata for the type.</exception>
    public static JsonTypeInfo<T> GetTypeInfo<T>(JsonSerializerContext jsonContext)
    {
        ArgumentNullException.ThrowIfNull(jsonContext);
        return jsonContext.GetTypeInfo(typeof(T)) as JsonTypeInfo<T>
            ?? throw new InvalidOperationException(
                $"{jsonContext.GetType()} has no JSON metadata for {typeof(T)}: add [JsonSerializable(typeof({typeof(T)}))] to it.");
    }

    /// <summary>Resolves a required service for a handler or middleware.</summary>
    /// <param name="services">The invocation's services.</param>
    /// <param name="consumer">Who needs it, for the error message.</param>
    /// <exception cref="InvalidOperationException">No service provider was given, or it has no such service.</exception>
    public static T GetRequiredService<T>(IServiceProvider? services, string consumer)
        where T : class
    {
        if (services is null)
        {
            throw new InvalidOperationException(
                $"{consumer} needs a {typeof(T)}, but the function host was given no IServiceProvider.");
        }

        return services.GetService(typeof(T)) as T
            ?? throw new InvalidOperationException(
                $"{consumer} needs a {typeof(T)}, but the IServiceProvider has none.");
    }

    /// <summary>
    /// Stores <paramref name="created"/> in <paramref name="field"/> unless another thread stored an
    /// instance first, and returns the stored one. Generated routers create each handler class and
    /// middleware once this way: <c>field ?? InitializeOnce(ref field, new T(...))</c>.
    /// </summary>
    public static T InitializeOnce<T>(ref T? field, T created)
        where T : class
        => Interlocked.CompareExchange(ref field, created, null) ?? created;
}
