namespace Router.Package.Tests;

/// <summary>
/// A fenced shell block of the documentation: the commands a reader copies. Its info string is the
/// language (<c>sh</c>, <c>bash</c>, <c>shell</c>, <c>console</c>) and, for a block that cannot run on
/// this project's machines, <c>not-run: why</c> (<c>```sh not-run: needs an AWS account</c>); renderers
/// read only the first word. A line <c># → text</c> after a command is an answer the block documents:
/// its standard output must contain each such text, in order.
/// </summary>
public sealed record DocBlock(string File, int Line, string Language, string Code, string? NotRunReason)
{
    private const string AnswerMark = "# → ";

    /// <summary>The answers the block documents, in order.</summary>
    public IReadOnlyList<string> Answers
        => Code.Split('\n').Select(l => l.Trim()).Where(l => l.StartsWith(AnswerMark, StringComparison.Ordinal)).Select(l => l[AnswerMark.Length..]).ToArray();

    public override string ToString() => $"{File}:{Line}";
}

/// <summary>Reads the shell blocks of the documents a user reads.</summary>
public static class DocBlocks
{
    private static readonly string[] s_shellLanguages = ["sh", "bash", "shell", "console"];

    /// <summary>The documents, relative to the repository root: the README, docs/ (with the diagnostics' pages) and the template's README.</summary>
    public static IReadOnlyList<string> Documents(string root)
        => [
            "README.md",
            .. Directory.EnumerateFiles(Path.Combine(root, "docs"), "*.md", SearchOption.AllDirectories)
                .Select(path => Path.GetRelativePath(root, path).Replace('\\', '/'))
                .Order(StringComparer.Ordinal),
            "templates/Router.Templates/README.md",
        ];

    /// <summary>Every shell block of <paramref name="document"/>, in order.</summary>
    public static IEnumerable<DocBlock> Read(string root, string document)
    {
        var lines = File.ReadAllLines(Path.Combine(root, document));
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].TrimStart();
            if (!line.StartsWith("```", StringComparison.Ordinal))
            {
                continue;
            }

            var info = line[3..].Trim();
            var end = i + 1;
            while (end < lines.Length && !lines[end].TrimStart().StartsWith("```", StringComparison.Ordinal))
            {
                end++;
            }

            var language = info.Split(' ', 2)[0];
            if (s_shellLanguages.Contains(language, StringComparer.Ordinal))
            {
                var marker = info.IndexOf("not-run:", StringComparison.Ordinal);
                var reason = marker < 0 ? null : info[(marker + "not-run:".Length)..].Trim();
                yield return new DocBlock(document, i + 1, language, string.Join('\n', lines[(i + 1)..end]), reason);
            }

            i = end;
        }
    }
}
