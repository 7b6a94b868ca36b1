using System.Text.RegularExpressions;

namespace Router.Runtime.Tests;

/// <summary>
/// Facts the docs state that the code decides: every error type is in the guide's error table, the
/// README's layout table names paths that exist, and the packaging page names the diagnostics' range.
/// (The docs' shell commands are run by Router.Package.Tests' DocsTests.)
/// </summary>
public sealed partial class DocsConsistencyTests
{
    [Fact]
    public void TheGuidesErrorTable_ListsEveryErrorType()
    {
        var guide = File.ReadAllText(Path.Combine(RepositoryFolders.Root, "docs", "guide.md"));
        var errorTypes = typeof(ErrorTypes).GetFields().Where(f => f.IsLiteral).Select(f => (string)f.GetRawConstantValue()!);

        Assert.All(errorTypes, type => Assert.Contains($"| `{type}` |", guide, StringComparison.Ordinal));
    }

    [Fact]
    public void TheReadmesLayoutTable_NamesPathsThatExist()
    {
        var readme = File.ReadAllText(Path.Combine(RepositoryFolders.Root, "README.md"));
        var layout = readme[readme.IndexOf("## Layout", StringComparison.Ordinal)..];
        layout = layout[..layout.IndexOf("\n## ", 3, StringComparison.Ordinal)];
        var paths = LayoutPath().Matches(layout).Select(m => m.Groups[1].Value).ToArray();

        Assert.NotEmpty(paths);
        Assert.All(paths, path => Assert.True(
            File.Exists(Path.Combine(RepositoryFolders.Root, path)) || Directory.Exists(Path.Combine(RepositoryFolders.Root, path)),
            $"README.md's layout names {path}, which does not exist"));
    }

    [Fact]
    public void ThePackagingPage_NamesTheDiagnosticsRange_TheGeneratorHas()
    {
        var packaging = File.ReadAllText(Path.Combine(RepositoryFolders.Root, "docs", "packaging.md"));
        var pages = Directory.EnumerateFiles(Path.Combine(RepositoryFolders.Root, "docs", "diagnostics"), "RTR0*.md").Select(Path.GetFileNameWithoutExtension).Order(StringComparer.Ordinal).ToArray();

        Assert.Contains($"({pages[0]}-{pages[^1]})", packaging, StringComparison.Ordinal);
    }

    // A path in the first column of a table row: | `src/Router.Generator` | ...; several paths in one cell are each matched.
    [GeneratedRegex(@"`((?:src|samples|scripts|fuzz|tests|templates|benchmarks|docs|content)/[A-Za-z0-9_./-]*?)/?`")]
    private static partial Regex LayoutPath();
}
