using System.Buffers;
using System.Text;
using System.Text.Json;
using Router.Runtime.Events;

namespace Router.Runtime.Http;

/// <summary>
/// The event a handler's request type is bound from, for an HTTP request: the JSON body; the fields of an
/// <c>application/x-www-form-urlencoded</c> body (as <c>wx.request</c> sends with that content type); or,
/// with no body, the query parameters. Fields become an object of strings (a repeated key an array of
/// strings), bound through the same source-generated metadata as a direct event, so with web defaults
/// <c>amount=3</c> reads as the number 3.
/// </summary>
internal static class HttpRequestEvents
{
    /// <summary>The event of <paramref name="request"/>, checked as a direct event's JSON is.</summary>
    /// <param name="request">The request.</param>
    /// <param name="maxDepth">The deepest nesting of a JSON body.</param>
    /// <param name="scan">What the check found (a JSON body's <c>$url</c>, for the whole-event form).</param>
    /// <exception cref="HttpEventException">The body is not a JSON object, not UTF-8 form fields, or of a media type that carries neither.</exception>
    public static ReadOnlyMemory<byte> Create(HttpRequestInfo request, int maxDepth, out EventScan scan)
    {
        var body = Utf8Bom.Skip(request.Body);

        if (body.IsEmpty)
        {
            scan = default;
            return ToJsonObject(request.Query, skip: HttpRoutes.QueryParameter);
        }

        var mediaType = MediaType(request.ContentType);
        if (mediaType == "application/x-www-form-urlencoded")
        {
            // JSON text sent as a form (curl -d '{...}' without a content type of its own) would bind as one
            // field with no value, and the handler would see a request with nothing in it: refuse it, named.
            if (StartsLikeJson(body.Span))
            {
                throw HttpEventException.Invalid(
                    "The request body is JSON text, but its Content-Type is application/x-www-form-urlencoded; send it with Content-Type: application/json (curl: --json '{...}').", 415);
            }

            string text;
            try
            {
                text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(body.Span);
            }
            catch (DecoderFallbackException)
            {
                throw HttpEventException.Invalid("The form body is not UTF-8 text.");
            }

            var fields = new HttpValueCollection(ignoreCase: false);
            UrlEncoding.ParsePairs(text, fields, "The form body");
            var urls = fields.GetValues(HttpRoutes.QueryParameter);
            if (urls.Count > 1)
            {
                throw HttpEventException.Invalid("The form body names \"$url\" more than once, so its route is ambiguous.");
            }

            // "$url" with no value (or "$url=") names no route: the same problem as an empty "$url" in JSON.
            var url = urls.Count == 1 && urls[0].Length > 0 ? urls[0] : null;
            scan = new EventScan(null, url, urls.Count == 1 && url is null ? ScanMessages.UrlEmpty : null, urls.Count == 1);
            return ToJsonObject(fields, skip: HttpRoutes.QueryParameter);
        }

        if (mediaType.StartsWith("multipart/", StringComparison.Ordinal))
        {
            throw HttpEventException.Invalid(
                $"The request body is {mediaType}, which the router does not bind; send JSON (application/json) or form fields (application/x-www-form-urlencoded).", 415);
        }

        // Anything else is read as JSON, as clients that send JSON without a content type expect.
        scan = EventScanner.Scan(body, maxDepth, Subjects.Body);
        if (scan.Failure is { } failure)
        {
            // Form fields sent as JSON (or with no content type) are not JSON: say what they are and what to send.
            if (LooksLikeFormFields(body.Span))
            {
                var got = mediaType.Length == 0 ? "no Content-Type" : "Content-Type " + mediaType;
                throw HttpEventException.Invalid(
                    $"The request body is form fields (name=value&...), but it has {got}; send it with Content-Type: application/x-www-form-urlencoded, or send a JSON object as application/json.", 415);
            }

            throw new HttpEventException(failure);
        }

        return body;
    }

    private static bool StartsLikeJson(ReadOnlySpan<byte> body)
    {
        var start = body.TrimStart(" \t\r\n"u8);
        return !start.IsEmpty && start[0] is (byte)'{' or (byte)'[';
    }

    // name=value, the name made of the characters form encoders leave as they are or percent-encode.
    private static bool LooksLikeFormFields(ReadOnlySpan<byte> body)
    {
        var equals = body.IndexOf((byte)'=');
        if (equals <= 0)
        {
            return false;
        }

        foreach (var b in body[..equals])
        {
            if (!(char.IsAsciiLetterOrDigit((char)b) || b is (byte)'_' or (byte)'-' or (byte)'.' or (byte)'%' or (byte)'$' or (byte)'+' or (byte)'*'))
            {
                return false;
            }
        }

        return true;
    }

    private static string MediaType(string? contentType)
    {
        if (string.IsNullOrEmpty(contentType))
        {
            return "";
        }

        var semicolon = contentType.IndexOf(';');
        return (semicolon < 0 ? contentType : contentType[..semicolon]).Trim().ToLowerInvariant();
    }

    /// <summary>Names with string values as a JSON object: one value a string, several an array of strings.</summary>
    public static byte[] ToJsonObject(HttpValueCollection values, string? skip)
    {
        if (values.Count == 0 || (values.Count == 1 && skip is not null && values.Contains(skip)))
        {
            return "{}"u8.ToArray();
        }

        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (var (name, list) in values)
            {
                if (name == skip)
                {
                    continue;
                }

                if (list.Count == 1)
                {
                    writer.WriteString(name, list[0]);
                    continue;
                }

                writer.WriteStartArray(name);
                foreach (var value in list)
                {
                    writer.WriteStringValue(value);
                }

                writer.WriteEndArray();
            }

            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }
}
