using System.Diagnostics;
using Router;

namespace ShopFunction.Middleware;

/// <summary>
/// Runs around every route (like tcb-router's <c>app.use</c>): logs the route and how long it took to
/// standard error, which every platform collects, leaving standard output to the body.
/// </summary>
[Middleware(Order = 0)]
internal sealed class RequestLog : IRouteMiddleware
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
            var elapsed = Stopwatch.GetElapsedTime(started);
            Console.Error.WriteLine($"[{context.RequestId}] {context.Url} {elapsed.TotalMilliseconds:F3} ms");
        }
    }
}
