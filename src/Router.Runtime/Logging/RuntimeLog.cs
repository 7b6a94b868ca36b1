using Microsoft.Extensions.Logging;

namespace Router.Runtime.Logging;

/// <summary>
/// The runtime's own log messages, as source-generated <c>[LoggerMessage]</c> methods (no formatting work
/// when the level is off). Each starts with <c>router:</c>, so the runtime's lines stand out among the
/// function's. None names a header, so no credential is ever written.
/// </summary>
internal static partial class RuntimeLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Error, Message = "router: route '{Route}' {What}")]
    public static partial void RouteFailed(ILogger logger, string route, string what, Exception exception);

    [LoggerMessage(EventId = 2, Level = LogLevel.Warning, Message = "router: {ErrorType}: {ErrorMessage}")]
    public static partial void InvocationFailed(ILogger logger, string errorType, string errorMessage);

    [LoggerMessage(EventId = 3, Level = LogLevel.Warning, Message = "router: HTTP {StatusCode} {ErrorType}: {ErrorMessage}")]
    public static partial void HttpInvocationFailed(ILogger logger, int statusCode, string errorType, string errorMessage);

    [LoggerMessage(EventId = 10, Level = LogLevel.Information, Message = "router: {Platform} custom runtime, runtime API {BaseAddress}")]
    public static partial void RuntimeApiStarting(ILogger logger, string platform, Uri baseAddress);

    [LoggerMessage(EventId = 11, Level = LogLevel.Information, Message = "router: Alibaba FC custom runtime")]
    public static partial void FcStarting(ILogger logger);

    [LoggerMessage(EventId = 12, Level = LogLevel.Information, Message = "router: listening on {Prefixes}")]
    public static partial void Listening(ILogger logger, string prefixes);

    [LoggerMessage(EventId = 13, Level = LogLevel.Information, Message = "router: stopped")]
    public static partial void Stopped(ILogger logger);

    [LoggerMessage(EventId = 14, Level = LogLevel.Information, Message = "router: received {Signal}; finishing the invocation in flight, then exiting")]
    public static partial void SignalReceived(ILogger logger, string signal);

    [LoggerMessage(EventId = 20, Level = LogLevel.Critical, Message = "router: initialization failed")]
    public static partial void InitializationFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 21, Level = LogLevel.Critical, Message = "router: {Problem}; exiting")]
    public static partial void PlatformFault(ILogger logger, string problem);

    [LoggerMessage(EventId = 22, Level = LogLevel.Error, Message = "router: {Problem}")]
    public static partial void PlatformProblem(ILogger logger, string problem);

    [LoggerMessage(EventId = 23, Level = LogLevel.Warning, Message = "router: {Method} {Path} failed ({Reason}); retrying in {DelayMs} ms")]
    public static partial void Retrying(ILogger logger, string method, string path, string reason, double delayMs);

    [LoggerMessage(EventId = 24, Level = LogLevel.Critical, Message = "router: cannot listen on {Prefixes}: {Reason}")]
    public static partial void CannotListen(ILogger logger, string prefixes, string reason);

    [LoggerMessage(EventId = 25, Level = LogLevel.Error, Message = "router: {Method} {Path} failed: {Reason}")]
    public static partial void RequestFailed(ILogger logger, string method, string? path, string reason);

    [LoggerMessage(EventId = 30, Level = LogLevel.Warning, Message = "router: the flush before the instance may be frozen failed: {Problem}")]
    public static partial void FlushFailed(ILogger logger, string problem);

    [LoggerMessage(EventId = 40, Level = LogLevel.Error, Message = "router: route '{Route}' answered, but the idempotency store could not {Operation} its key; the key's lease decides when it can be claimed again")]
    public static partial void IdempotencyStoreFailed(ILogger logger, string route, string operation, Exception exception);
}
