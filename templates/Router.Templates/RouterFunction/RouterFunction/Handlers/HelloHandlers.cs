using System.ComponentModel.DataAnnotations;
using Router;

namespace RouterFunction;

/// <summary>
/// The request of <c>hello/greet</c>, bound from the event: <c>{ "$url": "hello/greet", "name": "tcb" }</c>.
/// Its attributes are checked before the handler runs: a missing or too long name is answered as
/// <c>InvalidRequest</c>, naming <c>$.name</c> (over HTTP, a 400 with <c>"errors"</c>).
/// </summary>
public sealed record GreetRequest([property: Required, StringLength(64)] string? Name);

/// <summary>The body of <c>hello/greet</c>.</summary>
public sealed record GreetReply(int Code, string Message);

/// <summary>The <c>hello/*</c> routes.</summary>
[Route("hello")]
public static class HelloHandlers
{
    /// <summary><c>hello/greet</c>: greets the caller by name (valid by the time it runs).</summary>
    [Route("greet")]
    public static GreetReply Greet(GreetRequest request) => new(0, $"hello, {request.Name}");
}
