using System.Text.Json;
using Router.Runtime.Http.Formats;

namespace Router.Runtime.Http;

/// <summary>
/// Recognises each platform's HTTP event by its shape and reads it into one <see cref="HttpRequestInfo"/>
/// through its format (<see cref="HttpEventFormat"/>; the shapes and where each field is:
/// docs/platforms.md, "HTTP-trigger events and their responses").
/// </summary>
internal static class HttpEventReader
{
    /// <summary>Which HTTP shape <paramref name="root"/> has, or <see langword="null"/> when it is none (a direct event without <c>$url</c>).</summary>
    public static HttpShape? Recognise(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        var context = RequestContext(root);
        foreach (var format in HttpEventFormat.All)
        {
            if (format.Recognises(root, context))
            {
                return format.Shape;
            }
        }

        return null;
    }

    /// <summary>Reads the request out of an event of <paramref name="shape"/>.</summary>
    /// <exception cref="HttpEventException">A field has the wrong type, the body does not decode, or a limit is passed.</exception>
    public static HttpEvent Read(JsonElement root, HttpShape shape, HttpLimits limits)
    {
        var request = new HttpRequestParts(HttpShapes.NameOf(shape));
        // A requestContext that is there but not an object is an error, named; one that is missing reads as empty.
        var context = EventFields.Object(root, "requestContext", request.EventName);
        HttpEventFormat.Of(shape).Read(root, context, request, limits);

        limits.CheckHeaders(request.Headers);
        limits.CheckQuery(request.Query);
        if (request.CookiesFromHeader)
        {
            foreach (var cookieHeader in request.Headers.GetValues("Cookie"))
            {
                HttpHeaderValues.AddCookies(request.Cookies, cookieHeader);
            }
        }

        var info = new HttpRequestInfo(request.Method, request.Path)
        {
            Headers = request.Headers.AsReadOnly(),
            Query = request.Query.AsReadOnly(),
            Cookies = request.Cookies,
            Claims = request.Claims,
            SourceIp = request.SourceIp,
            Body = EventFields.Body(root, request.EventName, limits),
            Source = HttpShapes.SourceOf(shape),
        };
        return new HttpEvent(shape, info, request.RoutePath, request.MultiValueHeaders);
    }

    private static JsonElement RequestContext(JsonElement root)
        => root.TryGetProperty("requestContext", out var context) && context.ValueKind == JsonValueKind.Object ? context : default;
}
