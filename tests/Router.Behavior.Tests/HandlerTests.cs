using System.Text;
using Router.Runtime;

namespace Router.Behavior.Tests;

/// <summary>Return shapes, request binding and services, through the invoker.</summary>
public sealed class HandlerTests
{
    private static async Task<InvocationResult> InvokeAsync(string eventJson, IServiceProvider? services = null)
        => await new FunctionInvoker(new BehaviorRouter(), services ?? new Services(), new FunctionInvokerOptions { Log = TextWriter.Null })
            .InvokeAsync(Encoding.UTF8.GetBytes(eventJson));

    [Theory]
    [InlineData("shape/void")]
    [InlineData("shape/task")]
    [InlineData("shape/valuetask")]
    [InlineData("shape/value")]
    [InlineData("shape/task-of-t")]
    [InlineData("shape/valuetask-of-t")]
    public async Task EveryReturnShape_GivesItsBody(string url)
    {
        var result = await InvokeAsync($$"""{ "$url": "{{url}}" }""");

        Assert.True(result.IsSuccess, result.ToString());
        Assert.Equal($$"""{"text":"{{url["shape/".Length..]}}"}""", result.ToString());
    }

    [Fact]
    public async Task NoBody_IsJsonNull()
    {
        var result = await InvokeAsync("""{ "$url": "shape/none" }""");

        Assert.True(result.IsSuccess);
        Assert.Equal("null", result.ToString());
    }

    [Fact]
    public async Task Request_IsBoundFromWholeEvent_IgnoringUrlAndUnknownMembers_NumbersFromStrings()
    {
        var result = await InvokeAsync("""{ "$url": "bind/echo", "text": "ab", "count": "3", "userInfo": { "openId": "x" } }""");

        Assert.Equal("""{"text":"ababab"}""", result.ToString());
    }

    [Fact]
    public async Task Request_ThatDoesNotBind_IsInvalidRequest_NamingTheMember()
    {
        var result = await InvokeAsync("""{ "$url": "bind/echo", "text": "ab", "count": "three" }""");

        Assert.False(result.IsSuccess);
        Assert.Equal(ErrorTypes.InvalidRequest, result.ErrorType);
        Assert.Contains("$.count", result.ErrorMessage, StringComparison.Ordinal);
        Assert.Contains("EchoRequest", result.ErrorMessage, StringComparison.Ordinal);
        Assert.Contains("Int32", result.ErrorMessage, StringComparison.Ordinal); // the value's own problem
        Assert.DoesNotContain("LineNumber", result.ErrorMessage, StringComparison.Ordinal); // no serializer position noise
    }

    [Theory]
    [InlineData("svc/ctor", "hello constructor")]
    [InlineData("svc/param", "hello parameter")]
    [InlineData("svc/middleware", "hello middleware")]
    public async Task Services_ReachConstructorsAndParameters(string url, string expected)
    {
        var result = await InvokeAsync($$"""{ "$url": "{{url}}" }""");

        Assert.Equal($$"""{"text":"{{expected}}"}""", result.ToString());
    }

    [Fact]
    public async Task MissingService_IsHandlerError_NamingWhoNeedsWhat()
    {
        var result = await InvokeAsync("""{ "$url": "svc/param" }""", new EmptyServices());

        Assert.Equal(ErrorTypes.HandlerError, result.ErrorType);
        Assert.Equal("Router.Behavior.Tests.MiscHandlers.ServiceParameter needs a Router.Behavior.Tests.IGreeter, but the IServiceProvider has none.", result.ErrorMessage);
    }

    [Fact]
    public async Task HandlerClassTakingServices_IsCreatedPerInvocation()
    {
        // As ASP.NET Core creates controllers: a scoped service in the constructor is the invocation's own.
        var services = new CountingServices();
        var invoker = new FunctionInvoker(new BehaviorRouter(), services, new FunctionInvokerOptions { Log = TextWriter.Null });

        for (var i = 0; i < 3; i++)
        {
            Assert.True((await invoker.InvokeAsync("""{ "$url": "svc/ctor" }"""u8.ToArray())).IsSuccess);
        }

        Assert.Equal(3, services.Resolved);
    }

    [Fact]
    public async Task Middleware_IsCreatedOncePerRouter()
    {
        var services = new CountingServices();
        var invoker = new FunctionInvoker(new BehaviorRouter(), services, new FunctionInvokerOptions { Log = TextWriter.Null });

        for (var i = 0; i < 3; i++)
        {
            Assert.True((await invoker.InvokeAsync("""{ "$url": "svc/middleware" }"""u8.ToArray())).IsSuccess);
        }

        Assert.Equal(1, services.Resolved);
    }

    private sealed class EmptyServices : IServiceProvider
    {
        public object? GetService(Type serviceType) => null;
    }

    private sealed class CountingServices : IServiceProvider
    {
        public int Resolved { get; private set; }

        /// <summary>How many times an <see cref="IGreeter"/> was asked for.</summary>
        public object? GetService(Type serviceType)
        {
            if (serviceType != typeof(IGreeter))
            {
                return null;
            }

            Resolved++;
            return new Greeter();
        }
    }
}
