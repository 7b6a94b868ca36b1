namespace Router.Testing;

/// <summary>
/// Temporary folders for a test run: each one is created under one folder of this process
/// (<c>{temp}/router-tests-{pid}-{random}</c>), and that folder is deleted when the test process
/// exits, or by the next run if the process ended first (<see cref="PruneLeftovers"/>), so runs leave
/// nothing in the temporary directory however many stores and extracted packages their tests made (a CI
/// machine runs the suite again and again on one disk).
/// </summary>
public static class ScratchFolders
{
    private const string Prefix = "router-tests-";

    private static readonly Lazy<string> s_root = new(CreateRoot);

    /// <summary>
    /// A new, empty folder whose name starts with <paramref name="prefix"/>, for example
    /// <c>shop-test-</c>; it lives until the test process exits.
    /// </summary>
    public static string Create(string prefix)
        => Directory.CreateDirectory(Path.Combine(s_root.Value, prefix + Guid.NewGuid().ToString("N")[..12])).FullName;

    private static string CreateRoot()
    {
        PruneLeftovers(Path.GetTempPath());
        var root = Directory.CreateTempSubdirectory($"{Prefix}{Environment.ProcessId}-").FullName;
        AppDomain.CurrentDomain.ProcessExit += (_, _) => TryDelete(root);
        return root;
    }

    /// <summary>
    /// Deletes what earlier test processes left in <paramref name="temp"/>: each <c>router-tests-{pid}-*</c> folder
    /// whose process is no longer running. A test host can end before its exit handler has deleted its folder
    /// (a shop test run's is about 40 MB of SQLite stores; two of three clean-clone CI runs on 2026-12-07 left
    /// one), so each run deletes what the runs before it left. Folders of running processes stay.
    /// </summary>
    /// <param name="temp">The temporary directory the folders are in.</param>
    /// <returns>How many folders were deleted.</returns>
    public static int PruneLeftovers(string temp)
    {
        var deleted = 0;
        foreach (var folder in Directory.EnumerateDirectories(temp, Prefix + "*"))
        {
            var name = Path.GetFileName(folder);
            var dash = name.IndexOf('-', Prefix.Length);
            if (dash < 0 || !int.TryParse(name.AsSpan(Prefix.Length, dash - Prefix.Length), out var processId) || IsRunning(processId))
            {
                continue;
            }

            if (TryDelete(folder))
            {
                deleted++;
            }
        }

        return deleted;
    }

    private static bool IsRunning(int processId)
    {
        if (processId == Environment.ProcessId)
        {
            return true;
        }

        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(processId);
            return !process.HasExited;
        }
        catch (Exception exception) when (exception is ArgumentException or InvalidOperationException)
        {
            // No such process (any more).
            return false;
        }
    }

    /// <summary>
    /// Deletes <paramref name="folder"/> and everything in it; one a process still holds a file in (a function
    /// process a failed test left running, or one of another run) stays, for a later run or the system's clean-up.
    /// </summary>
    /// <returns>Whether the folder is gone.</returns>
    public static bool TryDelete(string folder)
    {
        try
        {
            Directory.Delete(folder, recursive: true);
            return true;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // Left where it is: scratch that no result depends on.
            return false;
        }
    }
}
