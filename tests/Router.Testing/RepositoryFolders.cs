namespace Router.Testing;

/// <summary>The repository's root (the folder of Generator.sln above the test binaries) and <c>../shared</c> beside it, where it exists.</summary>
public static class RepositoryFolders
{
    public static string Root { get; } = FindRoot();

    /// <summary>A path under <c>../shared</c> beside the repository, or <see langword="null"/> where it does not exist (CI has it).</summary>
    public static string? Shared(params string[] parts)
    {
        var path = Path.GetFullPath(Path.Combine([Root, "..", "shared", .. parts]));
        return File.Exists(path) || Directory.Exists(path) ? path : null;
    }

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Generator.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("The repository root (Generator.sln) is not above " + AppContext.BaseDirectory);
    }
}
