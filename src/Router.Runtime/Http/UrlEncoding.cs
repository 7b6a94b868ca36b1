using System.Buffers;
using System.Text;
using Router.Runtime.Events;

namespace Router.Runtime.Http;

/// <summary>
/// Percent-decoding of paths, query strings and <c>application/x-www-form-urlencoded</c> bodies, strictly:
/// a <c>%</c> not followed by two hex digits, or bytes that are not UTF-8 once decoded, are a 400 naming
/// what is wrong, never a silent guess.
/// </summary>
internal static class UrlEncoding
{
    private static readonly UTF8Encoding s_strictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>
    /// Decodes a request path. Percent-encoded <c>/</c> and <c>\</c> are refused: once decoded they would
    /// split or join route segments that the gateway in front saw otherwise.
    /// </summary>
    /// <exception cref="HttpEventException">The path is not validly encoded, or encodes a slash.</exception>
    public static string DecodePath(string path)
    {
        if (path.IndexOf('%') < 0)
        {
            return path;
        }

        for (var i = path.IndexOf('%'); i >= 0 && i + 2 < path.Length; i = path.IndexOf('%', i + 1))
        {
            if (path[i + 1] is '2' && path[i + 2] is 'f' or 'F' || path[i + 1] is '5' && path[i + 2] is 'c' or 'C')
            {
                throw HttpEventException.Invalid($"The request path {Messages.Quote(path)} has a percent-encoded slash ({path.Substring(i, 3)}); name the route with plain '/' separators.");
            }
        }

        return Decode(path, plusAsSpace: false, "The request path");
    }

    /// <summary>Decodes one query or form component (<c>+</c> is a space there, as HTML forms send it).</summary>
    /// <exception cref="HttpEventException">The component is not validly encoded.</exception>
    public static string DecodeComponent(string component, string what) => Decode(component, plusAsSpace: true, what);

    /// <summary>Adds the pairs of <paramref name="encoded"/> (<c>a=1&amp;b=2&amp;a=3</c>, no leading <c>?</c>) to <paramref name="into"/>.</summary>
    /// <param name="encoded">The encoded text.</param>
    /// <param name="into">Where the decoded pairs go; a key without <c>=</c> gets the empty string.</param>
    /// <param name="what">What the text is, for messages: <c>The query string</c>, <c>The form body</c>.</param>
    /// <exception cref="HttpEventException">A component is not validly encoded.</exception>
    public static void ParsePairs(string encoded, HttpValueCollection into, string what)
    {
        foreach (var pair in encoded.Split('&'))
        {
            if (pair.Length == 0)
            {
                continue;
            }

            var equals = pair.IndexOf('=');
            var key = DecodeComponent(equals < 0 ? pair : pair[..equals], what);
            var value = equals < 0 ? "" : DecodeComponent(pair[(equals + 1)..], what);
            into.Add(key, value);
        }
    }

    private static string Decode(string text, bool plusAsSpace, string what)
    {
        if (text.IndexOf('%') < 0)
        {
            return plusAsSpace ? text.Replace('+', ' ') : text;
        }

        var bytes = ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(text.Length));
        try
        {
            var length = 0;
            for (var i = 0; i < text.Length; i++)
            {
                var c = text[i];
                if (c == '%')
                {
                    if (i + 2 >= text.Length || !IsHex(text[i + 1]) || !IsHex(text[i + 2]))
                    {
                        var found = text.Substring(i, Math.Min(3, text.Length - i));
                        throw HttpEventException.Invalid($"{what} is not validly percent-encoded: {Messages.Quote(found)} is not '%' and two hex digits.");
                    }

                    bytes[length++] = (byte)((HexValue(text[i + 1]) << 4) | HexValue(text[i + 2]));
                    i += 2;
                }
                else if (c == '+' && plusAsSpace)
                {
                    bytes[length++] = (byte)' ';
                }
                else
                {
                    length += Encoding.UTF8.GetBytes(text.AsSpan(i, char.IsHighSurrogate(c) && i + 1 < text.Length ? 2 : 1), bytes.AsSpan(length));
                    if (char.IsHighSurrogate(c) && i + 1 < text.Length)
                    {
                        i++;
                    }
                }
            }

            try
            {
                return s_strictUtf8.GetString(bytes, 0, length);
            }
            catch (DecoderFallbackException)
            {
                throw HttpEventException.Invalid($"{what} percent-encodes bytes that are not UTF-8 text.");
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(bytes);
        }
    }

    private static bool IsHex(char c) => char.IsAsciiHexDigit(c);

    private static int HexValue(char c) => c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10;
}
