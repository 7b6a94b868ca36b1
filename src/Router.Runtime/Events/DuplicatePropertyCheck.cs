using System.Buffers;
using System.Text.Json;

namespace Router.Runtime.Events;

/// <summary>
/// Finds a JSON object that names one member twice (<c>{"name":"a","name":"b"}</c>) in a gateway's HTTP
/// event, whose envelope the runtime reads itself (<see cref="EventDocument"/>). Such an event is refused:
/// System.Text.Json reads the last value, other parsers the first, so a gateway or middleware in front of
/// the function could act on the other one. (A direct event's members are checked where they are read.)
/// </summary>
/// <remarks>
/// Names compare after unescaping (<c>"a"</c> and <c>"\u0061"</c> are the same member). Each open object
/// is compared by a linear scan of its raw names while it has few members (no hashing: most events), and
/// through a hash set of its names' hashes (<see cref="HashCode"/>, seeded per process, so collisions
/// cannot be chosen in advance) once it has many, so an object of a hundred thousand members costs linear
/// time, not quadratic. One instance per thread is reused, so a
/// valid event allocates nothing here.
/// </remarks>
internal sealed class DuplicatePropertyCheck
{
    private const int LinearLimit = 16;

    [ThreadStatic]
    private static DuplicatePropertyCheck? t_cached;

    private readonly List<Entry> _entries = [];
    private readonly List<Frame> _frames = [];
    private ReadOnlyMemory<byte> _json;

    /// <summary>This thread's instance, reset for <paramref name="json"/>.</summary>
    public static DuplicatePropertyCheck For(ReadOnlyMemory<byte> json)
    {
        var check = t_cached ??= new DuplicatePropertyCheck();
        check._entries.Clear();
        check._frames.Clear();
        check._json = json;
        return check;
    }

    public void StartObject() => _frames.Add(new Frame(_entries.Count, null));

    public void EndObject()
    {
        var frame = _frames[^1];
        _frames.RemoveAt(_frames.Count - 1);
        _entries.RemoveRange(frame.Start, _entries.Count - frame.Start);
    }

    /// <summary>Records a property name by where its raw (still escaped) bytes are in the JSON; returns <see langword="false"/> when its object already has it.</summary>
    /// <param name="start">The offset of the name's first byte, after its opening quote.</param>
    /// <param name="length">The raw name's length in bytes.</param>
    /// <param name="isEscaped">Whether the raw name holds an escape (<c>\u0061</c>), so it is compared unescaped.</param>
    public bool TryAdd(int start, int length, bool isEscaped)
    {
        var entry = new Entry(start, length, isEscaped, 0);

        var index = _frames.Count - 1;
        var frame = _frames[index];
        var count = _entries.Count - frame.Start;
        if (frame.Hashes is null)
        {
            // A small object (most events): compare the raw names; only escaped ones need unescaping.
            var span = _json.Span;
            var name = span.Slice(entry.Start, entry.Length);
            for (var i = frame.Start; i < _entries.Count; i++)
            {
                var other = _entries[i];
                if (!other.IsEscaped && !entry.IsEscaped
                        ? other.Length == entry.Length && name.SequenceEqual(span.Slice(other.Start, other.Length))
                        : SameName(other, entry))
                {
                    return false;
                }
            }

            if (count + 1 > LinearLimit)
            {
                var hashes = new HashSet<int>();
                for (var i = frame.Start; i < _entries.Count; i++)
                {
                    var hashed = _entries[i] with { Hash = Hash(_entries[i]) };
                    _entries[i] = hashed;
                    hashes.Add(hashed.Hash);
                }

                entry = entry with { Hash = Hash(entry) };
                hashes.Add(entry.Hash);
                _frames[index] = frame with { Hashes = hashes };
            }
        }
        else
        {
            entry = entry with { Hash = Hash(entry) };
            if (!frame.Hashes.Add(entry.Hash))
            {
                // Equal hashes: a duplicate, or (rarely) two names that collide.
                for (var i = frame.Start; i < _entries.Count; i++)
                {
                    if (_entries[i].Hash == entry.Hash && SameName(_entries[i], entry))
                    {
                        return false;
                    }
                }
            }
        }

        _entries.Add(entry);
        return true;
    }

    private int Hash(Entry entry)
    {
        var raw = _json.Span.Slice(entry.Start, entry.Length);
        if (!entry.IsEscaped)
        {
            return HashOf(raw);
        }

        var rented = ArrayPool<byte>.Shared.Rent(raw.Length);
        try
        {
            return HashOf(rented.AsSpan(0, Unescape(raw, rented)));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    private static int HashOf(ReadOnlySpan<byte> name)
    {
        var hash = default(HashCode);
        hash.AddBytes(name);
        return hash.ToHashCode();
    }

    private bool SameName(Entry a, Entry b)
    {
        var span = _json.Span;
        if (!a.IsEscaped && !b.IsEscaped)
        {
            return span.Slice(a.Start, a.Length).SequenceEqual(span.Slice(b.Start, b.Length));
        }

        var first = ArrayPool<byte>.Shared.Rent(a.Length);
        var second = ArrayPool<byte>.Shared.Rent(b.Length);
        try
        {
            var firstLength = Unescape(span.Slice(a.Start, a.Length), first);
            var secondLength = Unescape(span.Slice(b.Start, b.Length), second);
            return first.AsSpan(0, firstLength).SequenceEqual(second.AsSpan(0, secondLength));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(first);
            ArrayPool<byte>.Shared.Return(second);
        }
    }

    /// <summary>Unescapes a raw JSON string body (already validated by the reader) into <paramref name="destination"/>.</summary>
    private static int Unescape(ReadOnlySpan<byte> raw, byte[] destination)
    {
        // A quoted copy read back by a reader of its own: the reader does the unescaping, and its
        // output is never longer than its input.
        var quoted = ArrayPool<byte>.Shared.Rent(raw.Length + 2);
        try
        {
            quoted[0] = (byte)'"';
            raw.CopyTo(quoted.AsSpan(1));
            quoted[raw.Length + 1] = (byte)'"';
            var reader = new Utf8JsonReader(quoted.AsSpan(0, raw.Length + 2));
            reader.Read();
            return reader.CopyString(destination);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(quoted);
        }
    }

    private readonly record struct Entry(int Start, int Length, bool IsEscaped, int Hash);

    private readonly record struct Frame(int Start, HashSet<int>? Hashes);
}
