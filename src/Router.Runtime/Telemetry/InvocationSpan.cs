using System.Diagnostics;
using Router.Runtime.Http;

namespace Router.Runtime.Telemetry;

/// <summary>
/// One observed invocation: its <see cref="ActivityKind.Server"/> activity and its measurements. Created by
/// the host when the event arrives (only when someone listens: <see cref="InvocationInstruments.IsObserved"/>),
/// begun by the invoker once the route is known, so the span is named after it and its parent can be read
/// from the HTTP request; ended by the host after the answer is written. Not thread-safe: one invocation's
/// steps follow each other.
/// </summary>
internal sealed class InvocationSpan
{
    private const string UnroutedName = "invocation";

    private readonly InvocationInstruments _instruments;
    private readonly InvocationInfo _invocation;
    private readonly bool _coldStart;
    private readonly long _startedTimestamp = Stopwatch.GetTimestamp();
    private readonly DateTimeOffset _startedAt = DateTimeOffset.UtcNow;
    private string _trigger;
    private HttpRequestInfo? _request;
    private string? _route;
    private bool _begun;
    private bool _stopped;
    private int? _statusCode;
    private string? _errorType;
    private string? _errorMessage;

    /// <summary>A span for an invocation that begins now; its creator has asked <see cref="InvocationInstruments.IsObserved"/>.</summary>
    /// <param name="instruments">The source and instruments it reports to (<see cref="InvocationInstruments.Shared"/>).</param>
    /// <param name="invocation">What the platform said about the invocation (request id, function, region, trace header).</param>
    /// <param name="coldStart">Whether it is the instance's first invocation.</param>
    /// <param name="http">Whether it is an HTTP request (<c>faas.trigger</c> <c>http</c>); an HTTP event is found to be one later.</param>
    public InvocationSpan(InvocationInstruments instruments, InvocationInfo invocation, bool coldStart, bool http)
    {
        _instruments = instruments;
        _invocation = invocation;
        _coldStart = coldStart;
        _trigger = http ? SemanticTags.HttpTrigger : SemanticTags.OtherTrigger;
    }

    /// <summary>The activity, once begun and when a listener sampled it; <see langword="null"/> otherwise.</summary>
    public Activity? Activity { get; private set; }

    /// <summary>The invocation is an HTTP event or request: its method is a tag and its <c>traceparent</c> the parent.</summary>
    public void SetRequest(HttpRequestInfo request)
    {
        _trigger = SemanticTags.HttpTrigger;
        _request = request;
    }

    /// <summary>The invocation is an HTTP event whose request could not be read.</summary>
    public void SetHttp() => _trigger = SemanticTags.HttpTrigger;

    /// <summary>
    /// Starts the activity, named after <paramref name="route"/>, and makes it <see cref="Activity.Current"/> for
    /// the caller and what it calls, so the handler's own activities and log lines join it (and a
    /// <c>HandlerError</c>'s exception is added to it as an <c>exception</c> event); <see cref="Stop"/> puts
    /// the previous one back. Its start time is the event's arrival.
    /// </summary>
    public void Begin(string? route)
    {
        if (_begun)
        {
            return;
        }

        _begun = true;
        _route = route;
        if (!_instruments.Source.HasListeners())
        {
            return;
        }

        var tags = new List<KeyValuePair<string, object?>>(12)
        {
            new(SemanticTags.InvocationId, _invocation.RequestId),
            new(SemanticTags.Trigger, _trigger),
            new(SemanticTags.ColdStart, _coldStart),
        };
        Add(tags, RouterTelemetry.RouteTag, route);
        Add(tags, SemanticTags.Name, _invocation.FunctionName);
        Add(tags, SemanticTags.Version, _invocation.FunctionVersion);
        Add(tags, SemanticTags.CloudProvider, SemanticTags.CloudProviderOf(_invocation.Platform));
        Add(tags, SemanticTags.CloudRegion, _invocation.Region);
        if (_request is { } request)
        {
            tags.Add(new(SemanticTags.HttpMethod, request.Method));
            Add(tags, SemanticTags.HttpRoute, route);
        }

        var name = route ?? _request?.Method ?? UnroutedName;
        Activity = _instruments.Source.StartActivity(name, ActivityKind.Server, TraceParents.Of(_invocation, _request), tags, startTime: _startedAt);
    }

    /// <summary>What the invocation answered: its error type (<see langword="null"/> on success) and, for HTTP, its status.</summary>
    public void Answered(string? errorType, string? errorMessage, int? statusCode)
    {
        _errorType = errorType;
        _errorMessage = errorMessage;
        _statusCode = statusCode;
    }

    public void Answered(InvocationResult result) => Answered(result.ErrorType, result.ErrorMessage, result.HttpStatusCode);

    public void Answered(HttpAnswer answer) => Answered(answer.ErrorType, answer.ErrorMessage, answer.StatusCode);

    /// <summary>
    /// Ends the invocation: the activity gets its outcome and stops, and the duration, the invocation, its
    /// error and its cold start are measured. An invocation refused before it had a route gets its span here.
    /// Once only; later calls do nothing.
    /// </summary>
    public void Stop()
    {
        if (_stopped)
        {
            return;
        }

        _stopped = true;
        Begin(null);
        // Measured first, so that whoever sees the activity stop finds its measurements taken.
        Measure();
        if (Activity is { } activity)
        {
            if (_statusCode is { } status)
            {
                activity.SetTag(SemanticTags.HttpStatusCode, status);
            }

            if (_errorType is not null)
            {
                activity.SetTag(SemanticTags.ErrorType, _errorType);
                activity.SetStatus(ActivityStatusCode.Error, _errorMessage);
            }

            activity.Stop();
        }
    }

    private void Measure()
    {
        var tags = new TagList { { SemanticTags.Trigger, _trigger } };
        if (_route is not null)
        {
            tags.Add(RouterTelemetry.RouteTag, _route);
        }

        _instruments.Invocations.Add(1, tags);
        if (_coldStart)
        {
            _instruments.ColdStarts.Add(1, tags);
        }

        if (_errorType is not null)
        {
            tags.Add(SemanticTags.ErrorType, _errorType);
            _instruments.Errors.Add(1, tags);
        }

        _instruments.Duration.Record(Stopwatch.GetElapsedTime(_startedTimestamp).TotalSeconds, tags);
    }

    private static void Add(List<KeyValuePair<string, object?>> tags, string name, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            tags.Add(new(name, value));
        }
    }
}
