using System.Diagnostics;
using Router;

namespace RouterFunction;

/// <summary>
/// Runs around every route (like tcb-router's <c>app.use</c>): logs the route and how long it took
/// to standard error, which every platform collects. Scope it with <c>[Middleware("hello/*")]</c>.
/// </summary>
[Middleware]
public sealed class RequestLog : IRouteMiddleware
{
    /// <inheritdoc />
    public async ValueTask InvokeAsync(RouteContext context, RouteHandler next)
    {
        var started = Stopwatch.GetTimestamp();
        await next(context);
        Console.Error.WriteLine($"[{context.RequestId}] {context.Url} {Stopwatch.GetElapsedTime(started).TotalMilliseconds:0.0} ms");
    }
}
