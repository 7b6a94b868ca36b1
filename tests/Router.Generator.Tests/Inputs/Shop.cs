// A sample-like function: the article's four routes plus one handler per return shape, global,
// pattern-scoped, class and method middleware, a class prefix, constructor and parameter services.
using System;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using System.Threading;
using System.Threading.Tasks;
using Router;

namespace Shop;

[GeneratedRouter(JsonContext = typeof(ShopJson))]
public sealed partial class ShopRouter;

public sealed record Credentials(string? Name, string? Password);
public sealed record MakeOrderRequest(string? Id, int Amount);
public sealed record Reply(int Code, string Message);

public interface IOrderBook
{
    string Create(string id, int amount);
}

[Middleware(Order = 0)]
public sealed class RequestLog : IRouteMiddleware
{
    public ValueTask InvokeAsync(RouteContext context, RouteHandler next) => next(context);
}

[Middleware("pay/*")]
public sealed class PayAudit : IRouteMiddleware
{
    public ValueTask InvokeAsync(RouteContext context, RouteHandler next) => next(context);
}

public sealed class RequireSession(IOrderBook orders) : IRouteMiddleware
{
    public IOrderBook Orders { get; } = orders;

    public ValueTask InvokeAsync(RouteContext context, RouteHandler next) => next(context);
}

public sealed class Timing : IRouteMiddleware
{
    public ValueTask InvokeAsync(RouteContext context, RouteHandler next) => next(context);
}

[Route("user")]
public static class UserHandlers
{
    [Route("register")]
    public static Reply Register(Credentials request) => new(0, "register success");

    [Route("login", Methods = "POST")]
    public static Task<Reply> Login(Credentials request, CancellationToken cancellationToken) => Task.FromResult(new Reply(0, "login success"));
}

[Route("pay")]
[UseMiddleware<RequireSession>]
public sealed class PayHandlers(IOrderBook orders)
{
    [Route("makeOrder")]
    [UseMiddleware(typeof(Timing))]
    public ValueTask<Reply> MakeOrder(MakeOrderRequest request, RouteContext context, CancellationToken cancellationToken)
        => ValueTask.FromResult(new Reply(0, orders.Create(request.Id ?? "", request.Amount)));

    [Route("pay", Methods = "GET,POST")]
    public ValueTask Pay(RouteContext context) => default;
}

public static class Shapes
{
    [Route("shape/void")]
    public static void Void() { }

    [Route("shape/task")]
    public static Task Task(IOrderBook orders) => System.Threading.Tasks.Task.CompletedTask;

    [Route("shape/one")]
    [Route("shape/two")]
    public static Reply Twice(IServiceProvider services) => new(0, "twice");
}

// A hand-written stand-in for the System.Text.Json source generator's output, so the
// generated router compiles here without that generator.
[JsonSerializable(typeof(Reply))]
[JsonSerializable(typeof(Credentials))]
[JsonSerializable(typeof(MakeOrderRequest))]
public sealed class ShopJson() : JsonSerializerContext(null)
{
    public static ShopJson Default { get; } = new();

    protected override JsonSerializerOptions? GeneratedSerializerOptions => null;

    public override JsonTypeInfo? GetTypeInfo(Type type) => null;
}
