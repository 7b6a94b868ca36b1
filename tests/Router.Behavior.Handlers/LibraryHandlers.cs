using Router;

namespace Router.Behavior.Handlers;

/// <summary>The body of <c>lib/greet</c>; the function's JSON context lists it.</summary>
public sealed record LibraryGreeting(string Greeting);

/// <summary>The request of <c>lib/greet</c>.</summary>
public sealed record LibraryGreetRequest(string Name);

/// <summary>Handlers declared in a library; the class prefix applies as in the function itself.</summary>
[Route("lib")]
public static class LibraryHandlers
{
    [Route("greet")]
    public static LibraryGreeting Greet(LibraryGreetRequest request) => new("hello " + request.Name + " from the library");

    /// <summary>Internal: generated code in another assembly cannot call it, so it is not routed.</summary>
    [Route("hidden")]
    internal static LibraryGreeting Hidden() => new("never");
}
