using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Router;

namespace ShopFunction.Middleware;

/// <summary>
/// Runs around every route (like tcb-router's <c>app.use</c>): logs the route and how long it took
/// through the invocation's logger (<see cref="RouteContext.Logger"/>), whose lines carry the request id
/// in the platform's format (on Lambda with <c>AWS_LAMBDA_LOG_FORMAT=JSON</c>, one JSON object with
/// <c>route</c> and <c>elapsedMs</c> members), to standard error, leaving standard output to the body.
/// </summary>
[Middleware(Order = 0)]
internal sealed partial class RequestLog : IRouteMiddleware
{
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
