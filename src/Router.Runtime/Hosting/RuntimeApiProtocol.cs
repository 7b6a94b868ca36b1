using System.Globalization;

namespace Router.Runtime.Hosting;

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

    /// <summary>
    /// What the platform says about the invocation <c>next</c> handed out, from its headers (a lookup by
    /// name, case-insensitive as the platforms send them in any case: <see cref="RuntimeApiResponse.Header"/>),
    /// the time it arrived and the instance's environment; the request id is empty when the header was missing.
    /// </summary>
    public required Func<Func<string, string?>, DateTimeOffset, Func<string, string?>, InvocationInfo> ReadInvocation { get; init; }

    /// <summary>AWS Lambda: <c>http://$AWS_LAMBDA_RUNTIME_API/2018-06-01/</c>.</summary>
    public static RuntimeApiProtocol AwsLambda(string runtimeApi) => new("AWS Lambda", new Uri($"http://{runtimeApi}/2018-06-01/"))
    {
        ResponsePath = id => $"runtime/invocation/{Uri.EscapeDataString(id)}/response",
        ErrorPath = id => $"runtime/invocation/{Uri.EscapeDataString(id)}/error",
        InitErrorPath = "runtime/init/error",
        ErrorTypeHeader = "Lambda-Runtime-Function-Error-Type",
        TraceEnvironmentVariable = PlatformVariables.LambdaTraceId,
        ReadInvocation = static (headers, _, environment) => new InvocationInfo(InvocationPlatforms.AwsLambda, headers("Lambda-Runtime-Aws-Request-Id") ?? "")
        {
            Deadline = long.TryParse(headers("Lambda-Runtime-Deadline-Ms"), NumberStyles.None, CultureInfo.InvariantCulture, out var unixMs)
                ? DateTimeOffset.FromUnixTimeMilliseconds(unixMs)
                : null,
            TraceId = headers("Lambda-Runtime-Trace-Id"),
            InvokedFunctionArn = headers("Lambda-Runtime-Invoked-Function-Arn"),
            ClientContext = headers("Lambda-Runtime-Client-Context"),
            CognitoIdentity = headers("Lambda-Runtime-Cognito-Identity"),
            FunctionName = environment(PlatformVariables.LambdaFunctionName),
            FunctionVersion = environment(PlatformVariables.LambdaFunctionVersion),
            Region = environment(PlatformVariables.AwsRegion),
            MemoryLimitMB = Number(environment(PlatformVariables.LambdaFunctionMemorySize)),
            Credentials = Credentials(environment(PlatformVariables.AwsAccessKeyId), environment(PlatformVariables.AwsSecretAccessKey), environment(PlatformVariables.AwsSessionToken)),
        },
    };

    /// <summary>Tencent SCF: <c>http://$SCF_RUNTIME_API:$SCF_RUNTIME_API_PORT/</c>, with <c>init/ready</c> after start.</summary>
    public static RuntimeApiProtocol TencentScf(string host, string? port) => new("Tencent SCF", new Uri(string.IsNullOrEmpty(port) ? $"http://{host}/" : $"http://{host}:{port}/"))
    {
        ResponsePath = static _ => "runtime/invocation/response",
        ErrorPath = static _ => "runtime/invocation/error",
        ReadyPath = "runtime/init/ready",
        ReadInvocation = static (headers, now, environment) => new InvocationInfo(InvocationPlatforms.TencentScf, headers("request_id") ?? "")
        {
            Deadline = long.TryParse(headers("time_limit_in_ms"), NumberStyles.None, CultureInfo.InvariantCulture, out var limitMs)
                ? now.AddMilliseconds(limitMs)
                : null,
            MemoryLimitMB = Number(headers("memory_limit_in_mb")),
            FunctionName = environment(PlatformVariables.ScfFunctionName),
            FunctionVersion = environment(PlatformVariables.ScfFunctionVersion),
            Region = environment(PlatformVariables.TencentRegion),
            Credentials = Credentials(environment(PlatformVariables.TencentSecretId), environment(PlatformVariables.TencentSecretKey), environment(PlatformVariables.TencentSessionToken)),
            Caller = CloudBaseIdentity.FromContext(headers("environment"), headers("environ"), environment),
        },
    };

    internal static int? Number(string? text)
        => int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : null;

    internal static PlatformCredentials? Credentials(string? id, string? secret, string? token)
        => string.IsNullOrEmpty(id) || string.IsNullOrEmpty(secret) ? null : new PlatformCredentials(id, secret, string.IsNullOrEmpty(token) ? null : token);
}
