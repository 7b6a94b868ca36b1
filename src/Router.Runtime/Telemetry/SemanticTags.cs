namespace Router.Runtime.Telemetry;

/// <summary>
/// The OpenTelemetry semantic-convention attribute names and values an invocation's activity and
/// measurements carry (FaaS, cloud, HTTP and error conventions, semconv 1.26 and later).
/// </summary>
internal static class SemanticTags
{
    public const string InvocationId = "faas.invocation_id";
    public const string Trigger = "faas.trigger";
    public const string ColdStart = "faas.coldstart";
    public const string Name = "faas.name";
    public const string Version = "faas.version";
    public const string CloudProvider = "cloud.provider";
    public const string CloudRegion = "cloud.region";
    public const string HttpMethod = "http.request.method";
    public const string HttpRoute = "http.route";
    public const string HttpStatusCode = "http.response.status_code";
    public const string ErrorType = "error.type";

    /// <summary><c>faas.trigger</c> of an HTTP event or request.</summary>
    public const string HttpTrigger = "http";

    /// <summary><c>faas.trigger</c> of a direct invocation.</summary>
    public const string OtherTrigger = "other";

    /// <summary>The <c>cloud.provider</c> value of an <see cref="InvocationInfo.Platform"/>, or <see langword="null"/> for <c>local</c>.</summary>
    public static string? CloudProviderOf(string platform) => platform switch
    {
        InvocationPlatforms.AwsLambda => "aws",
        InvocationPlatforms.AlibabaFc => "alibaba_cloud",
        InvocationPlatforms.TencentScf => "tencent_cloud",
        _ => null,
    };
}
