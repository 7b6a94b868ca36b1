using System.Reflection;

namespace Router.Generator.Tests;

/// <summary>
/// Compares text with a checked-in file under <c>Snapshots/</c>. On a mismatch it writes
/// <c>NAME.received.cs</c> beside the snapshot and fails; review the diff, then set
/// <c>ROUTER_ACCEPT_SNAPSHOTS=1</c> and run again to accept (never commit a received file).
/// </summary>
internal static class SnapshotAssert
{
    private static readonly string s_directory = typeof(SnapshotAssert).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "SnapshotDirectory").Value!;

    public static void Matches(string actual, string name)
    {
        var directory = s_directory;
        var verified = Path.Combine(directory, name + ".verified.cs");
        var received = Path.Combine(directory, name + ".received.cs");
        var normalized = actual.Replace("\r\n", "\n", StringComparison.Ordinal);

        if (File.Exists(verified) && File.ReadAllText(verified) == normalized)
        {
            File.Delete(received);
            return;
        }

        if (Environment.GetEnvironmentVariable("ROUTER_ACCEPT_SNAPSHOTS") == "1")
        {
            File.WriteAllText(verified, normalized);
            File.Delete(received);
            return;
        }

        File.WriteAllText(received, normalized);
        Assert.Fail(File.Exists(verified)
            ? $"The generated source differs from {verified}. Compare it with {received}; if the change is intended, accept it with ROUTER_ACCEPT_SNAPSHOTS=1."
            : $"No snapshot {verified} yet. Review {received} and accept it with ROUTER_ACCEPT_SNAPSHOTS=1.");
    }
}
