using System.Xml.Linq;

namespace Router.Package.Tests;

/// <summary>
/// Packs Router.Serverless and Router.Templates once for every test, into a new folder, at a
/// version no earlier run used (<c>{VersionPrefix}-test.{n}</c>), so NuGet's global cache can never
/// hand a test an older pack. Consumers get a nuget.config that takes Router.* from this folder only
/// and everything else (System.CommandLine, xunit) from the configured registry.
/// </summary>
public sealed class PackedFeed : IDisposable
{
    /// <summary>Packs both packages.</summary>
    public PackedFeed()
    {
        RepositoryRoot = FindRepositoryRoot();
        VersionPrefix = XDocument.Load(Path.Combine(RepositoryRoot, "Directory.Build.props"))
            .Descendants("VersionPrefix").Single().Value;
        Version = $"{VersionPrefix}-test.{DateTime.UtcNow:yyyyMMddHHmmss}.{Environment.ProcessId}";
        Root = Directory.CreateTempSubdirectory("router-package-").FullName;
        Feed = Directory.CreateDirectory(Path.Combine(Root, "feed")).FullName;
        foreach (var project in new[] { "src/Router.Runtime/Router.Runtime.csproj", "templates/Router.Templates/Router.Templates.csproj" })
        {
            Pack(project, Feed);
        }
    }

    /// <summary>The repository's root (where Generator.sln is).</summary>
    public string RepositoryRoot { get; }

    /// <summary>The version in Directory.Build.props, for example <c>0.1.0</c>.</summary>
    public string VersionPrefix { get; }

    /// <summary>The version these packages were packed at.</summary>
    public string Version { get; }

    /// <summary>The temporary folder everything of this fixture lives in.</summary>
    public string Root { get; }

    /// <summary>The folder the packages were packed into.</summary>
    public string Feed { get; }

    /// <summary>The path of a package in <see cref="Feed"/>, for example <c>Router.Serverless</c> and <c>.nupkg</c>.</summary>
    public string PackagePath(string id, string extension = ".nupkg") => Path.Combine(Feed, $"{id}.{Version}{extension}");

    /// <summary>Packs <paramref name="project"/> (relative to the repository) into <paramref name="output"/> at <see cref="Version"/>.</summary>
    public void Pack(string project, string output)
        => Dotnet.Run(RepositoryRoot, TimeSpan.FromMinutes(10), "pack", project, "-c", "Release", "-o", output,
                "-p:VersionSuffix=" + Version[(VersionPrefix.Length + 1)..], "-p:ContinuousIntegrationBuild=true")
            .EnsureSuccess($"dotnet pack {project}");

    /// <summary>A new folder under <see cref="Root"/> with a nuget.config that maps Router.* to <see cref="Feed"/> only.</summary>
    public string NewConsumerDirectory(string name)
    {
        var directory = Directory.CreateDirectory(Path.Combine(Root, name)).FullName;
        File.WriteAllText(Path.Combine(directory, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <add key="router-feed" value="{Feed}" />
              </packageSources>
              <packageSourceMapping>
                <packageSource key="router-feed">
                  <package pattern="Router.*" />
                </packageSource>
                <packageSource key="nuget.org">
                  <package pattern="*" />
                </packageSource>
              </packageSourceMapping>
            </configuration>
            """);
        return directory;
    }

    /// <inheritdoc />
    /// <remarks>
    /// Deletes <see cref="Root"/> (the feed and every consumer's builds and native publishes) and the
    /// copies NuGet extracted into its global packages folder at <see cref="Version"/>, which no later
    /// run can use (each run packs at a version of its own).
    /// </remarks>
    public void Dispose()
    {
        foreach (var folder in Dotnet.ExtractedPackages(Version).Prepend(Root))
        {
            Dotnet.TryDeleteFolder(folder);
        }
    }

    private static string FindRepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Generator.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("Generator.sln not found above " + AppContext.BaseDirectory);
    }
}

/// <summary>The tests that share one <see cref="PackedFeed"/>.</summary>
[CollectionDefinition(Name)]
public sealed class PackedFeedCollection : ICollectionFixture<PackedFeed>
{
    /// <summary>The collection's name.</summary>
    public const string Name = "packed feed";
}
