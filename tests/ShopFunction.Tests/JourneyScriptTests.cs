using System.Diagnostics;

namespace ShopFunction.Tests;

/// <summary>The README's main job, <c>samples/ShopFunction/journey.sh</c>, as a reader runs it.</summary>
public sealed class JourneyScriptTests
{
    [Fact]
    public async Task JourneySh_EndsWithThePaidOrder_AndPrintsNoBuildSummary()
    {
        var start = new ProcessStartInfo("bash") { ArgumentList = { Path.Combine(RepositoryFolders.Root, "samples", "ShopFunction", "journey.sh") }, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase) || k.StartsWith("SHOP_", StringComparison.Ordinal)).ToList())
        {
            start.Environment.Remove(name);
        }

        using var process = Process.Start(start)!;
        var errorRead = process.StandardError.ReadToEndAsync();
        var output = await process.StandardOutput.ReadToEndAsync();
        using (var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5)))
        {
            await process.WaitForExitAsync(timeout.Token);
        }

        var error = await errorRead;
        Assert.True(process.ExitCode == 0, error);
        Assert.Matches("""^\{"code":0,"orders":\[\{"orderId":"o_[0-9a-f]+","id":"xxxx","amount":3,"totalCents":4770,"status":"paid"\}\]\}\n$""", output);
        Assert.DoesNotContain("Build succeeded", error, StringComparison.Ordinal);
        Assert.DoesNotContain("Time Elapsed", error, StringComparison.Ordinal);
        Assert.StartsWith("# store: ", error, StringComparison.Ordinal);
    }
}
