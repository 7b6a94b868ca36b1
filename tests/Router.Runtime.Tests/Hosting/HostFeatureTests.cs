namespace Router.Runtime.Tests.Hosting;

/// <summary>Alone: the switches are process-wide, so no other host test may run while one is off.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class HostFeatureCollection
{
    public const string Name = "Host feature switches";
}

/// <summary>
/// A host left out with its feature switch (<c>Router.Hosting.*.IsSupported</c>, docs/hosting.md) fails at start
/// with a line naming the switch, instead of serving nothing; <c>serve</c> switched off is not a command.
/// </summary>
[Collection(HostFeatureCollection.Name)]
public sealed class HostFeatureTests
{
    public static TheoryData<string, string, string, string> Platforms => new()
    {
        { "Router.Hosting.AwsLambda.IsSupported", "AWS_LAMBDA_RUNTIME_API", "127.0.0.1:9", "AWS Lambda" },
        { "Router.Hosting.TencentScf.IsSupported", "SCF_RUNTIME_API", "127.0.0.1", "Tencent SCF" },
        { "Router.Hosting.AlibabaFc.IsSupported", "FC_FUNCTION_NAME", "shop", "Alibaba FC" },
    };

    [Theory]
    [MemberData(nameof(Platforms))]
    public async Task PlatformWithItsHostSwitchedOff_ExitsWithPlatformError_NamingTheSwitch(string featureSwitch, string variable, string value, string platform)
    {
        var (exitCode, _, error) = await WithSwitchOffAsync(featureSwitch, [], new Dictionary<string, string> { [variable] = value });

        Assert.Equal(FunctionHost.ExitPlatformError, exitCode);
        Assert.Contains($"the environment names {platform}, but this function was published without its host ({featureSwitch} is false)", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OtherHosts_StillStart_WhenOneIsSwitchedOff()
    {
        // FC off, Lambda named: the Lambda host runs (and gives up on the unreachable runtime API) instead of refusing.
        var (exitCode, _, error) = await WithSwitchOffAsync("Router.Hosting.AlibabaFc.IsSupported", [], new Dictionary<string, string> { ["AWS_LAMBDA_RUNTIME_API"] = "127.0.0.1:9" });

        Assert.Equal(FunctionHost.ExitPlatformError, exitCode);
        Assert.DoesNotContain("published without its host", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Serve_SwitchedOff_IsNotACommand_WhileInvokeStillWorks()
    {
        var (serveExit, _, serveError) = await WithSwitchOffAsync("Router.Hosting.Serve.IsSupported", ["serve"], []);
        var (invokeExit, invokeOutput, _) = await WithSwitchOffAsync("Router.Hosting.Serve.IsSupported", ["invoke", """{ "$url": "test/echo", "text": "hi" }"""], []);

        Assert.NotEqual(FunctionHost.ExitSuccess, serveExit);
        Assert.Contains("serve", serveError, StringComparison.Ordinal);
        Assert.Equal(FunctionHost.ExitSuccess, invokeExit);
        Assert.Contains("hi", invokeOutput, StringComparison.Ordinal);
    }

    private static async Task<(int ExitCode, string Output, string Error)> WithSwitchOffAsync(string featureSwitch, string[] args, Dictionary<string, string> environment)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        // Bounded: a host that ignored its switch and started serving stops here instead of hanging the run.
        using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        AppContext.SetSwitch(featureSwitch, false);
        try
        {
            var exitCode = await FunctionHost.RunAsync(new HostTestRouter(), args, new FunctionHostOptions
            {
                Output = output,
                Error = error,
                GetEnvironmentVariable = name => environment.GetValueOrDefault(name),
                Invoker = new FunctionInvokerOptions { Log = error },
                PlatformRetryCount = 0,
                PlatformRetryDelay = TimeSpan.FromMilliseconds(1),
                ShutdownToken = bound.Token,
            });
            return (exitCode, output.ToString(), error.ToString());
        }
        finally
        {
            AppContext.SetSwitch(featureSwitch, true);
        }
    }
}
