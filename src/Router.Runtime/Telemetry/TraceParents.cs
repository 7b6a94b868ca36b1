using System.Diagnostics;
using System.Globalization;

namespace Router.Runtime.Telemetry;

/// <summary>
/// Where an invocation's span gets its parent (docs/hosting.md, "Traces and metrics"): an HTTP request's
/// W3C <c>traceparent</c>/<c>tracestate</c> first, else the platform's own trace header, as
/// <see cref="InvocationInfo.TraceId"/> carries it. Unreadable headers give no parent, never an error: a
/// span with no parent starts a trace of its own.
/// </summary>
internal static class TraceParents
{
    /// <summary>The parent of an invocation, or <see langword="default"/> (no parent).</summary>
    public static ActivityContext Of(InvocationInfo invocation, HttpRequestInfo? http)
    {
        if (http?.Headers["traceparent"] is { } traceparent
            && ActivityContext.TryParse(traceparent, http.Headers["tracestate"], isRemote: true, out var w3c))
        {
            return w3c;
        }

        return invocation.TraceId is not { Length: > 0 } header ? default
            : invocation.Platform switch
            {
                InvocationPlatforms.AwsLambda => FromXRay(header),
                InvocationPlatforms.AlibabaFc => FromJaeger(header),
                _ => default,
            };
    }

    /// <summary>
    /// AWS X-Ray's trace header, as Lambda's <c>Lambda-Runtime-Trace-Id</c> has it:
    /// <c>Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1</c> is trace id
    /// <c>5759e988bd862e3fe1be46a994272793</c> (the root's time and random parts, joined) and parent span
    /// <c>53995c3f42cd8ad8</c>, recorded when <c>Sampled=1</c>. No <c>Parent</c>, no parent.
    /// </summary>
    public static ActivityContext FromXRay(string header)
    {
        ReadOnlySpan<char> root = default, parent = default;
        var sampled = false;
        foreach (var range in header.AsSpan().Split(';'))
        {
            var part = header.AsSpan()[range].Trim();
            var equals = part.IndexOf('=');
            if (equals <= 0)
            {
                continue;
            }

            var key = part[..equals];
            var value = part[(equals + 1)..];
            if (key.SequenceEqual("Root"))
            {
                root = value;
            }
            else if (key.SequenceEqual("Parent"))
            {
                parent = value;
            }
            else if (key.SequenceEqual("Sampled"))
            {
                sampled = value.SequenceEqual("1");
            }
        }

        // Root=1-{8 hex: epoch seconds}-{24 hex: random}.
        if (root.Length != 35 || !root.StartsWith("1-") || root[10] != '-' || parent.Length != 16)
        {
            return default;
        }

        Span<char> traceId = stackalloc char[32];
        root.Slice(2, 8).CopyTo(traceId);
        root.Slice(11, 24).CopyTo(traceId[8..]);
        return Create(traceId, parent, sampled);
    }

    /// <summary>
    /// A Jaeger span context, as Alibaba FC passes it in <c>x-fc-tracing-opentracing-span-context</c> when the
    /// function's tracing is on: <c>{trace-id}:{span-id}:{parent-span-id}:{flags}</c>, hex ids of up to 32 and
    /// 16 digits (zero-padded on the left), recorded when flag bit 1 is set. The span id is the parent.
    /// </summary>
    public static ActivityContext FromJaeger(string header)
    {
        var parts = header.Split(':');
        if (parts.Length != 4 || parts[0].Length is 0 or > 32 || parts[1].Length is 0 or > 16
            || !int.TryParse(parts[3], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var flags))
        {
            return default;
        }

        return Create(parts[0].PadLeft(32, '0'), parts[1].PadLeft(16, '0'), (flags & 1) != 0);
    }

    private static ActivityContext Create(ReadOnlySpan<char> traceId, ReadOnlySpan<char> spanId, bool sampled)
    {
        if (!IsHex(traceId) || !IsHex(spanId) || IsZero(traceId) || IsZero(spanId))
        {
            return default;
        }

        return new ActivityContext(
            ActivityTraceId.CreateFromString(traceId),
            ActivitySpanId.CreateFromString(spanId),
            sampled ? ActivityTraceFlags.Recorded : ActivityTraceFlags.None,
            traceState: null,
            isRemote: true);
    }

    // ActivityTraceId wants lower-case hex; W3C forbids all-zero ids.
    private static bool IsHex(ReadOnlySpan<char> text) => !text.ContainsAnyExcept("0123456789abcdef");

    private static bool IsZero(ReadOnlySpan<char> text) => !text.ContainsAnyExcept('0');
}
