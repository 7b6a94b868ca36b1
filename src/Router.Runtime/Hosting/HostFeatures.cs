using System.Diagnostics.CodeAnalysis;

namespace Router.Runtime.Hosting;

/// <summary>
/// Feature switches that leave a platform's host out of a NativeAOT or trimmed binary. Every host is in by
/// default, so one binary serves every platform; a function deployed to one platform turns the others off
/// in its project file, and the trimmer drops their code (the Runtime API loop and its client, the HTTP
/// server of the FC host and <c>serve</c>), which shortens the cold start a little (docs/performance.md,
/// "Start-up"). The pattern is the runtime's own (<c>System.Globalization.Invariant</c> and friends):
/// <code>
/// &lt;ItemGroup&gt;
///   &lt;RuntimeHostConfigurationOption Include="Router.Hosting.AlibabaFc.IsSupported" Value="false" Trim="true" /&gt;
/// &lt;/ItemGroup&gt;
/// </code>
/// A platform whose host is off fails at start with <see cref="FunctionHost.ExitPlatformError"/> and a log
/// line naming the switch; <c>serve</c> with its switch off is not a command.
/// </summary>
internal static class HostFeatures
{
    public const string AwsLambda = "Router.Hosting.AwsLambda.IsSupported";
    public const string TencentScf = "Router.Hosting.TencentScf.IsSupported";
    public const string AlibabaFc = "Router.Hosting.AlibabaFc.IsSupported";
    public const string Serve = "Router.Hosting.Serve.IsSupported";

    [FeatureSwitchDefinition(AwsLambda)]
    public static bool AwsLambdaIsSupported => IsOn(AwsLambda);

    [FeatureSwitchDefinition(TencentScf)]
    public static bool TencentScfIsSupported => IsOn(TencentScf);

    [FeatureSwitchDefinition(AlibabaFc)]
    public static bool AlibabaFcIsSupported => IsOn(AlibabaFc);

    [FeatureSwitchDefinition(Serve)]
    public static bool ServeIsSupported => IsOn(Serve);

    private static bool IsOn(string name) => !AppContext.TryGetSwitch(name, out var on) || on;
}
