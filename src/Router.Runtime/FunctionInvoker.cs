using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Router.Runtime.Events;
using Router.Runtime.Hosting;
using Router.Runtime.Http;
using Router.Runtime.Logging;
using Router.Runtime.Output;
using Router.Runtime.Telemetry;

namespace Router.Runtime;

/// <summary>
/// Turns event bytes into a result: validates the event, finds its route, dispatches through the router
/// and serializes the body. Every host and test goes through it.
/// </summary>
/// <remarks>
/// <para>
/// A direct event names its route in <c>$url</c> and is answered with its body. An HTTP event (an API
/// Gateway, function URL, load balancer, SCF API Gateway or FC HTTP-trigger event, recognised by its shape;
/// docs/hosting.md, "HTTP") is routed by its path or <c>?$url=</c>, bound from its body or query, and
/// answered with the response object its platform expects, errors included: an HTTP event never fails
/// through the platform's error channel, which a gateway would turn into a 502.
/// </para>
/// <para>
/// Services: when they have scopes (<see cref="IServiceScopeFactory"/>, as Microsoft.Extensions.DependencyInjection
/// has), each invocation gets its own <see cref="AsyncServiceScope"/> as <see cref="RouteContext.Services"/>,
/// disposed when the invocation ends, also when it fails or is cancelled; handler classes are created in it,
/// middleware once per router from the services outside it (<see cref="RouteContext.RootServices"/>).
/// </para>
/// <para>
/// It never throws for bad input: each failure is an <see cref="InvocationResult"/> with one of the
/// <see cref="ErrorTypes"/> and a message that names the cause, so a host can serve the next event.
/// Thread-safe: one instance serves concurrent invocations.
/// </para>
/// <para>
/// Traces and metrics: when a listener subscribes to <see cref="RouterTelemetry.ActivitySourceName"/> or
/// <see cref="RouterTelemetry.MeterName"/>, each invocation is one <c>Server</c> activity named after its route,
/// and is measured (docs/hosting.md, "Traces and metrics"); the instance's first invocation is its cold start.
/// With no listener, nothing is created or measured.
/// </para>
/// </remarks>
public sealed partial class FunctionInvoker
{

    private readonly IRouteDispatcher _router;
    private readonly IServiceProvider? _services;
    private readonly IServiceScopeFactory? _scopes;
    private readonly ILogger _log;
    private readonly ILogger _invocationLogger;
    private readonly bool _ownLoggers;
    private readonly int _maxEventBytes;
    private readonly int _maxDepth;
    private readonly string? _basePath;
    private readonly bool _includeExceptionDetails;
    private RouteNames? _routeNames;
    private int _invoked;
    private InvocationInstruments? _instruments;

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
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.MaxHttpHeaderBytes);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.MaxHttpQueryBytes);
        _router = router;
        _services = services;
        _scopes = services?.GetService(typeof(IServiceScopeFactory)) as IServiceScopeFactory;
        var loggerFactory = options.LoggerFactory
            ?? services?.GetService(typeof(ILoggerFactory)) as ILoggerFactory
            ?? FunctionLogging.CreateLoggerFactory(static _ => null, options.Log ?? Console.Error);
        // The function's own loggers read the invocation's request id themselves; others get it as a scope.
        _ownLoggers = FunctionLogging.IsOwn(loggerFactory);
        _log = loggerFactory.CreateLogger("Router.Runtime");
        _invocationLogger = loggerFactory.CreateLogger(router.GetType().FullName ?? "Router");
        _maxEventBytes = options.MaxEventBytes;
        _maxDepth = options.MaxDepth;
        HttpLimits = HttpLimits.From(options);
        _basePath = HttpRoutes.NormaliseBasePath(options.HttpBasePath);
        _includeExceptionDetails = options.IncludeExceptionDetails;
        Output.CompiledArrayTypes.Keep();
    }

    /// <summary>The HTTP limits of <see cref="FunctionInvokerOptions"/>, for the hosts that read requests themselves.</summary>
    internal HttpLimits HttpLimits { get; }

    // Built on the first event rather than at start; a race builds it twice, harmlessly.
    private RouteNames RouteNames => _routeNames ??= RouteNames.For(_router.Routes);

    /// <summary>The router this invoker dispatches to.</summary>
    public IRouteDispatcher Router => _router;

    /// <summary>The largest event, or HTTP request body, accepted, in bytes.</summary>
    internal int MaxEventBytes => _maxEventBytes;

    /// <summary>Runs one event as a local invocation (<see cref="InvocationPlatforms.Local"/>, no request id).</summary>
    /// <param name="eventJson">The event as UTF-8 JSON; a leading byte-order mark is accepted.</param>
    public ValueTask<InvocationResult> InvokeAsync(ReadOnlyMemory<byte> eventJson)
        => InvokeAsync(eventJson, InvocationInfo.Local(), CancellationToken.None);

    /// <summary>Runs one event as a local invocation (<see cref="InvocationPlatforms.Local"/>, no request id).</summary>
    /// <param name="eventJson">The event as UTF-8 JSON; a leading byte-order mark is accepted.</param>
    /// <param name="cancellationToken">The invocation's deadline; handlers see it as <see cref="RouteContext.CancellationToken"/>.</param>
    // The optional parameter moved to the overload with the most parameters, as Roslyn's rules for adding one ask (RS0026/RS0027).
    public ValueTask<InvocationResult> InvokeAsync(ReadOnlyMemory<byte> eventJson, CancellationToken cancellationToken)
        => InvokeAsync(eventJson, InvocationInfo.Local(), cancellationToken);

    /// <summary>Runs one event with what the platform said about the invocation.</summary>
    /// <param name="eventJson">The event as UTF-8 JSON; a leading byte-order mark is accepted.</param>
    /// <param name="invocation">The invocation, seen by handlers as <see cref="RouteContext.Invocation"/>; its request id is on every log line.</param>
    /// <param name="cancellationToken">The invocation's deadline.</param>
    /// <remarks>When someone listens (<see cref="RouterTelemetry"/>), the invocation's activity ends and its measurements are taken before the result is returned.</remarks>
    public ValueTask<InvocationResult> InvokeAsync(ReadOnlyMemory<byte> eventJson, InvocationInfo invocation, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(invocation);
        return Observe(invocation) is { } span
            ? InvokeObservedAsync(eventJson, invocation, span, cancellationToken)
            : InvokeCoreAsync(eventJson, invocation, null, cancellationToken);
    }

    private async ValueTask<InvocationResult> InvokeObservedAsync(ReadOnlyMemory<byte> eventJson, InvocationInfo invocation, InvocationSpan span, CancellationToken cancellationToken)
    {
        var result = await InvokeAsync(eventJson, invocation, span, cancellationToken).ConfigureAwait(false);
        span.Stop();
        return result;
    }

    /// <summary>
    /// Takes the invocation's cold start (true for this invoker's first invocation only, observed or not) and,
    /// when someone listens, starts observing it; a host calls it when the event arrives and stops the span
    /// once the answer is written.
    /// </summary>
    /// <param name="invocation">The invocation.</param>
    /// <param name="http">Whether it is a real HTTP request (<c>serve</c>, FC's HTTP triggers).</param>
    internal InvocationSpan? Observe(InvocationInfo invocation, bool http = false)
    {
        // Asked on every invocation, observed or not: plain field reads, the interlocked exchange once.
        var coldStart = _invoked == 0 && Interlocked.Exchange(ref _invoked, 1) == 0;
        var instruments = _instruments ??= InvocationInstruments.Shared;
        return instruments.IsObserved ? new InvocationSpan(instruments, invocation, coldStart, http) : null;
    }

    /// <summary>Runs one event for a host that observes it with <paramref name="span"/> (from <see cref="Observe"/>); the span records the answer and is left for the host to stop.</summary>
    internal ValueTask<InvocationResult> InvokeAsync(ReadOnlyMemory<byte> eventJson, InvocationInfo invocation, InvocationSpan? span, CancellationToken cancellationToken)
    {
        var run = InvokeCoreAsync(eventJson, invocation, span, cancellationToken);
        if (span is null)
        {
            return run;
        }

        if (run.IsCompletedSuccessfully)
        {
            span.Answered(run.Result);
            return run;
        }

        return AnsweredAsync(run, span);

        static async ValueTask<InvocationResult> AnsweredAsync(ValueTask<InvocationResult> run, InvocationSpan span)
        {
            var result = await run.ConfigureAwait(false);
            span.Answered(result);
            return result;
        }
    }

    private ValueTask<InvocationResult> InvokeCoreAsync(ReadOnlyMemory<byte> eventJson, InvocationInfo invocation, InvocationSpan? span, CancellationToken cancellationToken)
    {
        if (eventJson.Length > _maxEventBytes)
        {
            return new(InvocationResult.Failure(ErrorTypes.InvalidEvent, $"The event is {eventJson.Length} bytes, larger than the limit of {_maxEventBytes} bytes."));
        }

        eventJson = Utf8Bom.Skip(eventJson);
        var scan = EventScanner.ScanEvent(eventJson, _maxDepth, RouteNames);
        if (scan.Url is { } url)
        {
            // CloudBase puts the mini-program caller into a direct event on SCF; nowhere else is userInfo trusted.
            if (invocation.Platform == InvocationPlatforms.TencentScf && invocation.Caller is null && scan.UserInfo is { } userInfo
                && CloudBaseIdentity.FromUserInfo(eventJson.Span[userInfo]) is { } caller)
            {
                invocation = CloudBaseIdentity.With(invocation, caller);
            }

            return InvokeDirectAsync(url, eventJson, invocation, span, cancellationToken);
        }

        if (scan.Format is { } format)
        {
            // A gateway's HTTP event, parsed once as a document, which its format reads; refused ones are answered in its shape too.
            return InvokeHttpEventAsync(scan, format, invocation, span, cancellationToken);
        }

        return new(scan.Failure is { } invalid
            ? InvocationResult.Failure(invalid.Type, invalid.Message)
            : InvocationResult.Failure(ErrorTypes.MissingRoute, scan.UrlProblem ?? ScanMessages.NoUrl));
    }

    private ValueTask<InvocationResult> InvokeDirectAsync(string url, ReadOnlyMemory<byte> eventJson, InvocationInfo invocation, InvocationSpan? span, CancellationToken cancellationToken)
    {
        span?.Begin(KnownRoute(url));
        // Most invocations complete synchronously: their result is unwrapped without a second state machine.
        var run = Run<DirectAnswer>(url, eventJson, invocation, http: null, cancellationToken);
        return run.IsCompletedSuccessfully ? new(run.Result.Result) : AwaitDirectAsync(run);
    }

    private static async ValueTask<InvocationResult> AwaitDirectAsync(ValueTask<DirectAnswer> run) => (await run.ConfigureAwait(false)).Result;

    /// <summary>
    /// How <see cref="Run"/> turns what a route produced into its result, one per event shape: a
    /// type argument rather than a second step, so each shape's path is one state machine, compiled for
    /// that shape alone (a struct, so no code is shared between the two through generic lookups).
    /// </summary>
    private interface IRunAnswer<TSelf>
        where TSelf : struct, IRunAnswer<TSelf>
    {
        /// <summary>The result of a route that failed with <paramref name="error"/>.</summary>
        static abstract TSelf Failed(InvocationError error, RouteContext context);

        /// <summary>The result of a route that completed; <paramref name="body"/> is pooled, <see langword="null"/> when it set none.</summary>
        static abstract TSelf Completed(PooledBody? body, RouteContext context);

        /// <summary>The result of an idempotent route that answers a repeat with the first invocation's answer.</summary>
        static abstract TSelf Replayed(IdempotentAnswer answer, RouteContext context);

        /// <summary>This completed result as an idempotent route stores it: what the client receives, byte for byte.</summary>
        IdempotentAnswer ToStored();
    }

    /// <summary>A direct event's result: the body, or the error for the platform's error channel.</summary>
    private readonly record struct DirectAnswer(InvocationResult Result) : IRunAnswer<DirectAnswer>
    {
        public static DirectAnswer Failed(InvocationError error, RouteContext context) => new(InvocationResult.Failure(error.Type, error.Message));

        public static DirectAnswer Completed(PooledBody? body, RouteContext context)
            => new(body is null ? InvocationResult.NoBody() : InvocationResult.Success(body));

        public static DirectAnswer Replayed(IdempotentAnswer answer, RouteContext context) => new(InvocationResult.Success(answer.Body));

        // A direct answer is its body alone; stored with the status and type an HTTP repeat would get.
        public IdempotentAnswer ToStored() => new(200, [new("Content-Type", Http.HttpAnswer.JsonContentType)], Result.Body.ToArray());
    }

    /// <summary>
    /// Runs the route for an event of any shape, the one invocation path: the request id on every log line,
    /// the invocation's service scope, its context, the pipeline, and the body serialized; then
    /// <typeparamref name="TAnswer"/> shapes the result. An observed invocation's activity has begun before it
    /// (<see cref="InvocationSpan.Begin"/>, once the route is known) and flows into it as the current activity:
    /// the path itself carries no span, so an unobserved invocation pays nothing for one.
    /// </summary>
    /// <remarks>
    /// Without a service scope to dispose or another logger's scope to end (no container with scopes, the
    /// function's own loggers), a pipeline that completes synchronously, as most do, is answered without a
    /// state machine: the request id is made current and put back around it, and only a pipeline that is still
    /// running, or an idempotent route, continues in <see cref="FinishAsync"/>, which carries the request id on.
    /// </remarks>
    private ValueTask<TAnswer> Run<TAnswer>(string route, ReadOnlyMemory<byte> eventJson, InvocationInfo invocation, HttpRequestInfo? http, CancellationToken cancellationToken)
        where TAnswer : struct, IRunAnswer<TAnswer>
    {
        if (_scopes is not null || !_ownLoggers)
        {
            return RunScopedAsync<TAnswer>(route, eventJson, invocation, http, cancellationToken);
        }

        using var logContext = InvocationLogContext.Enter(invocation);
        var context = NewContext(route, eventJson, invocation, scope: null, cancellationToken, http);
        var dispatch = DispatchAsync(context);
        return dispatch.IsCompletedSuccessfully && context.Idempotency is null
            ? new(Answer<TAnswer>(dispatch.Result, context))
            : FinishAsync<TAnswer>(dispatch, context);
    }

    /// <summary><see cref="Run"/> with the invocation's service scope, or another logger's scope, open around the route.</summary>
    private async ValueTask<TAnswer> RunScopedAsync<TAnswer>(string route, ReadOnlyMemory<byte> eventJson, InvocationInfo invocation, HttpRequestInfo? http, CancellationToken cancellationToken)
        where TAnswer : struct, IRunAnswer<TAnswer>
    {
        InvocationLogContext.SetForAsyncMethod(invocation);
        using var logScope = _ownLoggers ? null : _log.BeginScope(new RequestIdScope(invocation.RequestId));
        await using var scope = _scopes?.CreateAsyncScope();
        var context = NewContext(route, eventJson, invocation, scope, cancellationToken, http);
        return await FinishAsync<TAnswer>(DispatchAsync(context), context).ConfigureAwait(false);
    }

    /// <summary>Waits for the pipeline, then answers; an idempotent route's key is completed or released first.</summary>
    private async ValueTask<TAnswer> FinishAsync<TAnswer>(ValueTask<InvocationError?> dispatch, RouteContext context)
        where TAnswer : struct, IRunAnswer<TAnswer>
    {
        var error = await dispatch.ConfigureAwait(false);
        return context.Idempotency is { } idempotent
            ? await FinishIdempotentAsync<TAnswer>(idempotent, error, context).ConfigureAwait(false)
            : Answer<TAnswer>(error, context);
    }

    /// <summary>The answer of a route that ran: its error, or its body serialized.</summary>
    private TAnswer Answer<TAnswer>(InvocationError? error, RouteContext context)
        where TAnswer : struct, IRunAnswer<TAnswer>
    {
        if (error is not null)
        {
            return TAnswer.Failed(error, context);
        }

        var (body, failure) = SerializeBody(context);
        return failure is not null ? TAnswer.Failed(InvocationError.Of(ErrorTypes.HandlerError, failure), context) : TAnswer.Completed(body, context);
    }

    /// <summary>
    /// Ends an idempotent invocation (docs/guide.md, "Idempotency"): a repeat of a completed key answers the
    /// stored answer; a failure releases the key so that the client can retry; an answer, business answers
    /// included, completes the key's record with what the client receives. A store that fails to complete or
    /// release is logged, and the answer still goes out: the key's lease then decides when it can be claimed again.
    /// </summary>
    private async ValueTask<TAnswer> FinishIdempotentAsync<TAnswer>(IdempotentCall call, InvocationError? error, RouteContext context)
        where TAnswer : struct, IRunAnswer<TAnswer>
    {
        if (call.Replay is { } stored && error is null)
        {
            return TAnswer.Replayed(stored, context);
        }

        if (error is null)
        {
            var (body, failure) = SerializeBody(context);
            if (failure is null)
            {
                var answer = TAnswer.Completed(body, context);
                try
                {
                    await call.Store.CompleteAsync(call.Key, call.Owner, answer.ToStored(), CancellationToken.None).ConfigureAwait(false);
                }
                catch (Exception ex)
                {
                    RuntimeLog.IdempotencyStoreFailed(_log, context.Url, "complete", ex);
                }

                return answer;
            }

            error = InvocationError.Of(ErrorTypes.HandlerError, failure);
        }

        if (call.Replay is null)
        {
            try
            {
                await call.Store.ReleaseAsync(call.Key, call.Owner, CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                RuntimeLog.IdempotencyStoreFailed(_log, context.Url, "release", ex);
            }
        }

        return TAnswer.Failed(error, context);
    }

    private RouteContext NewContext(string url, ReadOnlyMemory<byte> eventJson, InvocationInfo invocation, AsyncServiceScope? scope, CancellationToken cancellationToken, HttpRequestInfo? http = null)
        => new(url, eventJson, invocation, scope?.ServiceProvider ?? _services, _services, _invocationLogger, http, cancellationToken);

    /// <summary>Runs the route's pipeline; returns why it failed, or <see langword="null"/>.</summary>
    private ValueTask<InvocationError?> DispatchAsync(RouteContext context)
    {
        ValueTask dispatch;
        try
        {
            dispatch = _router.DispatchAsync(context);
        }
        catch (Exception ex)
        {
            return new(Classify(context, ex));
        }

        // Most pipelines complete synchronously: no state machine for them.
        if (dispatch.IsCompletedSuccessfully)
        {
            dispatch.GetAwaiter().GetResult();
            return new((InvocationError?)null);
        }

        return AwaitDispatchAsync(dispatch, context);
    }

    private async ValueTask<InvocationError?> AwaitDispatchAsync(ValueTask dispatch, RouteContext context)
    {
        try
        {
            await dispatch.ConfigureAwait(false);
            return null;
        }
        catch (Exception ex)
        {
            return Classify(context, ex);
        }
    }

    private InvocationError Classify(RouteContext context, Exception exception) => exception switch
    {
        RouteNotFoundException ex => InvocationError.Of(ErrorTypes.RouteNotFound, $"No route is named {Messages.Quote(ex.Route)}."),
        MethodNotAllowedException ex => InvocationError.Of(ErrorTypes.MethodNotAllowed, ex.Message, string.Join(", ", ex.AllowedMethods)),
        InvalidRequestException ex => InvocationError.Of(ErrorTypes.InvalidRequest, ex.Message) with { Errors = ex.Errors },
        IdempotencyKeyReusedException ex => InvocationError.Of(ErrorTypes.IdempotencyKeyReused, ex.Message),
        IdempotencyInProgressException ex => InvocationError.Of(ErrorTypes.IdempotencyInProgress, ex.Message),
        _ => InvocationError.Of(ErrorTypes.HandlerError, HandlerFailure(context, exception, "threw")),
    };

    /// <summary>The body's JSON in a pooled buffer (<see langword="null"/> when the route set none), or the message of why it could not be serialized.</summary>
    private (PooledBody? Body, string? Failure) SerializeBody(RouteContext context)
    {
        var body = context.Body;
        if (body is null)
        {
            return default;
        }

        try
        {
            var typeInfo = context.BodyTypeInfo
                ?? _router.JsonOptions?.GetTypeInfo(body.GetType())
                ?? throw new InvalidOperationException(
                    $"The body of route '{context.Url}' is a {body.GetType()}, but the router has no JSON context to serialize it with.");
            return (PooledBody.Serialize(body, typeInfo), null);
        }
        catch (Exception ex) when (ex is NotSupportedException or InvalidOperationException or JsonException)
        {
            return (null, HandlerFailure(context, ex, "returned a body that could not be serialized"));
        }
    }

    /// <summary>
    /// A route whose name is in the table, or <see langword="null"/>: a route that is not is named neither on a
    /// span nor on a measurement, or any client could fill a back end with names of its own.
    /// </summary>
    internal string? KnownRoute(string route) => RouteNames.Contains(route) ? route : null;

    private string HandlerFailure(RouteContext context, Exception ex, string what)
    {
        // An observed invocation's activity is the current one here: the exception goes on it as an event.
        if (_instruments is { } instruments && System.Diagnostics.Activity.Current is { } activity && ReferenceEquals(activity.Source, instruments.Source))
        {
            activity.AddException(ex);
        }

        RuntimeLog.RouteFailed(_log, context.Url, what, ex);
        return _includeExceptionDetails ? ex.ToString() : ex.Message;
    }
}
