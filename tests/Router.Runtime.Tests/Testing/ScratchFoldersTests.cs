namespace Router.Runtime.Tests.Testing;

/// <summary>
/// The test libraries' scratch folders: a run deletes the folders earlier test processes left behind (a test host
/// can end before its exit handler has deleted its own), and never a folder of a process that is still running.
/// </summary>
public sealed class ScratchFoldersTests
{
    [Fact]
    public void PruneLeftovers_DeletesFoldersOfEndedProcesses_AndKeepsTheRest()
    {
        var temp = ScratchFolders.Create("prune-");
        // int.MaxValue is above any process id Linux, macOS or Windows gives out: that process has ended.
        var ended = Path.Combine(temp, $"router-tests-{int.MaxValue}-aB3dE9");
        Directory.CreateDirectory(Path.Combine(ended, "shop-test-0123456789ab"));
        File.WriteAllText(Path.Combine(ended, "shop-test-0123456789ab", "shop.db"), "store");
        var running = Directory.CreateDirectory(Path.Combine(temp, $"router-tests-{Environment.ProcessId}-Zx81Qp")).FullName;
        var notOurs = Directory.CreateDirectory(Path.Combine(temp, "router-tests-docs")).FullName;
        var other = Directory.CreateDirectory(Path.Combine(temp, "router-docs-1234-abcdef")).FullName;

        var deleted = ScratchFolders.PruneLeftovers(temp);

        Assert.Equal(1, deleted);
        Assert.False(Directory.Exists(ended));
        Assert.True(Directory.Exists(running));
        Assert.True(Directory.Exists(notOurs));
        Assert.True(Directory.Exists(other));
    }
}
