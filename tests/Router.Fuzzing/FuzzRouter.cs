using System.Text.Json;
using System.Text.Json.Serialization;

namespace Router.Fuzzing;

/// <summary>
/// A router for the fuzz targets: request binding of every kind of member, a route that takes some
/// methods only, middleware that sets headers and cookies, a raw body, a failing handler. No I/O and
/// nothing that waits, so every input is answered at once.
/// </summary>
[GeneratedRouter]
public sealed partial class FuzzRouter;

internal sealed record FuzzRequest(int Amount, long Big, double Ratio, bool Flag, string? Name, string[]? Tags, FuzzRequest? Child, DateTimeOffset? When);

internal sealed record FuzzReply(int Code, string Text);

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(FuzzRequest))]
[JsonSerializable(typeof(FuzzReply))]
internal sealed partial class FuzzJson : JsonSerializerContext;

[Middleware]
internal sealed class FuzzHeaders : IRouteMiddleware
{
    public async ValueTask InvokeAsync(RouteContext context, RouteHandler next)
    {
        context.Response.Headers.Add("X-Fuzz", "1");
        await next(context);
    }
}

// Internal: a library's public handlers are routed by every function that references it, and the
// runtime tests reference this one.
[Route("fuzz")]
internal static class FuzzHandlers
{
    [Route("echo")]
    public static FuzzReply Echo(FuzzRequest request) => new(request.Amount, request.Name ?? "");

    [Route("post", Methods = "POST,PUT")]
    public static FuzzReply Post(FuzzRequest request, RouteContext context)
    {
        context.Response.StatusCode = 201;
        context.Response.Cookies.Add("sid=" + request.Amount + "; Path=/; HttpOnly");
        context.Response.Cookies.Add("theme=dark");
        return new FuzzReply(0, context.Http?.Method ?? "direct");
    }

    [Route("raw")]
    public static void Raw(RouteContext context) => context.Response.SetRawBody(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0, 255 }, "image/png");

    [Route("event")]
    public static FuzzReply Event(RouteContext context) => new(context.Event.ValueKind == JsonValueKind.Object ? 0 : 1, context.Http?.Path ?? "");

    [Route("member")]
    public static FuzzReply Member(RouteContext context) => new(0, context.TryGetEventString("name"u8, out var name) ? name : "");

    [Route("throw")]
    public static FuzzReply Throw() => throw new InvalidOperationException("failed on purpose");
}
