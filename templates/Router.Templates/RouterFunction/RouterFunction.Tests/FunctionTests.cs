using System.Text;
using Router.Runtime;
using Xunit;

namespace RouterFunction.Tests;

/// <summary>Events in, bodies out, through the same invoker every platform host uses.</summary>
public class FunctionTests
{
    private readonly FunctionInvoker _invoker = new(new FunctionRouter());

    private async Task<InvocationResult> InvokeAsync(string eventJson)
        => await _invoker.InvokeAsync(Encoding.UTF8.GetBytes(eventJson));

    [Fact]
    public async Task The_event_in_the_events_folder_is_greeted()
    {
        var result = await _invoker.InvokeAsync(await File.ReadAllBytesAsync(Path.Combine(AppContext.BaseDirectory, "events", "hello-greet.json")));

        Assert.True(result.IsSuccess, result.ToString());
        Assert.Equal("""{"code":0,"message":"hello, tcb"}""", result.ToString());
    }

    [Fact]
    public async Task A_missing_name_is_refused_before_the_handler()
    {
        var result = await InvokeAsync("""{ "$url": "hello/greet" }""");

        Assert.False(result.IsSuccess);
        Assert.Equal(ErrorTypes.InvalidRequest, result.ErrorType);
        Assert.Contains("$.name: The name field is required.", result.ErrorMessage);
    }

    [Fact]
    public async Task An_unknown_route_is_RouteNotFound()
    {
        var result = await InvokeAsync("""{ "$url": "hello/nobody" }""");

        Assert.False(result.IsSuccess);
        Assert.Equal(ErrorTypes.RouteNotFound, result.ErrorType);
    }

    [Fact]
    public void The_route_table_lists_hello_greet()
    {
        // Add routes freely: this checks that hello/greet is among them, not that it is the only one.
        Assert.Contains(FunctionRouter.Routes, route => route.Path == "hello/greet");
    }
}
