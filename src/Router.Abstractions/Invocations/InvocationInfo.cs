namespace Router;

/// <summary>
/// What the platform said about one invocation: <see cref="RouteContext.Invocation"/>, never null.
/// Each host fills it from its documented sources (docs/hosting.md, "The invocation"): Lambda's
/// <c>Lambda-Runtime-*</c> headers and <c>AWS_LAMBDA_*</c> variables, SCF's <c>request_id</c>,
/// <c>memory_limit_in_mb</c> and <c>time_limit_in_ms</c> headers and its environment, FC's <c>x-fc-*</c>
/// headers; <c>invoke</c> and <c>serve</c> are <see cref="InvocationPlatforms.Local"/>.
/// </summary>
public sealed class InvocationInfo
{
    /// <summary>An invocation on <paramref name="platform"/> with the platform's request id.</summary>
    /// <param name="platform">One of <see cref="InvocationPlatforms"/>.</param>
    /// <param name="requestId">The platform's id for the invocation; empty when there is none.</param>
    public InvocationInfo(string platform, string requestId)
    {
        ArgumentNullException.ThrowIfNull(platform);
        ArgumentNullException.ThrowIfNull(requestId);
        Platform = platform;
        RequestId = requestId;
    }

    /// <summary>Where the function runs: <c>aws-lambda</c>, <c>tencent-scf</c>, <c>alibaba-fc</c> or <c>local</c> (<see cref="InvocationPlatforms"/>).</summary>
    public string Platform { get; }

    /// <summary>The platform's id for this invocation (Lambda's <c>Lambda-Runtime-Aws-Request-Id</c>, SCF's <c>request_id</c>, FC's <c>x-fc-request-id</c>); <c>local-...</c> for <c>invoke</c> and <c>serve</c>.</summary>
    public string RequestId { get; }

    /// <summary>The function's name (<c>AWS_LAMBDA_FUNCTION_NAME</c>, <c>SCF_FUNCTIONNAME</c>, <c>x-fc-function-name</c>), or <see langword="null"/>.</summary>
    public string? FunctionName { get; init; }

    /// <summary>The version or alias running (<c>AWS_LAMBDA_FUNCTION_VERSION</c>, <c>SCF_FUNCTIONVERSION</c>, <c>x-fc-qualifier</c>), or <see langword="null"/>.</summary>
    public string? FunctionVersion { get; init; }

    /// <summary>Lambda's ARN of the function as invoked (<c>Lambda-Runtime-Invoked-Function-Arn</c>, with an alias or version when one was used), or <see langword="null"/>.</summary>
    public string? InvokedFunctionArn { get; init; }

    /// <summary>The memory the instance has, in megabytes (<c>AWS_LAMBDA_FUNCTION_MEMORY_SIZE</c>, <c>memory_limit_in_mb</c>, <c>x-fc-function-memory</c>), or <see langword="null"/>.</summary>
    public int? MemoryLimitMB { get; init; }

    /// <summary>When the platform stops waiting for the answer (<c>Lambda-Runtime-Deadline-Ms</c>, or the receipt time plus SCF's <c>time_limit_in_ms</c> or FC's <c>x-fc-function-timeout</c>); <see langword="null"/> locally.</summary>
    public DateTimeOffset? Deadline { get; init; }

    /// <summary>
    /// The platform's trace header, which gives the invocation's span its parent when no <c>traceparent</c> does
    /// (docs/hosting.md, "Traces and metrics"): on AWS Lambda the X-Ray header <c>Lambda-Runtime-Trace-Id</c>
    /// (<c>Root=1-...;Parent=...;Sampled=1</c>), also set as <c>_X_AMZN_TRACE_ID</c>; on Alibaba FC the Jaeger
    /// span context <c>x-fc-tracing-opentracing-span-context</c> (<c>{trace}:{span}:{parent}:{flags}</c>), sent when
    /// the function's tracing is on. <see langword="null"/> when there is none (always on Tencent SCF and locally).
    /// </summary>
    public string? TraceId { get; init; }

    /// <summary>The region the function runs in (<c>AWS_REGION</c>, <c>TENCENTCLOUD_REGION</c>, <c>x-fc-region</c>), or <see langword="null"/>.</summary>
    public string? Region { get; init; }

    /// <summary>Lambda's client context of a mobile SDK call (<c>Lambda-Runtime-Client-Context</c>, raw JSON), or <see langword="null"/>.</summary>
    public string? ClientContext { get; init; }

    /// <summary>Lambda's Amazon Cognito identity of a mobile SDK call (<c>Lambda-Runtime-Cognito-Identity</c>, raw JSON), or <see langword="null"/>.</summary>
    public string? CognitoIdentity { get; init; }

    /// <summary>
    /// The temporary credentials of the function's role, for calling other cloud services: FC's
    /// <c>x-fc-access-key-id</c>, <c>x-fc-access-key-secret</c> and <c>x-fc-security-token</c>; on Lambda and
    /// SCF the role's variables (<c>AWS_ACCESS_KEY_ID</c>..., <c>TENCENTCLOUD_SECRETID</c>...). Never logged or
    /// printed (<see cref="PlatformCredentials.ToString"/> leaves the secrets out). <see langword="null"/> locally.
    /// </summary>
    public PlatformCredentials? Credentials { get; init; }

    /// <summary>
    /// The mini-program user who made the call, as Tencent CloudBase supplies it on SCF (the invocation's
    /// <c>WX_OPENID</c>/<c>WX_APPID</c>/<c>WX_UNIONID</c>, or the <c>userInfo</c> CloudBase put into a direct event).
    /// Never read from an HTTP request or on <c>serve</c>, where any client writes the event. <see langword="null"/> otherwise.
    /// </summary>
    public CallerIdentity? Caller { get; init; }

    private static readonly InvocationInfo s_anonymousLocal = new(InvocationPlatforms.Local, string.Empty);

    /// <summary>A local invocation (<c>invoke</c>, <c>serve</c>, tests) with <paramref name="requestId"/>; one shared instance when there is none.</summary>
    public static InvocationInfo Local(string? requestId = null)
        => string.IsNullOrEmpty(requestId) ? s_anonymousLocal : new(InvocationPlatforms.Local, requestId);

    /// <inheritdoc />
    public override string ToString() => $"{Platform} {RequestId}";
}

/// <summary>The values of <see cref="InvocationInfo.Platform"/>.</summary>
public static class InvocationPlatforms
{
    /// <summary>AWS Lambda's custom runtime.</summary>
    public const string AwsLambda = "aws-lambda";

    /// <summary>Tencent SCF's custom runtime (CloudBase included).</summary>
    public const string TencentScf = "tencent-scf";

    /// <summary>Alibaba Function Compute's custom runtime.</summary>
    public const string AlibabaFc = "alibaba-fc";

    /// <summary><c>invoke</c>, <c>serve</c> and anything that is not a platform.</summary>
    public const string Local = "local";
}

/// <summary>
/// Temporary credentials of the function's role. <see cref="ToString"/>, and so every log line and message,
/// shows only the access key id: the secret and the token never leave this object but through its properties.
/// </summary>
public sealed class PlatformCredentials
{
    /// <summary>Creates the credentials.</summary>
    public PlatformCredentials(string accessKeyId, string accessKeySecret, string? securityToken)
    {
        ArgumentNullException.ThrowIfNull(accessKeyId);
        ArgumentNullException.ThrowIfNull(accessKeySecret);
        AccessKeyId = accessKeyId;
        AccessKeySecret = accessKeySecret;
        SecurityToken = securityToken;
    }

    /// <summary>The access key id (not secret).</summary>
    public string AccessKeyId { get; }

    /// <summary>The access key secret. Never log it.</summary>
    public string AccessKeySecret { get; }

    /// <summary>The security (session) token of temporary credentials, or <see langword="null"/>. Never log it.</summary>
    public string? SecurityToken { get; }

    /// <summary>The access key id with the secret and the token left out.</summary>
    public override string ToString() => $"PlatformCredentials {{ AccessKeyId = {AccessKeyId}, AccessKeySecret = (hidden), SecurityToken = {(SecurityToken is null ? "(none)" : "(hidden)")} }}";
}

/// <summary>A mini-program caller's identity, as Tencent CloudBase supplies it.</summary>
/// <param name="OpenId">The user's openid in the mini program (<c>WX_OPENID</c>, <c>userInfo.openId</c>).</param>
/// <param name="AppId">The mini program's appid (<c>WX_APPID</c>, <c>userInfo.appId</c>).</param>
/// <param name="UnionId">The user's unionid across the developer's apps, when the platform gives one (<c>WX_UNIONID</c>).</param>
/// <param name="Source">Where CloudBase says the call came from (<c>TCB_SOURCE</c>, such as <c>wx_client</c>), or <see langword="null"/>.</param>
public sealed record CallerIdentity(string? OpenId, string? AppId, string? UnionId, string? Source);
