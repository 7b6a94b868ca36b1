using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace Router.Generator.Model;

/// <summary>
/// Where a diagnostic points, as plain values, so cached models never hold a <see cref="Location"/>
/// (which would pin a syntax tree and compare by reference). Equality: by value of every field.
/// </summary>
/// <param name="Anchor">
/// In the position-free projection (<see cref="RouteTable.PositionFree"/>), what this is the location of,
/// so the span can be found again in the located specs; <see langword="null"/> in the located specs.
/// </param>
public sealed record LocationInfo(string FilePath, TextSpan Span, LinePositionSpan LineSpan, string? Anchor = null)
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
    /// The same file with no position but <paramref name="anchor"/>: what the route table is built from, so
    /// that an edit which only moves code (most keystrokes) leaves the table's input equal and its step
    /// cached. The file stays, because RTR010 compares files.
    /// </summary>
    public LocationInfo FileOnly(string anchor) => new(FilePath, default, default, anchor);

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
