using System.Diagnostics;
using System.Text.Json.Nodes;

namespace Router.Runtime.Tests.Hosting;

/// <summary>
/// A host left out with its feature switch (<c>Router.Hosting.*.IsSupported</c>, docs/hosting.md) fails at start
/// with a line naming the switch, instead of serving nothing; <c>serve</c> switched off is not a command.
/// Each case is the real sample in a process of its own, the switch set in its runtimeconfig as a publish sets it:
/// a switch is process-wide, so setting it in this process would turn the host off for the tests beside it.
/// </summary>
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
        var (exitCode, _, error) = await RunWithSwitchOffAsync(featureSwitch, [], new Dictionary<string, string> { [variable] = value });

        Assert.Equal(FunctionHost.ExitPlatformError, exitCode);
        Assert.Contains($"the environment names {platform}, but this function was published without its host ({featureSwitch} is false)", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OtherHosts_StillStart_WhenOneIsSwitchedOff()
    {
        // FC off, Lambda named: the Lambda host runs (and gives up on the unreachable runtime API) instead of refusing.
        var (exitCode, _, error) = await RunWithSwitchOffAsync("Router.Hosting.AlibabaFc.IsSupported", [], new Dictionary<string, string> { ["AWS_LAMBDA_RUNTIME_API"] = "127.0.0.1:9" });

        Assert.Equal(FunctionHost.ExitPlatformError, exitCode);
        Assert.DoesNotContain("published without its host", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Serve_SwitchedOff_IsNotACommand_WhileInvokeStillWorks()
    {
        var (serveExit, _, serveError) = await RunWithSwitchOffAsync("Router.Hosting.Serve.IsSupported", ["serve"], []);
        var (invokeExit, invokeOutput, _) = await RunWithSwitchOffAsync("Router.Hosting.Serve.IsSupported", ["invoke", "@" + Events.PathOf("pay-makeOrder.json")], []);

        Assert.NotEqual(FunctionHost.ExitSuccess, serveExit);
        Assert.Contains("serve", serveError, StringComparison.Ordinal);
        Assert.Equal(FunctionHost.ExitSuccess, invokeExit);
        Assert.Equal(Events.SessionRequired, invokeOutput.Trim());
    }

    private static async Task<(int ExitCode, string Output, string Error)> RunWithSwitchOffAsync(string featureSwitch, string[] args, Dictionary<string, string> environment)
    {
        var config = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "ShopFunction.runtimeconfig.json")))!;
        config["runtimeOptions"]!["configProperties"]![featureSwitch] = false;
        var folder = ScratchFolders.Create("host-feature-");
        var configPath = Path.Combine(folder, "ShopFunction.runtimeconfig.json");
        await File.WriteAllTextAsync(configPath, config.ToJsonString());

        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { "exec", "--runtimeconfig", configPath, Path.Combine(AppContext.BaseDirectory, "ShopFunction.dll") },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var name in new[] { "AWS_LAMBDA_RUNTIME_API", "SCF_RUNTIME_API", "SCF_RUNTIME_API_PORT", "FC_FUNCTION_NAME", "FC_CUSTOM_LISTEN_PORT", "FC_SERVER_PORT" })
        {
            start.Environment.Remove(name);
        }

        start.Environment["SHOP_SQLITE_PATH"] = Path.Combine(folder, "shop.db");
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        // Bounded: a host that ignored its switch and started serving is stopped here and the test fails.
        using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(bound.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"the function with {featureSwitch} off did not exit: {await error}");
        }

        return (process.ExitCode, await output, await error);
    }
}
