namespace Router.Runtime.Hosting.Server;

/// <summary>One exchange at the function's HTTP server: the request and its answer.</summary>
internal sealed class ServerContext(ServerRequest request, ServerResponse response)
{
    public ServerRequest Request { get; } = request;

    public ServerResponse Response { get; } = response;
}
