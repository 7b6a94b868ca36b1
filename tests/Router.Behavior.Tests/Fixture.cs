using System.Text.Json;
using System.Text.Json.Serialization;
using Router;

// The function under test: one router with every feature the behaviour tests exercise.
// Each middleware writes "Name>" on the way in and "<Name" on the way out to the trace.
namespace Router.Behavior.Tests;

[GeneratedRouter]
public sealed partial class BehaviorRouter;

public sealed record Echo(string Text);

public sealed record EchoRequest(string Text, int Count);

// The only JSON context in the compilation, so [GeneratedRouter] needs no JsonContext argument.
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(Echo))]
[JsonSerializable(typeof(EchoRequest))]
[JsonSerializable(typeof(Router.Behavior.Handlers.LibraryGreetRequest))]
[JsonSerializable(typeof(Router.Behavior.Handlers.LibraryGreeting))]
internal sealed partial class BehaviorJson : JsonSerializerContext;

public static class Trace
{
    public static List<string> Of(RouteContext context)
    {
        if (!context.Items.TryGetValue("trace", out var value) || value is not List<string> trace)
        {
            context.Items["trace"] = trace = [];
        }

        return trace;
    }

    public static async ValueTask Around(string name, RouteContext context, RouteHandler next)
    {
        Of(context).Add(name + ">");
        await next(context);
        Of(context).Add("<" + name);
    }
}

public interface IGreeter
{
    string Greet(string name);
}

public sealed class Greeter : IGreeter
{
    public string Greet(string name) => "hello " + name;
}

public sealed class Services : IServiceProvider
{
    public object? GetService(Type serviceType) => serviceType == typeof(IGreeter) ? new Greeter() : null;
}

// Declared in reverse of their Order, to show that Order, not declaration order, decides.
[Middleware(Order = 2)]
public sealed class GlobalSecond : IRouteMiddleware
{
    public ValueTask InvokeAsync(RouteContext context, RouteHandler next) => Trace.Around("GlobalSecond", context, next);
}

[Middleware(Order = 1)]
public sealed class GlobalFirst : IRouteMiddleware
{
    public ValueTask InvokeAsync(RouteContext context, RouteHandler next) => Trace.Around("GlobalFirst", context, next);
}

[Middleware("onion/*")]
public sealed class Scoped : IRouteMiddleware
{
    public ValueTask InvokeAsync(RouteContext context, RouteHandler next) => Trace.Around("Scoped", context, next);
}

[Middleware("exact/only")]
public sealed class ExactOnly : IRouteMiddleware
{
    public ValueTask InvokeAsync(RouteContext context, RouteHandler next) => Trace.Around("ExactOnly", context, next);
}

public sealed class ClassMw : IRouteMiddleware
{
    public ValueTask InvokeAsync(RouteContext context, RouteHandler next) => Trace.Around("ClassMw", context, next);
}

public sealed class MethodMw1 : IRouteMiddleware
{
    public ValueTask InvokeAsync(RouteContext context, RouteHandler next) => Trace.Around("MethodMw1", context, next);
}

public sealed class MethodMw2 : IRouteMiddleware
{
    public ValueTask InvokeAsync(RouteContext context, RouteHandler next) => Trace.Around("MethodMw2", context, next);
}

/// <summary>Answers without calling next: the handler must not run.</summary>
public sealed class ShortCircuit : IRouteMiddleware
{
    public ValueTask InvokeAsync(RouteContext context, RouteHandler next)
    {
        Trace.Of(context).Add("ShortCircuit");
        context.Body = new Echo("short-circuited");
        return default;
    }
}

public sealed class NextTwice : IRouteMiddleware
{
    public async ValueTask InvokeAsync(RouteContext context, RouteHandler next)
    {
        await next(context);
        await next(context);
    }
}

/// <summary>Turns any exception from the inner pipeline into a body.</summary>
public sealed class Catcher : IRouteMiddleware
{
    public async ValueTask InvokeAsync(RouteContext context, RouteHandler next)
    {
        try
        {
            await next(context);
        }
        catch (InvalidOperationException ex)
        {
            context.Body = new Echo("caught: " + ex.Message);
        }
    }
}

/// <summary>A middleware with a constructor dependency, resolved from the host's services.</summary>
public sealed class Greeting(IGreeter greeter) : IRouteMiddleware
{
    public ValueTask InvokeAsync(RouteContext context, RouteHandler next)
    {
        context.Items["greeting"] = greeter.Greet("middleware");
        return next(context);
    }
}

[Route("onion")]
[UseMiddleware<ClassMw>]
public sealed class OnionHandlers
{
    [Route("run")]
    [UseMiddleware<MethodMw1>]
    [UseMiddleware(typeof(MethodMw2))]
    public Echo Run(RouteContext context)
    {
        Trace.Of(context).Add("handler");
        return new Echo("ran");
    }
}

public static class MiscHandlers
{
    [Route("exact/only")]
    public static void ExactOnlyRoute(RouteContext context) => Trace.Of(context).Add("handler");

    [Route("exact/other")]
    public static void ExactOther(RouteContext context) => Trace.Of(context).Add("handler");

    [Route("short/circuit")]
    [UseMiddleware<ShortCircuit>]
    public static Echo Short(RouteContext context)
    {
        Trace.Of(context).Add("handler");
        return new Echo("handler ran");
    }

    [Route("next/twice")]
    [UseMiddleware<NextTwice>]
    public static void Twice(RouteContext context) => Trace.Of(context).Add("handler");

    [Route("boom/caught")]
    [UseMiddleware<Catcher>]
    public static Echo BoomCaught() => throw new InvalidOperationException("kaboom");

    [Route("boom/uncaught")]
    public static Echo BoomUncaught() => throw new InvalidOperationException("kaboom");

    [Route("boom/async")]
    [UseMiddleware<Catcher>]
    public static async Task<Echo> BoomAsync()
    {
        await Task.Yield();
        throw new InvalidOperationException("async kaboom");
    }

    [Route("alias/one")]
    [Route("alias/two")]
    public static Echo Alias(RouteContext context) => new("alias " + context.Url);

    [Route("bind/echo")]
    public static Echo Bind(EchoRequest request) => new(string.Concat(Enumerable.Repeat(request.Text, request.Count)));

    [Route("svc/param")]
    public static Echo ServiceParameter(IGreeter greeter, CancellationToken cancellationToken) => new(greeter.Greet("parameter"));

    [Route("svc/middleware")]
    [UseMiddleware<Greeting>]
    public static Echo ServiceMiddleware(RouteContext context) => new((string)context.Items["greeting"]!);
}

[Route("svc")]
public sealed class ConstructedHandlers(IGreeter greeter)
{
    [Route("ctor")]
    public Echo Constructor() => new(greeter.Greet("constructor"));
}

/// <summary>One handler per return shape; the ones without a value set the body themselves.</summary>
[Route("shape")]
public static class Shapes
{
    [Route("void")]
    public static void Void(RouteContext context) => context.Body = new Echo("void");

    [Route("task")]
    public static async Task Task(RouteContext context)
    {
        await System.Threading.Tasks.Task.Yield();
        context.Body = new Echo("task");
    }

    [Route("valuetask")]
    public static ValueTask ValueTask(RouteContext context)
    {
        context.Body = new Echo("valuetask");
        return default;
    }

    [Route("value")]
    public static Echo Value() => new("value");

    [Route("task-of-t")]
    public static async Task<Echo> TaskOfT()
    {
        await System.Threading.Tasks.Task.Yield();
        return new Echo("task-of-t");
    }

    [Route("valuetask-of-t")]
    public static ValueTask<Echo> ValueTaskOfT() => System.Threading.Tasks.ValueTask.FromResult(new Echo("valuetask-of-t"));

    [Route("none")]
    public static void None()
    {
    }
}
