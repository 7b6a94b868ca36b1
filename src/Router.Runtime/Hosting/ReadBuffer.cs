using System.Globalization;
using System.Text;

namespace Router.Runtime.Hosting;

/// <summary>
/// The bytes received on an HTTP/1.1 connection and not read yet, shared by the runtime API's client
/// (<see cref="RuntimeApiConnection"/>) and the HTTP server (<see cref="Server.ServerConnection"/>), which
/// receive into it (<see cref="Space"/>, <see cref="Added"/>) and take lines and bodies out of it. It grows
/// by doubling when a line or head does not fit; the callers bound that with their header limit.
/// </summary>
internal sealed class ReadBuffer
{
    private static ReadOnlySpan<byte> LineEnd => "\r\n"u8;

    private static ReadOnlySpan<byte> HeadEnd => "\r\n\r\n"u8;

    private byte[] _bytes = new byte[8 * 1024];
    private int _start;
    private int _end;

    /// <summary>The bytes received and not read yet.</summary>
    public ReadOnlySpan<byte> Unread => _bytes.AsSpan(_start, _end - _start);

    /// <summary>How many bytes are unread.</summary>
    public int Count => _end - _start;

    /// <summary>The free space after the unread bytes (moved to the front first, the array doubled when full), to receive into.</summary>
    public Memory<byte> Space()
    {
        if (_start > 0)
        {
            _bytes.AsSpan(_start, _end - _start).CopyTo(_bytes);
            _end -= _start;
            _start = 0;
        }

        if (_end == _bytes.Length)
        {
            Array.Resize(ref _bytes, _bytes.Length * 2);
        }

        return _bytes.AsMemory(_end);
    }

    /// <summary>Counts <paramref name="received"/> bytes written into <see cref="Space"/> as unread.</summary>
    public void Added(int received) => _end += received;

    /// <summary>Marks the first <paramref name="count"/> unread bytes read.</summary>
    public void Consume(int count) => _start += count;

    /// <summary>Moves as many unread bytes as fit into <paramref name="destination"/>; returns how many.</summary>
    public int MoveTo(Span<byte> destination)
    {
        var take = Math.Min(destination.Length, _end - _start);
        _bytes.AsSpan(_start, take).CopyTo(destination);
        _start += take;
        return take;
    }

    /// <summary>Every unread byte, now read.</summary>
    public byte[] TakeAll()
    {
        var all = Unread.ToArray();
        _start = _end = 0;
        return all;
    }

    /// <summary>Forgets every unread byte (the connection is gone).</summary>
    public void Clear() => _start = _end = 0;

    /// <summary>The next line (ASCII, without its CRLF), now read; <see langword="null"/> when no whole line has arrived yet.</summary>
    public string? TryTakeLine()
    {
        var end = Unread.IndexOf(LineEnd);
        if (end < 0)
        {
            return null;
        }

        var line = Encoding.ASCII.GetString(_bytes, _start, end);
        _start += end + LineEnd.Length;
        return line;
    }

    /// <summary>
    /// The length of the head (a status or request line and headers) before the empty line that ends it, or -1
    /// when that has not arrived yet; <paramref name="scanned"/> keeps how far it looked, so a head received in
    /// many pieces is searched once (start it at 0 for each head).
    /// </summary>
    public int FindHeadEnd(ref int scanned)
    {
        var end = Unread[scanned..].IndexOf(HeadEnd);
        if (end >= 0)
        {
            return scanned + end;
        }

        scanned = Math.Max(0, Count - (HeadEnd.Length - 1));
        return -1;
    }

    /// <summary>The head's text (UTF-8) of <paramref name="length"/> bytes, now read together with the empty line after it.</summary>
    public string TakeHead(int length)
    {
        var head = Encoding.UTF8.GetString(_bytes, _start, length);
        _start += length + HeadEnd.Length;
        return head;
    }

    /// <summary>The first value of the header <paramref name="name"/> in <paramref name="headers"/> (names compared case-insensitively, RFC 9110 section 5.1), or <see langword="null"/>.</summary>
    public static string? FirstHeader(IReadOnlyList<KeyValuePair<string, string>> headers, string name)
    {
        foreach (var (key, value) in headers)
        {
            if (string.Equals(key, name, StringComparison.OrdinalIgnoreCase))
            {
                return value;
            }
        }

        return null;
    }

    /// <summary>
    /// The size of a chunk from its line (RFC 9112 section 7.1: hexadecimal, then any <c>;extension</c>);
    /// <see langword="false"/> when it is not one, or more than <see cref="int.MaxValue"/>.
    /// </summary>
    public static bool TryParseChunkSize(string line, out int size)
    {
        var extension = line.IndexOf(';', StringComparison.Ordinal);
        return int.TryParse((extension >= 0 ? line.AsSpan(0, extension) : line).Trim(), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out size) && size >= 0;
    }
}
