using System.IO.Compression;
using System.Xml.Linq;

namespace Router.Package.Tests;

/// <summary>What is inside Router.Serverless and Router.Templates, and what their metadata says.</summary>
[Collection(PackedFeedCollection.Name)]
public class PackageLayoutTests(PackedFeed feed)
{
    [Fact]
    public void RouterServerless_HasBothLibraries_AndTheGeneratorAsAnAnalyzer()
    {
        using var package = ZipFile.OpenRead(feed.PackagePath("Router.Serverless"));
        var entries = package.Entries.Select(e => e.FullName).ToHashSet();

        Assert.Contains("lib/net10.0/Router.Runtime.dll", entries);
        Assert.Contains("lib/net10.0/Router.Runtime.xml", entries);
        Assert.Contains("lib/net10.0/Router.Abstractions.dll", entries);
        Assert.Contains("lib/net10.0/Router.Abstractions.xml", entries);
        Assert.Contains("analyzers/dotnet/cs/Router.Generator.dll", entries);
        Assert.Contains("analyzers/dotnet/cs/Router.CodeFixes.dll", entries);
        Assert.Contains("README.md", entries);
        Assert.Contains("LICENSE", entries);
        // The NativeAOT publish of a function (bootstrap, glibc floor, start-up order, function.zip), for the referencing
        // project (build/) and the projects that reference it (buildTransitive/).
        foreach (var folder in new[] { "build", "buildTransitive" })
        {
            foreach (var file in new[] { "Router.Serverless.targets", "GlibcVersionTask.cs", "glibc-floor.c", "glibc-sysroot.sh", "Router.StartupOrder.txt" })
            {
                Assert.Contains($"{folder}/{file}", entries);
            }
        }

        // Nothing of the Roslyn build machinery leaks into the package, and no analyzer lands in lib/.
        Assert.DoesNotContain(entries, e => e.Contains("Microsoft.CodeAnalysis", StringComparison.Ordinal));
        Assert.DoesNotContain(entries, e => e.StartsWith("lib/", StringComparison.Ordinal) && e.Contains("Generator", StringComparison.Ordinal));
    }

    [Fact]
    public void RouterServerlessMetadata_NamesLicenseRepositoryAndReadme_AndOnlyTheCommandLineAndExtensionAbstractionsAsDependencies()
    {
        var nuspec = ReadNuspec(feed.PackagePath("Router.Serverless"));
        var ns = nuspec.Root!.Name.Namespace;
        var metadata = nuspec.Root.Element(ns + "metadata")!;

        Assert.Equal("Router.Serverless", metadata.Element(ns + "id")!.Value);
        Assert.Equal(feed.Version, metadata.Element(ns + "version")!.Value);
        Assert.Equal("MIT", metadata.Element(ns + "license")!.Value);
        Assert.Equal("README.md", metadata.Element(ns + "readme")!.Value);
        var repository = metadata.Element(ns + "repository")!;
        Assert.StartsWith("https://", repository.Attribute("url")!.Value, StringComparison.Ordinal);
        Assert.Equal("git", repository.Attribute("type")!.Value);

        var dependencies = metadata.Descendants(ns + "dependency").Select(d => d.Attribute("id")!.Value).ToList();
        // The abstractions only: a user picks the container and the logging providers (docs/packaging.md, "Dependencies").
        Assert.Equal(["Microsoft.Extensions.DependencyInjection.Abstractions", "Microsoft.Extensions.Logging.Abstractions", "System.CommandLine"], dependencies.Order(StringComparer.Ordinal));
        Assert.Equal("net10.0", metadata.Descendants(ns + "group").Single().Attribute("targetFramework")!.Value);
    }

    [Fact]
    public void SymbolsOfBothLibraries_ShipInASnupkg()
    {
        using var symbols = ZipFile.OpenRead(feed.PackagePath("Router.Serverless", ".snupkg"));
        var entries = symbols.Entries.Select(e => e.FullName).ToHashSet();

        Assert.Contains("lib/net10.0/Router.Runtime.pdb", entries);
        Assert.Contains("lib/net10.0/Router.Abstractions.pdb", entries);
    }

    [Fact]
    public void RouterTemplates_IsATemplatePackage_WhoseDefaultVersionIsThePackageVersion()
    {
        using var package = ZipFile.OpenRead(feed.PackagePath("Router.Templates"));
        var nuspec = ReadNuspec(feed.PackagePath("Router.Templates"));
        var ns = nuspec.Root!.Name.Namespace;
        Assert.Equal("Template", nuspec.Descendants(ns + "packageType").Single().Attribute("name")!.Value);

        var templateJson = package.GetEntry("content/RouterFunction/.template.config/template.json");
        Assert.NotNull(templateJson);
        using var reader = new StreamReader(templateJson.Open());
        using var json = System.Text.Json.JsonDocument.Parse(reader.ReadToEnd());
        var defaultVersion = json.RootElement.GetProperty("symbols").GetProperty("RouterVersion").GetProperty("defaultValue").GetString();
        Assert.Equal(feed.VersionPrefix, defaultVersion);
        Assert.DoesNotContain(package.Entries, e => e.FullName.Contains("/bin/", StringComparison.Ordinal) || e.FullName.Contains("/obj/", StringComparison.Ordinal));
    }

    [Fact]
    public void PackingAgain_GivesTheSameBytes()
    {
        var again = Directory.CreateDirectory(Path.Combine(feed.Root, "again")).FullName;
        feed.Pack("src/Router.Runtime/Router.Runtime.csproj", again);

        var first = File.ReadAllBytes(feed.PackagePath("Router.Serverless"));
        var second = File.ReadAllBytes(Path.Combine(again, Path.GetFileName(feed.PackagePath("Router.Serverless"))));
        Assert.Equal(Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(first)), Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(second)));
    }

    private static XDocument ReadNuspec(string packagePath)
    {
        using var package = ZipFile.OpenRead(packagePath);
        var entry = package.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal));
        using var stream = entry.Open();
        return XDocument.Load(stream);
    }
}
