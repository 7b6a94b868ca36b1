using System.Reflection;
using System.Xml.Linq;
using Microsoft.CodeAnalysis;
using Router.Generator.Diagnostics;

namespace Router.Generator.Tests;

/// <summary>Every diagnostic links to its own page, in the repository the packages name.</summary>
public class HelpLinkTests
{
    private static readonly DiagnosticDescriptor[] Descriptors = typeof(DiagnosticDescriptors)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(f => f.FieldType == typeof(DiagnosticDescriptor))
        .Select(f => (DiagnosticDescriptor)f.GetValue(null)!)
        .ToArray();

    [Fact]
    public void EachDescriptor_LinksToItsPage_AndThePageExists()
    {
        var root = RepositoryRoot();
        Assert.Equal(17, Descriptors.Length);
        foreach (var descriptor in Descriptors)
        {
            Assert.Equal(DiagnosticDescriptors.HelpLinkBase + descriptor.Id + ".md", descriptor.HelpLinkUri);
            Assert.True(File.Exists(Path.Combine(root, "docs", "diagnostics", descriptor.Id + ".md")), descriptor.Id);
        }
    }

    [Fact]
    public void TheLinks_PointIntoTheRepositoryNamedInDirectoryBuildProps()
    {
        var repository = XDocument.Load(Path.Combine(RepositoryRoot(), "Directory.Build.props"))
            .Descendants("RouterRepositoryUrl").Single().Value;
        Assert.Equal(DiagnosticDescriptors.HelpLinkBase, repository + "/blob/main/docs/diagnostics/");
    }

    private static string RepositoryRoot()
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
