// Compiled into both Router.Generator and Router.Runtime (as dotnet/runtime shares src/libraries/Common):
// the generator builds its lookup table and writes the dispatcher's hash with these values, and the
// runtime's route-name table hashes an event's UTF-8 `$url` bytes with the same function.
namespace Router;

/// <summary>
/// The router's route hash: 32-bit FNV-1a (offset basis 2166136261, prime 16777619), over UTF-16 code
/// units (the generated dispatcher) or UTF-8 bytes (the event scan). Not for anything secret: it only
/// spreads routes over an open-addressing table, and every lookup compares the route itself.
/// </summary>
internal static class RouteHash
{
    /// <summary>FNV-1a's 32-bit offset basis.</summary>
    public const uint OffsetBasis = 2166136261u;

    /// <summary>FNV-1a's 32-bit prime.</summary>
    public const uint Prime = 16777619u;

    /// <summary>The hash of <paramref name="route"/>'s UTF-16 code units.</summary>
    public static uint OfUtf16(string route)
    {
        var hash = OffsetBasis;
        foreach (var c in route)
        {
            hash = unchecked((hash ^ c) * Prime);
        }

        return hash;
    }

    /// <summary>The hash of <paramref name="utf8"/>'s bytes.</summary>
    public static uint OfUtf8(System.ReadOnlySpan<byte> utf8)
    {
        var hash = OffsetBasis;
        foreach (var b in utf8)
        {
            hash = unchecked((hash ^ b) * Prime);
        }

        return hash;
    }
}
