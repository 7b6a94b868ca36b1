using System.Collections.Concurrent;
using System.Net;
using Router.Testing;

namespace ShopFunction.Tests.Fakes;

/// <summary>One span as an OTLP exporter sent it.</summary>
public sealed record ExportedSpan(string Name, string TraceId, string SpanId, string ParentSpanId, int Kind, int StatusCode, IReadOnlyDictionary<string, string> Attributes, string? ServiceName);

/// <summary>
/// An OpenTelemetry collector's OTLP/HTTP receiver on loopback (<c>POST /v1/traces</c>, <c>/v1/metrics</c>, binary
/// protobuf, uncompressed), which decodes what it gets with <see cref="Protobuf"/> by the field numbers of
/// opentelemetry-proto's <c>trace.proto</c>, <c>metrics.proto</c> and <c>common.proto</c>.
/// </summary>
public sealed class OtlpReceiver : LoopbackHttpServer
{
    private readonly ConcurrentQueue<ExportedSpan> _spans = new();
    private readonly ConcurrentQueue<string> _metricNames = new();

    public IReadOnlyList<ExportedSpan> Spans => [.. _spans];

    public IReadOnlyList<string> MetricNames => [.. _metricNames];

    protected override async Task HandleAsync(HttpListenerContext context)
    {
        using var body = new MemoryStream();
        await context.Request.InputStream.CopyToAsync(body);
        var bytes = body.ToArray();
        switch (context.Request.Url!.AbsolutePath)
        {
            case "/v1/traces":
                foreach (var span in DecodeTraces(bytes))
                {
                    _spans.Enqueue(span);
                }

                break;
            case "/v1/metrics":
                foreach (var name in DecodeMetricNames(bytes))
                {
                    _metricNames.Enqueue(name);
                }

                break;
            default:
                context.Response.StatusCode = 404;
                break;
        }

        // An empty ExportTraceServiceRequest response: success.
        context.Response.ContentType = "application/x-protobuf";
        context.Response.ContentLength64 = 0;
        context.Response.Close();
    }

    /// <summary>ExportTraceServiceRequest: resource_spans = 1 { resource = 1, scope_spans = 2 { spans = 2 } }.</summary>
    private static IEnumerable<ExportedSpan> DecodeTraces(byte[] request)
    {
        foreach (var resourceSpans in Protobuf.Messages(request, 1))
        {
            var serviceName = Protobuf.Messages(resourceSpans, 1).SelectMany(resource => Attributes(resource, 1)).FirstOrDefault(a => a.Key == "service.name").Value;
            foreach (var scopeSpans in Protobuf.Messages(resourceSpans, 2))
            {
                foreach (var span in Protobuf.Messages(scopeSpans, 2))
                {
                    var fields = Protobuf.Fields(span).ToList();
                    var status = Protobuf.Messages(span, 15).FirstOrDefault();
                    yield return new ExportedSpan(
                        Name: System.Text.Encoding.UTF8.GetString(Bytes(fields, 5)),
                        TraceId: Convert.ToHexStringLower(Bytes(fields, 1)),
                        SpanId: Convert.ToHexStringLower(Bytes(fields, 2)),
                        ParentSpanId: Convert.ToHexStringLower(Bytes(fields, 4)),
                        Kind: (int)(fields.FirstOrDefault(f => f.Number == 6).Varint),
                        StatusCode: status is null ? 0 : (int)Protobuf.Fields(status).FirstOrDefault(f => f.Number == 3).Varint,
                        Attributes: Attributes(span, 9).ToDictionary(a => a.Key, a => a.Value),
                        ServiceName: serviceName);
                }
            }
        }
    }

    /// <summary>ExportMetricsServiceRequest: resource_metrics = 1 { scope_metrics = 2 { metrics = 2 { name = 1 } } }.</summary>
    private static IEnumerable<string> DecodeMetricNames(byte[] request)
        => from resourceMetrics in Protobuf.Messages(request, 1)
           from scopeMetrics in Protobuf.Messages(resourceMetrics, 2)
           from metric in Protobuf.Messages(scopeMetrics, 2)
           select System.Text.Encoding.UTF8.GetString(Bytes(Protobuf.Fields(metric).ToList(), 1));

    /// <summary>KeyValue = { key = 1, value = 2: AnyValue { string_value = 1, bool_value = 2, int_value = 3, double_value = 4 } }, as text.</summary>
    private static IEnumerable<KeyValuePair<string, string>> Attributes(byte[] message, int field)
    {
        foreach (var keyValue in Protobuf.Messages(message, field))
        {
            var fields = Protobuf.Fields(keyValue).ToList();
            var key = System.Text.Encoding.UTF8.GetString(Bytes(fields, 1));
            var value = Protobuf.Fields(Bytes(fields, 2)).FirstOrDefault();
            var text = value.Number switch
            {
                1 => System.Text.Encoding.UTF8.GetString(value.Bytes ?? []),
                2 => value.Varint != 0 ? "true" : "false",
                3 => ((long)value.Varint).ToString(System.Globalization.CultureInfo.InvariantCulture),
                4 => BitConverter.Int64BitsToDouble((long)value.Varint).ToString(System.Globalization.CultureInfo.InvariantCulture),
                _ => "",
            };
            yield return new(key, text);
        }
    }

    private static byte[] Bytes(List<Protobuf.Field> fields, int number) => fields.FirstOrDefault(f => f.Number == number).Bytes ?? [];
}

/// <summary>Protocol buffers' wire format, read: enough of it to decode what an exporter sent.</summary>
public static class Protobuf
{
    /// <summary>One field: its number, and its value as a varint (or fixed-width integer) or as bytes.</summary>
    public readonly record struct Field(int Number, ulong Varint, byte[]? Bytes);

    /// <summary>The embedded messages of field <paramref name="number"/>, in order.</summary>
    public static IEnumerable<byte[]> Messages(byte[] message, int number)
        => Fields(message).Where(f => f.Number == number && f.Bytes is not null).Select(f => f.Bytes!);

    public static IEnumerable<Field> Fields(byte[] message)
    {
        var fields = new List<Field>();
        var position = 0;
        while (position < message.Length)
        {
            var tag = ReadVarint(message, ref position);
            var number = (int)(tag >> 3);
            switch (tag & 7)
            {
                case 0:
                    fields.Add(new Field(number, ReadVarint(message, ref position), null));
                    break;
                case 1:
                    fields.Add(new Field(number, BitConverter.ToUInt64(message, position), null));
                    position += 8;
                    break;
                case 2:
                    var length = (int)ReadVarint(message, ref position);
                    fields.Add(new Field(number, 0, message[position..(position + length)]));
                    position += length;
                    break;
                case 5:
                    fields.Add(new Field(number, BitConverter.ToUInt32(message, position), null));
                    position += 4;
                    break;
                default:
                    throw new InvalidDataException($"Wire type {tag & 7} at byte {position} is not one an OTLP exporter writes.");
            }
        }

        return fields;
    }

    private static ulong ReadVarint(byte[] message, ref int position)
    {
        ulong value = 0;
        for (var shift = 0; shift < 64; shift += 7)
        {
            var b = message[position++];
            value |= (ulong)(b & 0x7F) << shift;
            if ((b & 0x80) == 0)
            {
                return value;
            }
        }

        throw new InvalidDataException("A varint longer than 10 bytes.");
    }
}
