using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace Router.Generator.Model;

/// <summary>
/// Where a diagnostic points, as plain values, so cached models never hold a <see cref="Location"/>
/// (which would pin a syntax tree and compare by reference). Equality: by value of every field.
/// </summary>
public sealed record LocationInfo(string FilePath, TextSpan Span, LinePositionSpan LineSpan)
{
    public Location ToLocation() => Location.Create(FilePath, Span, LineSpan);

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
