using System.Buffers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Router.Runtime.Output;

/// <summary>
/// A body's bytes in a pooled buffer: the serializer writes into it and the host writes from it, with no
/// copy and no new array per invocation. Returned to the pool when its <see cref="InvocationResult"/> is
/// disposed; one that is never returned is simply collected.
/// </summary>
internal sealed class PooledBody : IBufferWriter<byte>
{
    private const int InitialSize = 512;

    // Larger buffers go back to ArrayPool on return rather than staying attached to an idle body.
    private const int KeptSize = 64 * 1024;

    private static readonly PooledBody?[] s_pool = new PooledBody?[Math.Max(8, Environment.ProcessorCount * 4)];

    [ThreadStatic]
    private static CachedWriter? t_writer;

    // The body this thread returned last: taken and given back with plain reads and writes, where the shared
    // pool needs an interlocked operation each way (a host that answers on the thread it invoked on never
    // reaches the pool).
    [ThreadStatic]
    private static PooledBody? t_spare;

    private byte[] _buffer = [];
    private int _written;

    /// <summary>The bytes written.</summary>
    public ReadOnlyMemory<byte> Written => _buffer.AsMemory(0, _written);

    /// <summary>A body from the pool, or a new one, empty.</summary>
    public static PooledBody Rent()
    {
        if (t_spare is { } spare)
        {
            t_spare = null;
            return spare;
        }

        for (var i = 0; i < s_pool.Length; i++)
        {
            if (s_pool[i] is not null && Interlocked.Exchange(ref s_pool[i], null) is { } pooled)
            {
                return pooled;
            }
        }

        return new PooledBody();
    }

    /// <summary>Serializes <paramref name="value"/> into a body from the pool with the thread's cached writer.</summary>
    /// <exception cref="NotSupportedException">The serializer cannot write the value (the body is returned first).</exception>
    public static PooledBody Serialize(object value, JsonTypeInfo typeInfo)
    {
        var body = Rent();
        try
        {
            var writer = CachedWriter.For(ref t_writer, typeInfo.Options, body);
            JsonSerializer.Serialize(writer, value, typeInfo);
            writer.Flush();
            return body;
        }
        catch
        {
            body.Return();
            throw;
        }
    }

    /// <summary>Empties the body and puts it back in the pool (or lets it go when the pool is full).</summary>
    public void Return()
    {
        _written = 0;
        if (_buffer.Length > KeptSize)
        {
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = [];
        }

        if (t_spare is null)
        {
            t_spare = this;
            return;
        }

        for (var i = 0; i < s_pool.Length; i++)
        {
            if (Interlocked.CompareExchange(ref s_pool[i], this, null) is null)
            {
                return;
            }
        }
    }

    public void Advance(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (_written + count > _buffer.Length)
        {
            throw new InvalidOperationException("Advanced past the end of the buffer.");
        }

        _written += count;
    }

    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        Ensure(sizeHint);
        return _buffer.AsMemory(_written);
    }

    public Span<byte> GetSpan(int sizeHint = 0)
    {
        Ensure(sizeHint);
        return _buffer.AsSpan(_written);
    }

    private void Ensure(int sizeHint)
    {
        var needed = _written + Math.Max(sizeHint, 1);
        if (needed <= _buffer.Length)
        {
            return;
        }

        var grown = ArrayPool<byte>.Shared.Rent(Math.Max(needed, Math.Max(InitialSize, _buffer.Length * 2)));
        _buffer.AsSpan(0, _written).CopyTo(grown);
        if (_buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(_buffer);
        }

        _buffer = grown;
    }

    /// <summary>One <see cref="Utf8JsonWriter"/> per thread, per serializer options, pointed at each body in turn.</summary>
    private sealed class CachedWriter(JsonSerializerOptions options, Utf8JsonWriter writer)
    {
        public static Utf8JsonWriter For(ref CachedWriter? cache, JsonSerializerOptions options, PooledBody body)
        {
            if (cache is null || !ReferenceEquals(cache.Options, options))
            {
                // What JsonSerializer.SerializeToUtf8Bytes would write with, from the same options.
                cache = new CachedWriter(options, new Utf8JsonWriter(body, new JsonWriterOptions
                {
                    Encoder = options.Encoder,
                    Indented = options.WriteIndented,
                    IndentCharacter = options.IndentCharacter,
                    IndentSize = options.IndentSize,
                    NewLine = options.NewLine,
                    MaxDepth = options.MaxDepth,
                    SkipValidation = true,
                }));
                return cache.Writer;
            }

            cache.Writer.Reset(body);
            return cache.Writer;
        }

        public JsonSerializerOptions Options { get; } = options;

        public Utf8JsonWriter Writer { get; } = writer;
    }
}
