using System.Globalization;

namespace Router.Runtime.Hosting;

/// <summary>
/// Every environment variable the runtime reads, in one place (docs/platforms.md says where each comes
/// from): the platform's own, which also tell where the function runs, and what they mean once read.
/// </summary>
internal static class PlatformVariables
{
    /// <summary>AWS Lambda's Runtime API host and port; set only on Lambda.</summary>
    public const string LambdaRuntimeApi = "AWS_LAMBDA_RUNTIME_API";
    public const string LambdaFunctionName = "AWS_LAMBDA_FUNCTION_NAME";
    public const string LambdaFunctionVersion = "AWS_LAMBDA_FUNCTION_VERSION";
    public const string LambdaFunctionMemorySize = "AWS_LAMBDA_FUNCTION_MEMORY_SIZE";
    public const string LambdaLogFormat = "AWS_LAMBDA_LOG_FORMAT";
    public const string LambdaLogLevel = "AWS_LAMBDA_LOG_LEVEL";
    public const string AwsRegion = "AWS_REGION";
    public const string AwsAccessKeyId = "AWS_ACCESS_KEY_ID";
    public const string AwsSecretAccessKey = "AWS_SECRET_ACCESS_KEY";
    public const string AwsSessionToken = "AWS_SESSION_TOKEN";

    /// <summary>The X-Ray trace header Lambda's managed runtimes set for each event; the host sets it too.</summary>
    public const string LambdaTraceId = "_X_AMZN_TRACE_ID";

    /// <summary>Tencent SCF's runtime API host and port; set only on SCF.</summary>
    public const string ScfRuntimeApi = "SCF_RUNTIME_API";
    public const string ScfRuntimeApiPort = "SCF_RUNTIME_API_PORT";
    public const string ScfFunctionName = "SCF_FUNCTIONNAME";
    public const string ScfFunctionVersion = "SCF_FUNCTIONVERSION";
    public const string TencentSecretId = "TENCENTCLOUD_SECRETID";
    public const string TencentSecretKey = "TENCENTCLOUD_SECRETKEY";
    public const string TencentSessionToken = "TENCENTCLOUD_SESSIONTOKEN";
    public const string TencentRegion = "TENCENTCLOUD_REGION";

    /// <summary>Alibaba FC's variables; any one of the three means FC.</summary>
    public const string FcFunctionName = "FC_FUNCTION_NAME";
    public const string FcCustomListenPort = "FC_CUSTOM_LISTEN_PORT";

    /// <summary>The port <c>s local invoke</c> sets instead of <see cref="FcCustomListenPort"/>.</summary>
    public const string FcServerPort = "FC_SERVER_PORT";

    /// <summary>The port FC's custom runtime listens on when the environment names none.</summary>
    public const int FcDefaultPort = 9000;

    /// <summary>
    /// The port the FC host listens on: <see cref="FcCustomListenPort"/>, else <see cref="FcServerPort"/>, else 9000.
    /// </summary>
    /// <returns>False, with the text it could not read, when the variable is not a port number.</returns>
    public static bool TryReadFcPort(Func<string, string?> environment, out int port, out string? unreadable)
    {
        var text = environment(FcCustomListenPort) is { Length: > 0 } custom ? custom
            : environment(FcServerPort) is { Length: > 0 } server ? server
            : null;
        port = FcDefaultPort;
        unreadable = null;
        if (text is not null && (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out port) || port is 0 or > 65535))
        {
            unreadable = text;
            return false;
        }

        return true;
    }
}
