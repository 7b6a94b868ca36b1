using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace Router.Generator.Model;

/// <summary>
/// Where a diagnostic points, as plain values, so cached models never hold a <see cref="Location"/>
/// (which would pin a syntax tree and compare by reference). Equality: by value of every field.
/// </summary>
public sealed record LocationInfo(string FilePath, TextSpan Span, LinePositionSpan LineSpan)
{
    /// <summary>
    /// A source location in the tree of <paramref name="compilation"/> with this path when there is one
    /// (pragmas and .editorconfig apply only to those), else an external-file location.
    /// </summary>
    public Location ToLocation(Compilation? compilation)
    {
        if (compilation is not null)
        {
            foreach (var tree in compilation.SyntaxTrees)
            {
                if (tree.FilePath == FilePath && Span.End <= tree.Length)
                {
                    return Location.Create(tree, Span);
                }
            }
        }

        return Location.Create(FilePath, Span, LineSpan);
    }

    /// <summary>
    /// The same file with no position: what the route table is built from, so that an edit which only
    /// moves code (most keystrokes) leaves the table's input equal and its step cached. The file stays,
    /// because RTR010 compares files.
    /// </summary>
    public LocationInfo FileOnly() => Span.IsEmpty && Span.Start == 0 ? this : new LocationInfo(FilePath, default, default);

    public static LocationInfo? From(SyntaxNode? node) => From(node?.GetLocation());

    public static LocationInfo? From(Location? location)
    {
        if (location?.SourceTree is null)
        {
            return null;
        }

        return new LocationInfo(location.SourceTree.FilePath, location.SourceSpan, location.GetLineSpan().Span);
    }
}
