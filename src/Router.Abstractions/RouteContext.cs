using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Router;

/// <summary>
/// The state of one invocation as it passes through a route's pipeline: the counterpart of
/// tcb-router's <c>ctx</c>. One instance per invocation; not thread-safe.
/// </summary>
public sealed class RouteContext
{
    private Dictionary<string, object?>? _items;
    private object? _body;
    private JsonTypeInfo? _bodyTypeInfo;
    private HttpResponseInfo? _response;
    private InvocationInfo? _invocation;
    private IServiceProvider? _rootServices;
    private ulong _nextCalled;
    // What few invocations use (the whole event parsed, idempotency, more than 64 middleware), in one object
    // made on first use, so that the context of every other invocation is no larger for it (docs/performance.md).
    private RareState? _rare;

    /// <summary>Creates the context of one invocation.</summary>
    /// <param name="url">The route named by the event's <c>$url</c>.</param>
    /// <param name="rawEvent">The event as UTF-8 JSON (an object), without a byte-order mark.</param>
    /// <param name="services">The invocation's services (its scope, when the container has scopes), or <see langword="null"/>.</param>
    /// <param name="requestId">The platform's request id, or <see langword="null"/> for an empty one; <see cref="Invocation"/> replaces it when set.</param>
    /// <param name="cancellationToken">Cancelled when the invocation's deadline passes or the host stops.</param>
    public RouteContext(
        string url,
        ReadOnlyMemory<byte> rawEvent,
        IServiceProvider? services = null,
        string? requestId = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(url);
        Url = url;
        RawEvent = rawEvent;
        Services = services;
        _requestId = requestId;
        CancellationToken = cancellationToken;
    }

    /// <summary>
    /// The runtime's constructor: the invocation and its logger given at once, and nothing stored that is
    /// empty (each reference stored in a new object is a write barrier, on every invocation).
    /// </summary>
    internal RouteContext(string url, ReadOnlyMemory<byte> rawEvent, InvocationInfo invocation, IServiceProvider? services, IServiceProvider? rootServices, ILogger logger, HttpRequestInfo? http, CancellationToken cancellationToken)
    {
        Url = url;
        RawEvent = rawEvent;
        _invocation = invocation;
        _logger = logger;
        CancellationToken = cancellationToken;
        if (services is not null)
        {
            Services = services;
        }

        if (rootServices is not null && !ReferenceEquals(rootServices, services))
        {
            _rootServices = rootServices;
        }

        if (http is not null)
        {
            Http = http;
        }
    }

    /// <summary>
    /// The route (tcb-router's <c>ctx._req.url</c>): the event's <c>$url</c>, or for an HTTP request the
    /// route its path or <c>?$url=</c> names (docs/hosting.md, "HTTP").
    /// </summary>
    public string Url { get; }

    /// <summary>
    /// The event as UTF-8 JSON text of an object, without a byte-order mark: a direct event exactly as
    /// received; for an HTTP request, the JSON body, or the form fields or (with no body) the query
    /// parameters as an object of strings (a repeated key as an array of strings). The handler's request
    /// type is bound from it.
    /// </summary>
    public ReadOnlyMemory<byte> RawEvent { get; }

    /// <summary>The HTTP request this invocation came from, or <see langword="null"/> for a direct invocation.</summary>
    public HttpRequestInfo? Http { get; init; }

    /// <summary>
    /// The status code, headers and cookies of an HTTP invocation's answer; set them here from a handler
    /// or middleware. Ignored for a direct invocation, whose answer is only its body.
    /// </summary>
    public HttpResponseInfo Response => _response ??= new HttpResponseInfo();

    /// <summary>
    /// The whole event as a <see cref="JsonElement"/> (tcb-router's <c>ctx._req.event</c>), including
    /// <c>$url</c> and platform fields such as <c>userInfo</c>; for an HTTP request, the object
    /// <see cref="RawEvent"/> holds. Parsed on first access only, with no member named twice in any object
    /// (<see cref="JsonDocumentOptions.AllowDuplicateProperties"/> off): the whole event is read here, so a
    /// duplicate anywhere in it could be read differently than a parser in front of the function read it.
    /// </summary>
    /// <exception cref="InvalidRequestException">The event names a member twice in one object (the route answers <c>InvalidRequest</c>).</exception>
    public JsonElement Event
    {
        get
        {
            var rare = _rare ??= new RareState();
            if (rare.Event is null)
            {
                try
                {
                    rare.Event = JsonElement.Parse(RawEvent.Span, WholeEventOptions);
                }
                catch (JsonException ex)
                {
                    // The one failure left after the runtime's check of the event is a member named twice.
                    throw new InvalidRequestException($"The event for route '{Url}' cannot be read as a whole: {ex.Message}", null, ex);
                }
            }

            return rare.Event.Value;
        }
    }

    // The runtime has checked the event's depth against its own limit already.
    private static readonly JsonDocumentOptions WholeEventOptions = new() { AllowDuplicateProperties = false, MaxDepth = int.MaxValue };

    /// <summary>
    /// Reads one top-level string member of the event, such as a session id, without parsing the whole event
    /// into <see cref="Event"/>: one forward-only pass over the top level of <see cref="RawEvent"/> (nested
    /// values are skipped, not materialized), allocating only the returned string. When <see cref="Event"/>
    /// was parsed already, it is read from there.
    /// </summary>
    /// <param name="utf8Name">The member's name as UTF-8 (<c>"sessionId"u8</c>); escaped names in the event match.</param>
    /// <param name="value">The member's string value, or <see langword="null"/>.</param>
    /// <returns><see langword="true"/> when the event has the member at its top level and it is a JSON string.</returns>
    /// <exception cref="InvalidRequestException">The event names the member twice at its top level: a parser in front of the function may have read the other value.</exception>
    public bool TryGetEventString(ReadOnlySpan<byte> utf8Name, [NotNullWhen(true)] out string? value)
    {
        if (_rare?.Event is { } parsed)
        {
            value = parsed.ValueKind == JsonValueKind.Object && parsed.TryGetProperty(utf8Name, out var member) && member.ValueKind == JsonValueKind.String
                ? member.GetString()
                : null;
            return value is not null;
        }

        value = null;
        var reader = new Utf8JsonReader(RawEvent.Span);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return false;
        }

        var found = false;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isMember = reader.ValueTextEquals(utf8Name);
            reader.Read();
            if (isMember)
            {
                if (found)
                {
                    var name = System.Text.Encoding.UTF8.GetString(utf8Name);
                    throw new InvalidRequestException(
                        $"The event for route '{Url}' names the member '{name}' more than once; another parser could read the other value, so it is refused.",
                        "$." + name,
                        innerException: null);
                }

                // The rest of the top level is still read: the member must not come again.
                found = true;
                value = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
            }

            reader.Skip();
        }

        return value is not null;
    }

    /// <summary>Per-invocation state shared by middleware and the handler (tcb-router's <c>ctx.data</c>).</summary>
    public IDictionary<string, object?> Items => _items ??= new Dictionary<string, object?>(StringComparer.Ordinal);

    private readonly string? _requestId;
    private readonly ILogger? _logger;

    /// <summary>
    /// The invocation's services, or <see langword="null"/> when the host was given none. With a container
    /// that has scopes (<c>IServiceScopeFactory</c>), the invocation's own scope: scoped services are new
    /// for each invocation and disposed after it (docs/guide.md, "Services and lifetimes").
    /// </summary>
    public IServiceProvider? Services { get; }

    /// <summary>
    /// The host's services outside any scope, from which generated code creates middleware, once per router;
    /// the same as <see cref="Services"/> when the container has no scopes. Take scoped services from
    /// <see cref="Services"/> instead.
    /// </summary>
    public IServiceProvider? RootServices
    {
        get => _rootServices ?? Services;
        init => _rootServices = value;
    }

    /// <summary>What the platform said about this invocation: its request id, function, deadline, trace, credentials and caller. Never null.</summary>
    public InvocationInfo Invocation
    {
        get => _invocation ??= InvocationInfo.Local(_requestId ?? string.Empty);
        init => _invocation = value ?? throw new ArgumentNullException(nameof(value));
    }

    /// <summary>The platform's id for this invocation (<see cref="InvocationInfo.RequestId"/>); empty when there is none.</summary>
    public string RequestId => _invocation?.RequestId ?? _requestId ?? string.Empty;

    /// <summary>
    /// The invocation's logger (Microsoft.Extensions.Logging): its lines carry the request id, in the format
    /// of the platform (docs/hosting.md, "Logs"). A logger that writes nothing when the host set none.
    /// </summary>
    public ILogger Logger
    {
        get => _logger ?? NullLogger.Instance;
        init => _logger = value;
    }

    /// <summary>Cancelled when the invocation's deadline passes or the host is stopping.</summary>
    public CancellationToken CancellationToken { get; }

    /// <summary>
    /// The response body (tcb-router's <c>ctx.body</c>): the handler's return value, or anything a
    /// middleware sets. Serialized with <see cref="BodyTypeInfo"/> when set through
    /// <see cref="SetBody{T}"/>, otherwise with the router's JSON options for the value's runtime type.
    /// </summary>
    public object? Body
    {
        get => _body;
        set
        {
            _body = value;
            _bodyTypeInfo = null;
        }
    }

    /// <summary>The JSON metadata to serialize <see cref="Body"/> with, or <see langword="null"/> when unknown.</summary>
    public JsonTypeInfo? BodyTypeInfo => _bodyTypeInfo;

    /// <summary>Sets <see cref="Body"/> together with the metadata to serialize it with (no reflection).</summary>
    /// <typeparam name="T">The body's type.</typeparam>
    /// <param name="body">The body.</param>
    /// <param name="typeInfo">Its metadata, from a <c>JsonSerializerContext</c>.</param>
    public void SetBody<T>(T? body, JsonTypeInfo<T> typeInfo)
    {
        ArgumentNullException.ThrowIfNull(typeInfo);
        _body = body;
        _bodyTypeInfo = typeInfo;
    }

    /// <summary>
    /// Whose idempotency keys this invocation's are (docs/guide.md, "Idempotency"): an <see cref="IdempotentAttribute"/>
    /// route keeps a key's record under its route, this scope and the key, so that one client's key never answers
    /// another's request. Set it in a middleware once the caller is known (the shop sets its user id); when it is
    /// not set, the platform's caller (<see cref="InvocationInfo.Caller"/>'s open id) is the scope, or none.
    /// </summary>
    public string? IdempotencyScope
    {
        get => _rare?.IdempotencyScope;
        set => (_rare ??= new RareState()).IdempotencyScope = value;
    }

    /// <summary>An idempotent route's hold on its key (<see cref="RoutePipeline.BeginIdempotentAsync{T}"/>), which the runtime completes or releases; <see langword="null"/> otherwise.</summary>
    internal IdempotentCall? Idempotency
    {
        get => _rare?.Idempotency;
        set => (_rare ??= new RareState()).Idempotency = value;
    }

    /// <summary>
    /// Records that the middleware at <paramref name="index"/> called <c>next</c>.
    /// Returns <see langword="false"/> when it had already done so in this invocation.
    /// </summary>
    // Inlined into every generated pipeline step: a bit test and set; a pipeline of more than 64 middleware goes out of line.
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    internal bool TryMarkNextCalled(int index)
    {
        if (index >= 64)
        {
            return TryMarkNextCalledBeyond64(index);
        }

        var bit = 1UL << index;
        if ((_nextCalled & bit) != 0)
        {
            return false;
        }

        _nextCalled |= bit;
        return true;
    }

    private bool TryMarkNextCalledBeyond64(int index) => ((_rare ??= new RareState()).NextCalledBeyond64 ??= []).Add(index);

    /// <summary>The state only some invocations have: the whole event parsed, an idempotent route's, a pipeline of more than 64 middleware's.</summary>
    private sealed class RareState
    {
        public JsonElement? Event;
        public string? IdempotencyScope;
        public IdempotentCall? Idempotency;
        public HashSet<int>? NextCalledBeyond64;
    }
}
