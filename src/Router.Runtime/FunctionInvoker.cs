using System.Text.Json;

namespace Router.Runtime;

/// <summary>
/// Turns event bytes into a result: validates the event, finds <c>$url</c>, dispatches through the
/// router and serializes the body. Every host and test goes through it.
/// </summary>
/// <remarks>
/// It never throws for bad input: each failure is an <see cref="InvocationResult"/> with one of the
/// <see cref="ErrorTypes"/> and a message that names the cause, so a host can serve the next event.
/// Thread-safe: one instance serves concurrent invocations.
/// </remarks>
public sealed class FunctionInvoker
{
    private static ReadOnlySpan<byte> Utf8Bom => [0xEF, 0xBB, 0xBF];
    private static ReadOnlySpan<byte> UrlProperty => "$url"u8;

    private readonly IRouteDispatcher _router;
    private readonly IServiceProvider? _services;
    private readonly int _maxEventBytes;
    private readonly int _maxDepth;
    private readonly TextWriter? _log;
    private readonly bool _includeExceptionDetails;

    /// <summary>Creates an invoker with the default limits (6 MB, depth 64) that logs to standard error.</summary>
    /// <param name="router">The router, usually the generated <c>[GeneratedRouter]</c> class.</param>
    /// <param name="services">Services for handler and middleware constructors and parameters, or <see langword="null"/>.</param>
    public FunctionInvoker(IRouteDispatcher router, IServiceProvider? services = null)
        : this(router, services, new FunctionInvokerOptions())
    {
    }

    /// <summary>Creates an invoker with the given limits and log.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A limit is not positive.</exception>
    public FunctionInvoker(IRouteDispatcher router, IServiceProvider? services, FunctionInvokerOptions options)
    {
        ArgumentNullException.ThrowIfNull(router);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.MaxEventBytes);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.MaxDepth);
        _router = router;
        _services = services;
        _maxEventBytes = options.MaxEventBytes;
        _maxDepth = options.MaxDepth;
        _log = options.Log;
        _includeExceptionDetails = options.IncludeExceptionDetails;
    }

    /// <summary>The router this invoker dispatches to.</summary>
    public IRouteDispatcher Router => _router;

    /// <summary>Runs one event.</summary>
    /// <param name="eventJson">The event as UTF-8 JSON; a leading byte-order mark is accepted.</param>
    /// <param name="cancellationToken">The invocation's deadline; handlers see it as <see cref="RouteContext.CancellationToken"/>.</param>
    public ValueTask<InvocationResult> InvokeAsync(ReadOnlyMemory<byte> eventJson, CancellationToken cancellationToken = default)
        => InvokeAsync(eventJson, requestId: null, cancellationToken);

    /// <summary>Runs one event for a platform request.</summary>
    /// <param name="eventJson">The event as UTF-8 JSON; a leading byte-order mark is accepted.</param>
    /// <param name="requestId">The platform's request id, seen by handlers as <see cref="RouteContext.RequestId"/>.</param>
    /// <param name="cancellationToken">The invocation's deadline.</param>
    public async ValueTask<InvocationResult> InvokeAsync(ReadOnlyMemory<byte> eventJson, string? requestId, CancellationToken cancellationToken = default)
    {
        if (ReadRoute(ref eventJson, out var url) is { } invalid)
        {
            return invalid;
        }

        var context = new RouteContext(url, eventJson, _services, requestId, cancellationToken);
        try
        {
            await _router.DispatchAsync(context).ConfigureAwait(false);
        }
        catch (RouteNotFoundException ex)
        {
            return InvocationResult.Failure(ErrorTypes.RouteNotFound, ex.Message);
        }
        catch (InvalidRequestException ex)
        {
            return InvocationResult.Failure(ErrorTypes.InvalidRequest, ex.Message);
        }
        catch (Exception ex)
        {
            return HandlerFailure(context, ex, "threw");
        }

        return SerializeBody(context);
    }

    private InvocationResult SerializeBody(RouteContext context)
    {
        var body = context.Body;
        if (body is null)
        {
            return InvocationResult.NoBody();
        }

        try
        {
            var typeInfo = context.BodyTypeInfo
                ?? _router.JsonOptions?.GetTypeInfo(body.GetType())
                ?? throw new InvalidOperationException(
                    $"The body of route '{context.Url}' is a {body.GetType()}, but the router has no JSON context to serialize it with.");
            return InvocationResult.Success(JsonSerializer.SerializeToUtf8Bytes(body, typeInfo));
        }
        catch (Exception ex) when (ex is NotSupportedException or InvalidOperationException or JsonException)
        {
            return HandlerFailure(context, ex, "returned a body that could not be serialized");
        }
    }

    private InvocationResult HandlerFailure(RouteContext context, Exception ex, string what)
    {
        var log = _log ?? Console.Error;
        log.WriteLine($"[{context.RequestId}] route '{context.Url}' {what}: {ex}");
        var message = _includeExceptionDetails ? ex.ToString() : ex.Message;
        return InvocationResult.Failure(ErrorTypes.HandlerError, message);
    }

    /// <summary>
    /// Validates the whole event in one forward pass and finds <c>$url</c>. Returns the route on
    /// success (with the byte-order mark cut from <paramref name="eventJson"/>) and returns
    /// <see langword="null"/>, or returns the failure.
    /// </summary>
    private InvocationResult? ReadRoute(ref ReadOnlyMemory<byte> eventJson, out string url)
    {
        url = string.Empty;
        if (eventJson.Length > _maxEventBytes)
        {
            return Invalid(ErrorTypes.InvalidEvent, $"The event is {eventJson.Length} bytes, larger than the limit of {_maxEventBytes} bytes.");
        }

        if (eventJson.Span.StartsWith(Utf8Bom))
        {
            eventJson = eventJson[Utf8Bom.Length..];
        }

        var span = eventJson.Span;
        if (span.Trim(" \t\r\n"u8).IsEmpty)
        {
            return Invalid(ErrorTypes.InvalidEvent, "The event is empty; expected a JSON object with a \"$url\" member.");
        }

        var reader = new Utf8JsonReader(span, new JsonReaderOptions { MaxDepth = _maxDepth });
        string? found = null;
        string? urlProblem = null;
        try
        {
            reader.Read();
            switch (reader.TokenType)
            {
                case JsonTokenType.StartObject:
                    break;
                case JsonTokenType.Null:
                    return Invalid(ErrorTypes.InvalidEvent, "The event is null; expected a JSON object with a \"$url\" member.");
                default:
                    return Invalid(ErrorTypes.InvalidEvent, $"The event is a JSON {Describe(reader.TokenType)}; expected an object with a \"$url\" member.");
            }

            var urlSeen = false;
            while (reader.Read())
            {
                if (reader.CurrentDepth != 1 || reader.TokenType != JsonTokenType.PropertyName || !reader.ValueTextEquals(UrlProperty))
                {
                    continue;
                }

                if (urlSeen)
                {
                    return Invalid(ErrorTypes.InvalidEvent, "The event names \"$url\" more than once, so its route is ambiguous.");
                }

                urlSeen = true;
                reader.Read();
                if (reader.TokenType == JsonTokenType.String)
                {
                    found = reader.GetString();
                    if (string.IsNullOrEmpty(found))
                    {
                        urlProblem = "The event's \"$url\" is empty; it must name a route such as \"pay/makeOrder\".";
                    }
                }
                else
                {
                    urlProblem = $"The event's \"$url\" is a JSON {Describe(reader.TokenType)}; it must be a string naming a route such as \"pay/makeOrder\".";
                }
            }
        }
        catch (JsonException ex)
        {
            // The reader checks the whole payload: truncation, trailing data and depth all land here.
            var message = reader.CurrentDepth >= _maxDepth - 1
                ? $"The event is nested deeper than the limit of {_maxDepth} levels."
                : $"The event is not valid JSON: {ex.Message}";
            return Invalid(ErrorTypes.InvalidEvent, message);
        }

        if (urlProblem is not null)
        {
            return Invalid(ErrorTypes.MissingRoute, urlProblem);
        }

        if (found is null)
        {
            return Invalid(ErrorTypes.MissingRoute, "The event has no \"$url\" member naming the route, such as \"pay/makeOrder\".");
        }

        url = found;
        return null;
    }

    private static InvocationResult Invalid(string errorType, string message) => InvocationResult.Failure(errorType, message);

    private static string Describe(JsonTokenType tokenType) => tokenType switch
    {
        JsonTokenType.StartArray => "array",
        JsonTokenType.StartObject => "object",
        JsonTokenType.String => "string",
        JsonTokenType.Number => "number",
        JsonTokenType.True or JsonTokenType.False => "boolean",
        JsonTokenType.Null => "null",
        _ => tokenType.ToString(),
    };
}
