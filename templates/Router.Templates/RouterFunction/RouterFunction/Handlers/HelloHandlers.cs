using Router;

namespace RouterFunction;

/// <summary>The request of <c>hello/greet</c>, bound from the event: <c>{ "$url": "hello/greet", "name": "tcb" }</c>.</summary>
public sealed record GreetRequest(string? Name);

/// <summary>The body of <c>hello/greet</c>.</summary>
public sealed record GreetReply(int Code, string Message);

/// <summary>The <c>hello/*</c> routes.</summary>
[Route("hello")]
public static class HelloHandlers
{
    /// <summary><c>hello/greet</c>: greets the caller by name.</summary>
    [Route("greet")]
    public static GreetReply Greet(GreetRequest request)
        => string.IsNullOrWhiteSpace(request.Name)
            ? new GreetReply(1001, "name is required")
            : new GreetReply(0, $"hello, {request.Name}");
}
