using System.Net;
using System.Text.Json;

namespace Router.Runtime.Hosting;

/// <summary>
/// Events over plain HTTP, for <c>serve</c> and FC HTTP triggers: <c>POST /invoke</c> with the whole event,
/// <c>POST /{route}</c> with the event's other fields as the body, and the route in <c>?$url=</c> on any
/// path (the HTTP-trigger form tcb-router never had, its issue #15).
/// </summary>
/// <remarks>
/// The answer is the body as JSON with 200, or the error object with a status for its type:
/// 400 (<c>InvalidEvent</c>, <c>MissingRoute</c>, <c>InvalidRequest</c>), 404 (<c>RouteNotFound</c>),
/// 405 (not POST), 413 (larger than <see cref="FunctionInvokerOptions.MaxEventBytes"/>) and 500 (<c>HandlerError</c>).
/// </remarks>
internal sealed class HttpEventEndpoint(FunctionInvoker invoker, int maxEventBytes)
{
    /// <summary>The path that takes a whole event, <c>$url</c> included.</summary>
    public const string InvokePath = "/invoke";

    /// <summary>The query parameter that names the route.</summary>
    public const string RouteQueryParameter = "$url";

    /// <summary>The largest event body read, in bytes (<see cref="FunctionInvokerOptions.MaxEventBytes"/>).</summary>
    public int MaxEventBytes => maxEventBytes;

    public async Task HandleAsync(HttpListenerContext context, string requestId, CancellationToken cancellationToken)
    {
        var request = context.Request;
        var response = context.Response;
        response.Headers["X-Request-Id"] = requestId;
        if (request.HttpMethod != "POST")
        {
            response.Headers["Allow"] = "POST";
            await HttpFunctionServer.WriteAsync(response, 405, ErrorJson.Write(
                ErrorTypes.InvalidEvent, $"Send the event with POST, not {request.HttpMethod}.")).ConfigureAwait(false);
            return;
        }

        var body = await HttpFunctionServer.ReadBodyAsync(request, maxEventBytes, cancellationToken).ConfigureAwait(false);
        if (body is null)
        {
            await HttpFunctionServer.WriteAsync(response, 413, ErrorJson.Write(
                ErrorTypes.InvalidEvent, $"The event is larger than the limit of {maxEventBytes} bytes.")).ConfigureAwait(false);
            return;
        }

        var route = RouteOf(request);
        var eventJson = route is null ? body : WithRoute(body, route);
        var result = await invoker.InvokeAsync(eventJson, requestId, cancellationToken).ConfigureAwait(false);
        if (result.IsSuccess)
        {
            await HttpFunctionServer.WriteAsync(response, 200, result.Body).ConfigureAwait(false);
        }
        else
        {
            await HttpFunctionServer.WriteAsync(response, StatusOf(result.ErrorType), ErrorJson.Write(result)).ConfigureAwait(false);
        }
    }

    /// <summary>The route from <c>?$url=</c>, else from the path (<c>/pay/makeOrder</c>); <see langword="null"/> for <c>/</c> and <c>/invoke</c>.</summary>
    public static string? RouteOf(HttpListenerRequest request)
    {
        if (request.QueryString[RouteQueryParameter] is { Length: > 0 } fromQuery)
        {
            return fromQuery;
        }

        var path = request.Url?.AbsolutePath ?? "/";
        if (path is "/" or InvokePath)
        {
            return null;
        }

        return Uri.UnescapeDataString(path[1..]);
    }

    /// <summary>
    /// The event with <c>$url</c> set to <paramref name="route"/>: <c>{"$url":"route"}</c> for an empty body,
    /// the route spliced in as the first member of an object body, and any other body unchanged (so the
    /// invoker reports it as not an object). A body that names <c>$url</c> as well gets <c>InvalidEvent</c>
    /// from the invoker, since the route would be ambiguous.
    /// </summary>
    public static byte[] WithRoute(ReadOnlySpan<byte> body, string route)
    {
        var rest = body;
        if (rest.StartsWith("\uFEFF"u8))
        {
            rest = rest[3..];
        }

        rest = rest.TrimStart(" \t\r\n"u8);
        var member = JsonEncodedText.Encode(route);
        if (rest.IsEmpty)
        {
            return [.. "{\"$url\":\""u8, .. member.EncodedUtf8Bytes, .. "\"}"u8];
        }

        if (rest[0] != (byte)'{')
        {
            return body.ToArray();
        }

        var afterBrace = rest[1..];
        var separator = afterBrace.TrimStart(" \t\r\n"u8) is [(byte)'}', ..] ? ""u8 : ","u8;
        return [.. "{\"$url\":\""u8, .. member.EncodedUtf8Bytes, .. "\""u8, .. separator, .. afterBrace];
    }

    /// <summary>The HTTP status for an error type.</summary>
    public static int StatusOf(string? errorType) => errorType switch
    {
        ErrorTypes.InvalidEvent or ErrorTypes.MissingRoute or ErrorTypes.InvalidRequest => 400,
        ErrorTypes.RouteNotFound => 404,
        _ => 500,
    };
}
