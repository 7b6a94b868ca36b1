using System.Buffers;
using System.Text.Json;
using System.Text.Unicode;

namespace Router.Runtime.Http;

/// <summary>
/// Writes an <see cref="HttpAnswer"/> as the response object each platform's gateway expects from the
/// function (docs/platforms.md, "HTTP-trigger events and their responses"). The body is a string:
/// UTF-8 text as it is, anything else base64 with <c>isBase64Encoded: true</c>.
/// </summary>
internal static class HttpResponseEnvelope
{
    /// <summary>
    /// Only what JSON requires is escaped (quotes, backslashes, control characters): the response goes to a
    /// gateway's parser, never into HTML, and a body stays readable in logs and <c>invoke</c>'s output.
    /// </summary>
    internal static readonly JsonWriterOptions WriterOptions = Output.ErrorBodies.HttpWriterOptions;

    public static byte[] Write(HttpAnswer answer, HttpEvent httpEvent)
    {
        var buffer = new ArrayBufferWriter<byte>(256 + answer.Body.Length);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteNumber("statusCode"u8, answer.StatusCode);
            (httpEvent.Format ?? throw new ArgumentException("A request at the function's own server has no envelope.", nameof(httpEvent))).WriteHeaders(writer, answer, httpEvent);

            var isText = IsText(answer);
            writer.WriteBoolean("isBase64Encoded"u8, !isText);
            if (isText)
            {
                writer.WriteString("body"u8, answer.Body.Span);
            }
            else
            {
                writer.WriteBase64String("body"u8, answer.Body.Span);
            }

            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Whether the body can travel as a JSON string: valid UTF-8 of a textual media type.</summary>
    public static bool IsText(HttpAnswer answer)
    {
        if (!Utf8.IsValid(answer.Body.Span))
        {
            return false;
        }

        var contentType = answer.Headers.FirstOrDefault(h => string.Equals(h.Key, "Content-Type", StringComparison.OrdinalIgnoreCase)).Value;
        if (contentType is null)
        {
            return true;
        }

        var mediaType = contentType.Split(';')[0].Trim().ToLowerInvariant();
        return mediaType.StartsWith("text/", StringComparison.Ordinal)
            || mediaType is "application/json" or "application/xml" or "application/javascript" or "application/x-www-form-urlencoded"
            || mediaType.EndsWith("+json", StringComparison.Ordinal)
            || mediaType.EndsWith("+xml", StringComparison.Ordinal);
    }

    /// <summary>
    /// <c>headers</c> with one value per name: repeated values joined with <c>", "</c> (as HTTP allows), and
    /// with <paramref name="withCookie"/> the last cookie as <c>Set-Cookie</c>, since a single-value map
    /// holds only one (docs/hosting.md, "HTTP": use payload 2.0 or multi-value headers for several).
    /// </summary>
    internal static void WriteSingleHeaders(Utf8JsonWriter writer, HttpAnswer answer, bool withCookie)
    {
        writer.WriteStartObject("headers"u8);
        foreach (var (name, value) in Joined(answer))
        {
            writer.WriteString(name, value);
        }

        if (withCookie && answer.Cookies.Count > 0)
        {
            writer.WriteString("Set-Cookie"u8, answer.Cookies[^1]);
        }

        writer.WriteEndObject();
    }

    internal static void WriteJoinedHeaders(Utf8JsonWriter writer, HttpAnswer answer)
    {
        writer.WriteStartObject("headers"u8);
        foreach (var (name, value) in Joined(answer))
        {
            writer.WriteString(name, value);
        }

        writer.WriteEndObject();
    }

    internal static void WriteMultiValueHeaders(Utf8JsonWriter writer, HttpAnswer answer)
    {
        writer.WriteStartObject("multiValueHeaders"u8);
        foreach (var group in answer.Headers.GroupBy(h => h.Key, StringComparer.OrdinalIgnoreCase))
        {
            writer.WriteStartArray(group.First().Key);
            foreach (var header in group)
            {
                writer.WriteStringValue(header.Value);
            }

            writer.WriteEndArray();
        }

        if (answer.Cookies.Count > 0)
        {
            writer.WriteStartArray("Set-Cookie"u8);
            foreach (var cookie in answer.Cookies)
            {
                writer.WriteStringValue(cookie);
            }

            writer.WriteEndArray();
        }

        writer.WriteEndObject();
    }

    private static IEnumerable<(string Name, string Value)> Joined(HttpAnswer answer)
        => answer.Headers
            .GroupBy(h => h.Key, StringComparer.OrdinalIgnoreCase)
            .Select(g => (g.First().Key, string.Join(", ", g.Select(h => h.Value))));
}
