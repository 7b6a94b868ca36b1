namespace Router.Runtime.Events;

/// <summary>The UTF-8 byte-order mark an event or body may start with, which the runtime accepts and skips.</summary>
internal static class Utf8Bom
{
    private static ReadOnlySpan<byte> Bytes => [0xEF, 0xBB, 0xBF];

    /// <summary><paramref name="json"/> without a leading byte-order mark.</summary>
    public static ReadOnlyMemory<byte> Skip(ReadOnlyMemory<byte> json) => json.Span.StartsWith(Bytes) ? json[Bytes.Length..] : json;
}
