namespace Router.Runtime.Hosting;

/// <summary>Where the function runs, as read from the environment.</summary>
internal enum HostPlatform
{
    /// <summary>No platform variables: the local command line.</summary>
    Local,

    /// <summary>AWS Lambda custom runtime: <c>AWS_LAMBDA_RUNTIME_API</c> is set.</summary>
    AwsLambda,

    /// <summary>Tencent SCF custom runtime: <c>SCF_RUNTIME_API</c> is set.</summary>
    TencentScf,

    /// <summary>Alibaba Function Compute custom runtime: <c>FC_FUNCTION_NAME</c>, <c>FC_CUSTOM_LISTEN_PORT</c> or <c>FC_SERVER_PORT</c> is set.</summary>
    AlibabaFc,
}

/// <summary>Reads the platform from the variables each one sets in a function instance (docs/platforms.md, "Detecting the platform").</summary>
internal static class PlatformDetector
{
    public const string LambdaRuntimeApi = "AWS_LAMBDA_RUNTIME_API";
    public const string ScfRuntimeApi = "SCF_RUNTIME_API";
    public const string ScfRuntimeApiPort = "SCF_RUNTIME_API_PORT";
    public const string FcFunctionName = "FC_FUNCTION_NAME";
    public const string FcCustomListenPort = "FC_CUSTOM_LISTEN_PORT";
    public const string FcServerPort = "FC_SERVER_PORT";

    /// <summary>The port FC's custom runtime listens on when the environment names none.</summary>
    public const int FcDefaultPort = 9000;

    /// <summary>
    /// Lambda first, then SCF, then FC: each platform sets only its own variables, so the order only
    /// matters for a misconfigured environment, where the runtime API (a client role) wins over serving.
    /// </summary>
    public static HostPlatform Detect(Func<string, string?> environment)
    {
        if (!string.IsNullOrEmpty(environment(LambdaRuntimeApi)))
        {
            return HostPlatform.AwsLambda;
        }

        if (!string.IsNullOrEmpty(environment(ScfRuntimeApi)))
        {
            return HostPlatform.TencentScf;
        }

        if (!string.IsNullOrEmpty(environment(FcFunctionName))
            || !string.IsNullOrEmpty(environment(FcCustomListenPort))
            || !string.IsNullOrEmpty(environment(FcServerPort)))
        {
            return HostPlatform.AlibabaFc;
        }

        return HostPlatform.Local;
    }
}
