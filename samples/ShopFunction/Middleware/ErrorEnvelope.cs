using Router;
using ShopFunction.Errors;

namespace ShopFunction.Middleware;

/// <summary>
/// Runs around every route, inside <see cref="RequestLog"/>: a <see cref="ShopError"/> thrown by a
/// handler or by inner middleware becomes the body <c>{ "code": ..., "message": "..." }</c>, the
/// article's shape. Everything else passes through, so an unexpected exception is still the runtime's
/// <c>HandlerError</c> (with its stack trace in the log, never in the body).
/// </summary>
[Middleware(Order = 1)]
internal sealed class ErrorEnvelope : IRouteMiddleware
{
    public async ValueTask InvokeAsync(RouteContext context, RouteHandler next)
    {
        try
        {
            await next(context);
        }
        catch (ShopError error)
        {
            context.SetBody(new Reply(error.Code, error.Message), ShopJson.Default.Reply);
        }
    }
}
