using System.Text;
using Router.Runtime;

namespace Router.Behavior.Tests;

/// <summary>The pipeline semantics of tcb-router and koa-compose, on a compiled generated router.</summary>
public sealed class PipelineTests
{
    private readonly BehaviorRouter _router = new();

    private async Task<(RouteContext Context, List<string> Trace)> DispatchAsync(string url, string eventJson = "{}")
    {
        var context = new RouteContext(url, Encoding.UTF8.GetBytes(eventJson), new Services());
        await _router.DispatchAsync(context);
        return (context, Trace.Of(context));
    }

    private async Task<string> InvokeAsync(string eventJson)
    {
        var result = await new FunctionInvoker(_router, new Services(), new FunctionInvokerOptions { Log = TextWriter.Null })
            .InvokeAsync(Encoding.UTF8.GetBytes(eventJson));
        return result.ToString();
    }

    [Fact]
    public async Task Onion_RunsGlobalByOrder_ThenPattern_ThenClass_ThenMethodInDeclarationOrder()
    {
        var (context, trace) = await DispatchAsync("onion/run");

        Assert.Equal(
            ["GlobalFirst>", "GlobalSecond>", "Scoped>", "ClassMw>", "MethodMw1>", "MethodMw2>", "handler",
             "<MethodMw2", "<MethodMw1", "<ClassMw", "<Scoped", "<GlobalSecond", "<GlobalFirst"],
            trace);
        Assert.Equal(new Echo("ran"), context.Body);
    }

    [Fact]
    public async Task ShortCircuit_MiddlewareThatDoesNotCallNext_SkipsHandler()
    {
        var (context, trace) = await DispatchAsync("short/circuit");

        Assert.Equal(["GlobalFirst>", "GlobalSecond>", "ShortCircuit", "<GlobalSecond", "<GlobalFirst"], trace);
        Assert.Equal(new Echo("short-circuited"), context.Body);
    }

    [Fact]
    public async Task NextCalledTwice_Throws_LikeKoaCompose()
    {
        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => DispatchAsync("next/twice"));

        Assert.Equal("next() called multiple times", ex.Message);
    }

    [Fact]
    public async Task NextCalledTwice_ThroughInvoker_IsHandlerError()
    {
        Assert.Equal("HandlerError: next() called multiple times", await InvokeAsync("""{ "$url": "next/twice" }"""));
    }

    [Fact]
    public async Task NextCalledOncePerInvocation_WorksOnEveryInvocation()
    {
        // The guard is per invocation: the same precomposed pipeline serves the next event.
        for (var i = 0; i < 3; i++)
        {
            var (_, trace) = await DispatchAsync("onion/run");
            Assert.Single(trace, "handler");
        }
    }

    [Theory]
    [InlineData("boom/caught", "caught: kaboom")]
    [InlineData("boom/async", "caught: async kaboom")]
    public async Task HandlerException_ReachesOuterMiddlewareCatch(string url, string expected)
    {
        var (context, _) = await DispatchAsync(url);

        Assert.Equal(new Echo(expected), context.Body);
    }

    [Fact]
    public async Task HandlerException_Uncaught_IsHandlerErrorWithItsMessage()
    {
        Assert.Equal("HandlerError: kaboom", await InvokeAsync("""{ "$url": "boom/uncaught" }"""));
    }

    [Theory]
    [InlineData("alias/one")]
    [InlineData("alias/two")]
    public async Task OneHandler_ServesTwoRoutes(string url)
    {
        Assert.Equal($$"""{"text":"alias {{url}}"}""", await InvokeAsync($$"""{ "$url": "{{url}}" }"""));
    }

    [Fact]
    public void ClassPrefix_IsJoinedToMethodRoutes()
    {
        var paths = BehaviorRouter.Routes.Select(r => r.Path).ToList();

        Assert.Contains("onion/run", paths);
        Assert.Contains("svc/ctor", paths);
        Assert.DoesNotContain("run", paths);
        Assert.DoesNotContain("ctor", paths);
    }

    [Fact]
    public async Task PrefixPattern_AppliesOnlyUnderItsPrefix()
    {
        var (_, onion) = await DispatchAsync("onion/run");
        var (_, other) = await DispatchAsync("exact/other");

        Assert.Contains("Scoped>", onion);
        Assert.DoesNotContain("Scoped>", other);
    }

    [Fact]
    public async Task ExactPattern_AppliesOnlyToThatRoute()
    {
        var (_, only) = await DispatchAsync("exact/only");
        var (_, other) = await DispatchAsync("exact/other");

        Assert.Equal(["GlobalFirst>", "GlobalSecond>", "ExactOnly>", "handler", "<ExactOnly", "<GlobalSecond", "<GlobalFirst"], only);
        Assert.Equal(["GlobalFirst>", "GlobalSecond>", "handler", "<GlobalSecond", "<GlobalFirst"], other);
    }

    [Fact]
    public void StarPattern_AppliesToEveryRoute_InTheRouteTable()
    {
        Assert.All(BehaviorRouter.Routes, route => Assert.Equal(
            ["Router.Behavior.Tests.GlobalFirst", "Router.Behavior.Tests.GlobalSecond"],
            route.Middleware.Take(2)));
    }

    [Fact]
    public void RouteTable_DescribesHandlerChainAndTypes_OrderedByPath()
    {
        var route = Assert.Single(BehaviorRouter.Routes, r => r.Path == "onion/run");

        Assert.Equal("Router.Behavior.Tests.OnionHandlers.Run", route.Handler);
        Assert.Equal(
            ["Router.Behavior.Tests.GlobalFirst", "Router.Behavior.Tests.GlobalSecond", "Router.Behavior.Tests.Scoped",
             "Router.Behavior.Tests.ClassMw", "Router.Behavior.Tests.MethodMw1", "Router.Behavior.Tests.MethodMw2"],
            route.Middleware);
        Assert.Null(route.RequestType);
        Assert.Equal("Router.Behavior.Tests.Echo", route.ResponseType);
        Assert.Equal("Router.Behavior.Tests.EchoRequest", Assert.Single(BehaviorRouter.Routes, r => r.Path == "bind/echo").RequestType);

        var paths = BehaviorRouter.Routes.Select(r => r.Path).ToList();
        Assert.Equal(paths.Order(StringComparer.Ordinal), paths);
        Assert.Same(BehaviorRouter.Routes, ((IRouteDispatcher)_router).Routes);
    }

    [Fact]
    public async Task UnknownRoute_IsRouteNotFound_AndRoutesAreCaseSensitive()
    {
        await Assert.ThrowsAsync<RouteNotFoundException>(() => DispatchAsync("ONION/RUN"));
        Assert.Equal("RouteNotFound: No route is named 'nope'.", await InvokeAsync("""{ "$url": "nope" }"""));
    }
}
