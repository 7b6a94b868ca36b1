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
    /// <summary>
    /// Lambda first, then SCF, then FC: each platform sets only its own variables, so the order only
    /// matters for a misconfigured environment, where the runtime API (a client role) wins over serving.
    /// </summary>
    public static HostPlatform Detect(Func<string, string?> environment)
    {
        if (!string.IsNullOrEmpty(environment(PlatformVariables.LambdaRuntimeApi)))
        {
            return HostPlatform.AwsLambda;
        }

        if (!string.IsNullOrEmpty(environment(PlatformVariables.ScfRuntimeApi)))
        {
            return HostPlatform.TencentScf;
        }

        if (!string.IsNullOrEmpty(environment(PlatformVariables.FcFunctionName))
            || !string.IsNullOrEmpty(environment(PlatformVariables.FcCustomListenPort))
            || !string.IsNullOrEmpty(environment(PlatformVariables.FcServerPort)))
        {
            return HostPlatform.AlibabaFc;
        }

        return HostPlatform.Local;
    }
}
