using System.Globalization;
using System.Net.Http.Headers;

namespace Router.Runtime.Hosting;

/// <summary>One event handed out by a runtime API's <c>next</c> endpoint.</summary>
/// <param name="RequestId">The platform's request id; <see langword="null"/> when the header was missing.</param>
/// <param name="Deadline">When the platform stops waiting, or <see langword="null"/> when it did not say.</param>
/// <param name="TraceId">The Lambda X-Ray trace header, or <see langword="null"/>.</param>
internal readonly record struct RuntimeInvocation(string? RequestId, DateTimeOffset? Deadline, string? TraceId);

/// <summary>
/// What differs between the two pull-style custom runtimes, AWS Lambda and Tencent SCF: addresses,
/// headers and the init handshake. The loop itself is <see cref="RuntimeApiHost"/>. Facts: docs/platforms.md.
/// </summary>
internal sealed class RuntimeApiProtocol
{
    private RuntimeApiProtocol(string name, Uri baseAddress)
    {
        Name = name;
        BaseAddress = baseAddress;
    }

    /// <summary>The platform's name for log lines.</summary>
    public string Name { get; }

    /// <summary>The runtime API root; the paths below are relative to it.</summary>
    public Uri BaseAddress { get; }

    public string NextPath { get; private init; } = "runtime/invocation/next";

    public required Func<string, string> ResponsePath { get; init; }

    public required Func<string, string> ErrorPath { get; init; }

    /// <summary>Where an initialization failure is posted before exiting, or <see langword="null"/> when the platform has no such endpoint.</summary>
    public string? InitErrorPath { get; private init; }

    /// <summary>What must be posted once initialization succeeded, or <see langword="null"/>.</summary>
    public string? ReadyPath { get; private init; }

    /// <summary>The header that carries the error type as <c>Function.ErrorType</c>, or <see langword="null"/>.</summary>
    public string? ErrorTypeHeader { get; private init; }

    /// <summary>The environment variable the trace id is copied into on every event, or <see langword="null"/>.</summary>
    public string? TraceEnvironmentVariable { get; private init; }

    public required Func<HttpResponseHeaders, DateTimeOffset, RuntimeInvocation> ReadInvocation { get; init; }

    /// <summary>AWS Lambda: <c>http://$AWS_LAMBDA_RUNTIME_API/2018-06-01/</c>.</summary>
    public static RuntimeApiProtocol AwsLambda(string runtimeApi) => new("AWS Lambda", new Uri($"http://{runtimeApi}/2018-06-01/"))
    {
        ResponsePath = id => $"runtime/invocation/{Uri.EscapeDataString(id)}/response",
        ErrorPath = id => $"runtime/invocation/{Uri.EscapeDataString(id)}/error",
        InitErrorPath = "runtime/init/error",
        ErrorTypeHeader = "Lambda-Runtime-Function-Error-Type",
        TraceEnvironmentVariable = "_X_AMZN_TRACE_ID",
        ReadInvocation = static (headers, _) => new RuntimeInvocation(
            Header(headers, "Lambda-Runtime-Aws-Request-Id"),
            long.TryParse(Header(headers, "Lambda-Runtime-Deadline-Ms"), NumberStyles.None, CultureInfo.InvariantCulture, out var unixMs)
                ? DateTimeOffset.FromUnixTimeMilliseconds(unixMs)
                : null,
            Header(headers, "Lambda-Runtime-Trace-Id")),
    };

    /// <summary>Tencent SCF: <c>http://$SCF_RUNTIME_API:$SCF_RUNTIME_API_PORT/</c>, with <c>init/ready</c> after start.</summary>
    public static RuntimeApiProtocol TencentScf(string host, string? port) => new("Tencent SCF", new Uri(string.IsNullOrEmpty(port) ? $"http://{host}/" : $"http://{host}:{port}/"))
    {
        ResponsePath = static _ => "runtime/invocation/response",
        ErrorPath = static _ => "runtime/invocation/error",
        ReadyPath = "runtime/init/ready",
        ReadInvocation = static (headers, now) => new RuntimeInvocation(
            Header(headers, "request_id"),
            long.TryParse(Header(headers, "time_limit_in_ms"), NumberStyles.None, CultureInfo.InvariantCulture, out var limitMs)
                ? now.AddMilliseconds(limitMs)
                : null,
            TraceId: null),
    };

    // HttpHeaders look names up case-insensitively, as the platforms send them in any case.
    private static string? Header(HttpResponseHeaders headers, string name)
        => headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;
}
