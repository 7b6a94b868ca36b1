using System.Text;
using System.Xml;
using System.Xml.Linq;
using Microsoft.CodeAnalysis;

namespace Router.Generator.Parsing;

/// <summary>
/// A handler's XML documentation comment as plain text: its <c>&lt;summary&gt;</c> and
/// <c>&lt;remarks&gt;</c>, which the route table carries and the <c>openapi</c> command writes as an
/// operation's <c>summary</c> and <c>description</c>.
/// </summary>
/// <remarks>
/// Whitespace runs become one space and paragraphs (<c>&lt;para&gt;</c>) a blank line; <c>&lt;see cref&gt;</c>
/// becomes the member's simple name, <c>&lt;see langword&gt;</c> the keyword, <c>&lt;paramref&gt;</c> and
/// <c>&lt;typeparamref&gt;</c> the name, and <c>&lt;c&gt;</c> its text. A comment that is not well-formed
/// XML gives no text (the compiler warns about it, CS1570).
/// </remarks>
internal static class HandlerDocumentation
{
    /// <summary>The summary and remarks of <paramref name="method"/>, each <see langword="null"/> when absent or empty.</summary>
    public static (string? Summary, string? Remarks) Read(IMethodSymbol method, CancellationToken cancellationToken)
    {
        var xml = method.GetDocumentationCommentXml(cancellationToken: cancellationToken);
        if (string.IsNullOrWhiteSpace(xml))
        {
            // Without GenerateDocumentationFile the compiler does not parse doc comments (DocumentationMode.None):
            // they are plain "///" comments before the declaration, read here as the same XML.
            xml = FromTrivia(method, cancellationToken);
            if (xml is null)
            {
                return (null, null);
            }
        }

        XElement root;
        try
        {
            root = XElement.Parse(xml, LoadOptions.PreserveWhitespace);
        }
        catch (XmlException)
        {
            return (null, null);
        }

        return (Text(root.Element("summary")), Text(root.Element("remarks")));
    }

    private static string? FromTrivia(IMethodSymbol method, CancellationToken cancellationToken)
    {
        foreach (var reference in method.DeclaringSyntaxReferences)
        {
            var lines = new List<string>();
            foreach (var trivia in reference.GetSyntax(cancellationToken).GetLeadingTrivia())
            {
                var text = trivia.ToString();
                if (text.StartsWith("///", StringComparison.Ordinal))
                {
                    lines.Add(text.Substring(3));
                }
                else if (text.StartsWith("//", StringComparison.Ordinal) || text.StartsWith("/*", StringComparison.Ordinal))
                {
                    // Another comment between the doc comment and the declaration ends it, as the compiler reads it.
                    lines.Clear();
                }
            }

            if (lines.Count > 0)
            {
                return "<doc>" + string.Join("\n", lines) + "</doc>";
            }
        }

        return null;
    }

    private static string? Text(XElement? element)
    {
        if (element is null)
        {
            return null;
        }

        var text = new StringBuilder();
        Append(element, text);
        var paragraphs = text.ToString()
            .Split(new[] { "\n\n" }, StringSplitOptions.None)
            .Select(Collapse)
            .Where(p => p.Length > 0);
        var joined = string.Join("\n\n", paragraphs);
        return joined.Length == 0 ? null : joined;
    }

    private static void Append(XElement element, StringBuilder text)
    {
        foreach (var node in element.Nodes())
        {
            switch (node)
            {
                case XText value:
                    text.Append(value.Value.Replace('\n', ' ').Replace('\r', ' '));
                    break;
                case XElement { Name.LocalName: "para" } para:
                    text.Append("\n\n");
                    Append(para, text);
                    text.Append("\n\n");
                    break;
                case XElement { Name.LocalName: "see" or "seealso" } see:
                    text.Append(see.Attribute("langword")?.Value ?? SimpleName(see.Attribute("cref")?.Value) ?? see.Attribute("href")?.Value ?? see.Value);
                    break;
                case XElement { Name.LocalName: "paramref" or "typeparamref" } reference:
                    text.Append(reference.Attribute("name")?.Value);
                    break;
                case XElement other:
                    Append(other, text);
                    break;
            }
        }
    }

    // "T:Shop.Orders.Order" or "M:Shop.Pay.MakeOrder(System.String)": the last name before any parameters.
    private static string? SimpleName(string? cref)
    {
        if (cref is null)
        {
            return null;
        }

        var name = cref.Length > 2 && cref[1] == ':' ? cref.Substring(2) : cref;
        var parameters = name.IndexOf('(');
        if (parameters >= 0)
        {
            name = name.Substring(0, parameters);
        }

        return name.Substring(name.LastIndexOf('.') + 1);
    }

    private static string Collapse(string text)
    {
        var collapsed = new StringBuilder(text.Length);
        var space = false;
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c))
            {
                space = collapsed.Length > 0;
                continue;
            }

            if (space)
            {
                collapsed.Append(' ');
                space = false;
            }

            collapsed.Append(c);
        }

        return collapsed.ToString();
    }
}
