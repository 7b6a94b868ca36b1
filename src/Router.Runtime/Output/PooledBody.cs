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

    // What this thread keeps: one thread-static slot, since each read of one is a lookup of the thread's
    // storage (a call into the dynamic loader on the JIT, __tls_get_addr).
    [ThreadStatic]
    private static ThreadCache? t_cache;

    private byte[] _buffer = [];
    private int _written;

    /// <summary>The bytes written.</summary>
    public ReadOnlyMemory<byte> Written => _buffer.AsMemory(0, _written);

    /// <summary>A body from the pool, or a new one, empty: first the spare in the thread's <paramref name="cache"/>.</summary>
    private static PooledBody Rent(ThreadCache cache)
    {
        if (cache.Spare is { } spare)
        {
            cache.Spare = null;
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
        var cache = t_cache ??= new ThreadCache();
        var body = Rent(cache);
        try
        {
            var writer = cache.WriterFor(typeInfo.Options, body);
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

        // The body this thread returned last waits in its cache: taken and given back with plain reads and
        // writes, where the shared pool needs an interlocked operation each way (a host that answers on the
        // thread it invoked on never reaches the pool).
        if (t_cache is { Spare: null } cache)
        {
            cache.Spare = this;
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

    /// <summary>
    /// A thread's spare body and its <see cref="Utf8JsonWriter"/>, kept for the serializer options it was made
    /// with and pointed at each body in turn.
    /// </summary>
    private sealed class ThreadCache
    {
        private JsonSerializerOptions? _options;
        private Utf8JsonWriter? _writer;

        /// <summary>The body this thread returned last, or <see langword="null"/>.</summary>
        public PooledBody? Spare { get; set; }

        /// <summary>The thread's writer for <paramref name="options"/>, reset to write into <paramref name="body"/>.</summary>
        public Utf8JsonWriter WriterFor(JsonSerializerOptions options, PooledBody body)
        {
            if (_writer is { } writer && ReferenceEquals(_options, options))
            {
                writer.Reset(body);
                return writer;
            }

            // What JsonSerializer.SerializeToUtf8Bytes would write with, from the same options.
            writer = new Utf8JsonWriter(body, new JsonWriterOptions
            {
                Encoder = options.Encoder,
                Indented = options.WriteIndented,
                IndentCharacter = options.IndentCharacter,
                IndentSize = options.IndentSize,
                NewLine = options.NewLine,
                MaxDepth = options.MaxDepth,
                SkipValidation = true,
            });
            _options = options;
            return _writer = writer;
        }
    }
}
