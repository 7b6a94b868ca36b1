using System.Text;
using Router.Runtime;

namespace Router.Behavior.Tests;

/// <summary>Handlers declared in a referenced class library (Router.Behavior.Handlers) are routed by this function's router.</summary>
public sealed class LibraryHandlerTests
{
    private static async Task<InvocationResult> InvokeAsync(string eventJson)
        => await new FunctionInvoker(new BehaviorRouter(), new Services(), new FunctionInvokerOptions { Log = TextWriter.Null })
            .InvokeAsync(Encoding.UTF8.GetBytes(eventJson));

    [Fact]
    public async Task PublicLibraryHandler_IsRouted_WithItsClassPrefix_AndTheFunctionsMiddleware()
    {
        var result = await InvokeAsync("""{ "$url": "lib/greet", "name": "ada" }""");

        Assert.True(result.IsSuccess, result.ToString());
        Assert.Equal("""{"greeting":"hello ada from the library"}""", result.ToString());
        var route = Assert.Single(BehaviorRouter.Routes, r => r.Path == "lib/greet");
        Assert.Equal("Router.Behavior.Handlers.LibraryHandlers.Greet", route.Handler);
        Assert.NotEmpty(route.Middleware); // the function's global middleware wraps library handlers too
    }

    [Fact]
    public async Task InternalLibraryHandler_IsNotRouted()
    {
        var result = await InvokeAsync("""{ "$url": "lib/hidden" }""");

        Assert.Equal(ErrorTypes.RouteNotFound, result.ErrorType);
        Assert.DoesNotContain(BehaviorRouter.Routes, r => r.Path == "lib/hidden");
    }
}
