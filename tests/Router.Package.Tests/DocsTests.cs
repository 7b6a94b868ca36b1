using System.Diagnostics;
using System.Text;
using System.Xml.Linq;

namespace Router.Package.Tests;

/// <summary>
/// Every shell command the README, docs/ and the template's README show is a promise: each block runs
/// as a reader would run it, or says in the file why it cannot run here. The runnable ones run in a copy
/// of the repository (its tracked and new files, no build output), one bash process per block, in the
/// order of the document, against packages packed freshly by the documents' own commands, with a fresh
/// store per document and a fresh `dotnet new` hive; each block must exit 0 and print every answer it
/// documents (<c># → ...</c>).
/// </summary>
public sealed class DocsTests
{
    private static readonly string s_root = FindRepositoryRoot();

    [Fact]
    public void EveryShellBlock_RunsInTheDocsTest_OrSaysWhyItCannot()
    {
        var blocks = DocBlocks.Documents(s_root).SelectMany(document => DocBlocks.Read(s_root, document)).ToArray();

        Assert.All(blocks.Where(b => b.NotRunReason is not null), b => Assert.True(b.NotRunReason!.Length >= 15, $"{b}: 'not-run:' needs a reason"));
        // The pages a new user follows first have commands that run, each with at least one answer checked.
        foreach (var document in new[] { "README.md", "docs/hosting.md", "templates/Router.Templates/README.md" })
        {
            Assert.Contains(blocks, b => b.File == document && b.NotRunReason is null && b.Answers.Count > 0);
        }
    }

    [Fact]
    public void TheReadmeAndDocs_CommandsRunAsWritten_AndAnswerAsDocumented()
        => RunDocuments("docs", [.. DocBlocks.Documents(s_root).Where(d => d != "templates/Router.Templates/README.md")]);

    [Fact]
    public void TheTemplatesReadme_CommandsRunAsWritten_AndAnswerAsDocumented()
        => RunDocuments("template", ["templates/Router.Templates/README.md"]);

    private static void RunDocuments(string name, IReadOnlyList<string> documents)
    {
        // The copy, its builds and native publishes take about 1.5 GB: deleted however the test ends.
        var scratch = Directory.CreateTempSubdirectory($"router-{name}-").FullName;
        try
        {
            RunDocumentsIn(scratch, documents);
        }
        finally
        {
            Dotnet.TryDeleteFolder(scratch);
        }
    }

    private static void RunDocumentsIn(string scratch, IReadOnlyList<string> documents)
    {
        var copy = Path.Combine(scratch, "repo");
        CopyRepository(copy);
        ForgetCachedPackages();
        var failures = new StringBuilder();
        foreach (var document in documents)
        {
            // A fresh store per document, as a new reader's machine has.
            var environment = new Dictionary<string, string>
            {
                ["SHOP_SQLITE_PATH"] = Path.Combine(scratch, "stores", document.Replace('/', '-'), "shop.db"),
                ["DOTNET_CLI_HOME"] = Path.Combine(scratch, "cli-home"),
            };
            foreach (var block in DocBlocks.Read(copy, document).Where(b => b.NotRunReason is null))
            {
                var (exitCode, output, error) = RunBlock(block, copy, scratch, environment);
                if (exitCode != 0)
                {
                    failures.AppendLine($"{block} exited {exitCode}:\n{block.Code}\n--- stdout\n{Tail(output)}\n--- stderr\n{Tail(error)}");
                    continue;
                }

                var at = 0;
                foreach (var answer in block.Answers)
                {
                    var found = output.IndexOf(answer, at, StringComparison.Ordinal);
                    if (found < 0)
                    {
                        failures.AppendLine($"{block}: the documented answer '{answer}' is not in the output (after what came before it):\n{Tail(output)}");
                        break;
                    }

                    at = found + answer.Length;
                }
            }
        }

        Assert.True(failures.Length == 0, failures.ToString());
    }

    private static (int ExitCode, string Output, string Error) RunBlock(DocBlock block, string directory, string scratch, Dictionary<string, string> environment)
    {
        var script = Path.Combine(scratch, $"block-{Path.GetFileNameWithoutExtension(block.File)}-{block.Line}.sh");
        File.WriteAllText(script, "set -euo pipefail\n" + block.Code + "\n");
        // setsid: the block gets a process group of its own, so a server it left running is stopped with it.
        var start = new ProcessStartInfo("setsid") { ArgumentList = { "bash", script }, WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true };
        Dotnet.AsAUser(start);
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEndAsync();
        var finished = process.WaitForExit(TimeSpan.FromMinutes(15));
        using (var kill = Process.Start("kill", ["-KILL", "--", "-" + process.Id]))
        {
            kill.WaitForExit();
        }

        if (!finished)
        {
            process.Kill(entireProcessTree: true);
            return (-1, output.Result, "timed out after 15 minutes\n" + error.Result);
        }

        process.WaitForExit();
        return (process.ExitCode, output.Result, error.Result);
    }

    /// <summary>The repository's files (tracked, and new ones not ignored) without build output, as a clone has them.</summary>
    private static void CopyRepository(string destination)
    {
        var start = new ProcessStartInfo("git") { ArgumentList = { "ls-files", "--cached", "--others", "--exclude-standard", "-z" }, WorkingDirectory = s_root, RedirectStandardOutput = true };
        using var git = Process.Start(start)!;
        var files = git.StandardOutput.ReadToEnd().Split('\0', StringSplitOptions.RemoveEmptyEntries);
        git.WaitForExit();
        Assert.True(git.ExitCode == 0 && files.Length > 0, "git ls-files failed in " + s_root);
        foreach (var file in files)
        {
            var source = Path.Combine(s_root, file);
            if (!File.Exists(source))
            {
                continue; // deleted in the work tree
            }

            var target = Path.Combine(destination, file);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(source, target);
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(target, File.GetUnixFileMode(source));
            }
        }
    }

    /// <summary>
    /// This version of the repository's packages, removed from NuGet's global folder: the documents pack
    /// them anew, and a restore would otherwise take the copy an earlier build of the same version left there.
    /// </summary>
    private static void ForgetCachedPackages()
    {
        var version = XDocument.Load(Path.Combine(s_root, "Directory.Build.props")).Descendants("VersionPrefix").Single().Value;
        foreach (var folder in Dotnet.ExtractedPackages(version))
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }

    private static string Tail(string text) => text.Length <= 6000 ? text : "...\n" + text[^6000..];

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
