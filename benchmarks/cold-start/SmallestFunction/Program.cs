using System.Text.Json.Serialization;
using Router;
using Router.Runtime;

return await FunctionHost.RunAsync(new SmallestRouter(), args);

/// <summary>Four routes and one middleware: the least a function of many operations is.</summary>
[GeneratedRouter(JsonContext = typeof(SmallestJson))]
internal sealed partial class SmallestRouter;

/// <summary>The request of every route: the event's <c>id</c>.</summary>
internal sealed record OrderRequest(string? Id);

/// <summary>The body of every route.</summary>
internal sealed record OrderReply(int Code, string Message, string? OrderId);

[JsonSourceGenerationOptions(System.Text.Json.JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(OrderRequest))]
[JsonSerializable(typeof(OrderReply))]
internal sealed partial class SmallestJson : JsonSerializerContext;

/// <summary>A pass-through middleware on every route, as an application's logging or auth would sit.</summary>
[Middleware]
internal sealed class PassThrough : IRouteMiddleware
{
    public ValueTask InvokeAsync(RouteContext context, RouteHandler next) => next(context);
}

/// <summary>The four routes.</summary>
[Route("order")]
internal static class OrderHandlers
{
    [Route("make")]
    public static OrderReply Make(OrderRequest request) => new(0, "make order success", request.Id);

    [Route("pay")]
    public static OrderReply Pay(OrderRequest request) => new(0, "pay success", request.Id);

    [Route("cancel")]
    public static OrderReply Cancel(OrderRequest request) => new(0, "cancel success", request.Id);

    [Route("get")]
    public static OrderReply Get(OrderRequest request) => new(0, "ok", request.Id);
}
