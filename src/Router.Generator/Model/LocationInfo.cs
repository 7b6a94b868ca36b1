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
