using System.Text;

namespace Router.Runtime.Events;

/// <summary>
/// The router's routes by their UTF-8 bytes, so the event scan turns a <c>$url</c> that names a route into
/// the route table's own string: no string is made from the event for a known route. An open-addressing
/// table, at most half full, over the route hash of the bytes (<see cref="RouteHash"/>, the generator's too), or for a
/// few routes a comparison of each; built once per invoker.
/// </summary>
internal sealed class RouteNames
{
    // Up to this many routes, a lookup compares names one by one instead of hashing.
    private const int LinearLimit = 8;

    private readonly byte[][] _names;
    private readonly string[] _routes;
    private readonly int[] _buckets;

    private RouteNames(byte[][] names, string[] routes, int[] buckets)
    {
        _names = names;
        _routes = routes;
        _buckets = buckets;
    }

    public static RouteNames For(IReadOnlyList<RouteDescriptor> table)
    {
        var routes = table.Select(r => r.Path).Distinct(StringComparer.Ordinal).ToArray();
        var names = routes.Select(Encoding.UTF8.GetBytes).ToArray();
        var size = 2;
        while (size < routes.Length * 2)
        {
            size <<= 1;
        }

        var buckets = new int[size];
        for (var i = 0; i < names.Length; i++)
        {
            var slot = (int)(Hash(names[i]) & (uint)(size - 1));
            while (buckets[slot] != 0)
            {
                slot = (slot + 1) & (size - 1);
            }

            buckets[slot] = i + 1;
        }

        return new RouteNames(names, routes, buckets);
    }

    /// <summary>The route whose UTF-8 bytes are <paramref name="utf8"/> (unescaped), or <see langword="null"/>.</summary>
    public string? Find(ReadOnlySpan<byte> utf8)
    {
        if (_names.Length <= LinearLimit)
        {
            // A few routes: their lengths rule out most at once, cheaper than hashing the name.
            for (var i = 0; i < _names.Length; i++)
            {
                if (_names[i].Length == utf8.Length && utf8.SequenceEqual(_names[i]))
                {
                    return _routes[i];
                }
            }

            return null;
        }

        var mask = _buckets.Length - 1;
        for (var slot = (int)(Hash(utf8) & (uint)mask); _buckets[slot] != 0; slot = (slot + 1) & mask)
        {
            var index = _buckets[slot] - 1;
            if (utf8.SequenceEqual(_names[index]))
            {
                return _routes[index];
            }
        }

        return null;
    }

    /// <summary>Whether <paramref name="route"/> is one of the router's routes.</summary>
    public bool Contains(string route)
    {
        var length = Encoding.UTF8.GetMaxByteCount(route.Length);
        Span<byte> utf8 = length <= 512 ? stackalloc byte[length] : new byte[length];
        return Find(utf8[..Encoding.UTF8.GetBytes(route, utf8)]) is not null;
    }

    private static uint Hash(ReadOnlySpan<byte> bytes) => RouteHash.OfUtf8(bytes);
}
