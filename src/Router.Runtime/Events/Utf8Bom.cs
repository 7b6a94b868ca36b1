namespace Router.Runtime.Events;

/// <summary>The UTF-8 byte-order mark an event or body may start with, which the runtime accepts and skips.</summary>
internal static class Utf8Bom
{
    /// <summary><paramref name="json"/> without a leading byte-order mark.</summary>
    public static ReadOnlyMemory<byte> Skip(ReadOnlyMemory<byte> json)
    {
        // Compared byte by byte: every event passes here, and a call to compare three bytes costs more than they do.
        var span = json.Span;
        return span.Length >= 3 && span[0] == 0xEF && span[1] == 0xBB && span[2] == 0xBF ? json[3..] : json;
    }
}
