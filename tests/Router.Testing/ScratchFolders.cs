namespace Router.Testing;

/// <summary>
/// Temporary folders for a test run: each one is created under one folder of this process
/// (<c>{temp}/router-tests-{pid}-{random}</c>), and that folder is deleted when the test process
/// exits, so a run leaves nothing in the temporary directory however many stores and extracted
/// packages its tests made (a CI machine runs the suite again and again on one disk).
/// </summary>
public static class ScratchFolders
{
    private static readonly Lazy<string> s_root = new(CreateRoot);

    /// <summary>
    /// A new, empty folder whose name starts with <paramref name="prefix"/>, for example
    /// <c>shop-test-</c>; it lives until the test process exits.
    /// </summary>
    public static string Create(string prefix)
        => Directory.CreateDirectory(Path.Combine(s_root.Value, prefix + Guid.NewGuid().ToString("N")[..12])).FullName;

    private static string CreateRoot()
    {
        var root = Directory.CreateTempSubdirectory($"router-tests-{Environment.ProcessId}-").FullName;
        AppDomain.CurrentDomain.ProcessExit += (_, _) => TryDelete(root);
        return root;
    }

    /// <summary>
    /// Deletes <paramref name="folder"/> and everything in it; one a process still holds a file in (a function
    /// process a failed test left running, or one of another run) stays, for a later run or the system's clean-up.
    /// </summary>
    public static void TryDelete(string folder)
    {
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // Left where it is: scratch that no result depends on.
        }
    }
}
