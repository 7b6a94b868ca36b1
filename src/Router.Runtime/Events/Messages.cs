using System.Globalization;
using System.Text;

namespace Router.Runtime.Events;

/// <summary>How client-supplied text (a route, a path, a member name) is echoed in error messages.</summary>
internal static class Messages
{
    /// <summary>The most characters of client text a message repeats.</summary>
    public const int MaxEchoedLength = 200;

    /// <summary>The most characters an error message keeps; the rest is cut with an ellipsis.</summary>
    public const int MaxMessageLength = 2000;

    /// <summary>
    /// <paramref name="message"/> with control characters escaped (<c>\n</c>, <c>\u0001</c>) and cut to
    /// <see cref="MaxMessageLength"/>: what every error message goes through, since some (the JSON reader's,
    /// a handler's exception) quote client text, and a message is one log line.
    /// </summary>
    public static string Clean(string message)
    {
        var clean = true;
        foreach (var c in message)
        {
            if (char.IsControl(c) || c is '\u2028' or '\u2029')
            {
                clean = false;
                break;
            }
        }

        if (clean && message.Length <= MaxMessageLength)
        {
            return message;
        }

        var builder = new StringBuilder(Math.Min(message.Length, MaxMessageLength) + 8);
        Escape(message.AsSpan(0, Math.Min(message.Length, MaxMessageLength)), builder);
        if (message.Length > MaxMessageLength)
        {
            builder.Append('…');
        }

        return builder.ToString();
    }

    /// <summary>
    /// <paramref name="text"/> in single quotes, cut to <see cref="MaxEchoedLength"/> characters (with an
    /// ellipsis) and with control characters escaped as <c>\n</c>, <c>\t</c> or <c>\u001b</c>, so an echoed
    /// value can neither flood a log nor forge its lines.
    /// </summary>
    public static string Quote(string? text)
    {
        text ??= "";
        var builder = new StringBuilder(Math.Min(text.Length, MaxEchoedLength) + 8).Append('\'');
        Escape(text.AsSpan(0, Math.Min(text.Length, MaxEchoedLength)), builder);
        if (text.Length > MaxEchoedLength)
        {
            builder.Append('…');
        }

        return builder.Append('\'').ToString();
    }

    private static void Escape(ReadOnlySpan<char> text, StringBuilder builder)
    {
        foreach (var c in text)
        {
            switch (c)
            {
                case '\n':
                    builder.Append("\\n");
                    break;
                case '\r':
                    builder.Append("\\r");
                    break;
                case '\t':
                    builder.Append("\\t");
                    break;
                default:
                    if (char.IsControl(c) || c is '\u2028' or '\u2029')
                    {
                        builder.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        builder.Append(c);
                    }

                    break;
            }
        }
    }
}
