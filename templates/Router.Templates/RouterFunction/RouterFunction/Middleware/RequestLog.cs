using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Router;

namespace RouterFunction;

/// <summary>
/// Runs around every route (like tcb-router's <c>app.use</c>): logs the route and how long it took
/// through the invocation's logger (<see cref="RouteContext.Logger"/>), whose lines carry the request id
/// in the platform's format (JSON on Lambda with <c>AWS_LAMBDA_LOG_FORMAT=JSON</c>), on standard error,
/// which every platform collects. Scope it with <c>[Middleware("hello/*")]</c>.
/// </summary>
[Middleware]
public sealed partial class RequestLog : IRouteMiddleware
{
    /// <inheritdoc />
    public async ValueTask InvokeAsync(RouteContext context, RouteHandler next)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            await next(context);
        }
        finally
        {
            Handled(context.Logger, context.Url, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "{Route} {ElapsedMs:F3} ms")]
    private static partial void Handled(ILogger logger, string route, double elapsedMs);
}
