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
    /// <summary>Which platform's format <paramref name="root"/> is, or <see langword="null"/> when it is none (a direct event without <c>$url</c>).</summary>
    public static HttpEventFormat? Recognise(JsonElement root)
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
                return format;
            }
        }

        return null;
    }

    /// <summary>Reads the request out of an event of <paramref name="format"/>.</summary>
    /// <exception cref="HttpEventException">A field has the wrong type, the body does not decode, or a limit is passed.</exception>
    public static HttpEvent Read(JsonElement root, HttpEventFormat format, HttpLimits limits)
    {
        var request = new HttpRequestParts(format.EventName);
        // A requestContext that is there but not an object is an error, named; one that is missing reads as empty.
        var context = EventFields.Object(root, "requestContext", request.EventName);
        format.Read(root, context, request, limits);

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
            Source = format.Source,
        };
        return new HttpEvent(format, info, request.RoutePath, format.AnswersWithMultiValueHeaders(root));
    }

    /// <summary>An event of <paramref name="format"/> refused before its request was read: answered in the format's shape, by the same header rule.</summary>
    public static HttpEvent Unread(JsonElement root, HttpEventFormat format)
        => new(format, new HttpRequestInfo("GET", "/"), "/", format.AnswersWithMultiValueHeaders(root));

    private static JsonElement RequestContext(JsonElement root)
        => root.TryGetProperty("requestContext", out var context) && context.ValueKind == JsonValueKind.Object ? context : default;
}
