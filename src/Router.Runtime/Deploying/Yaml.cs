using System.Collections;
using System.Globalization;
using System.Text;

namespace Router.Runtime.Deploying;

/// <summary>
/// A YAML document as the deployment descriptions need it: block mappings and sequences of scalars, each
/// string double-quoted with JSON's escapes (valid YAML 1.2 for every reader), numbers and booleans plain.
/// Written by <see cref="YamlText.Write"/>; keys keep their insertion order.
/// </summary>
internal abstract class YamlNode;

/// <summary>A scalar, already in its YAML form.</summary>
internal sealed class YamlScalar : YamlNode
{
    private YamlScalar(string text) => Text = text;

    public string Text { get; }

    public static YamlScalar String(string value) => new(YamlText.Quote(value));

    public static YamlScalar Number(long value) => new(value.ToString(CultureInfo.InvariantCulture));

    public static YamlScalar Number(double value) => new(value.ToString("R", CultureInfo.InvariantCulture));

    public static YamlScalar Boolean(bool value) => new(value ? "true" : "false");
}

/// <summary>A block mapping; collection initializers add its entries in order.</summary>
internal sealed class YamlMap : YamlNode, IEnumerable<KeyValuePair<string, YamlNode>>
{
    private readonly List<KeyValuePair<string, YamlNode>> _entries = [];

    public int Count => _entries.Count;

    public void Add(string key, YamlNode value) => _entries.Add(new(key, value));

    public void Add(string key, string value) => Add(key, YamlScalar.String(value));

    public void Add(string key, long value) => Add(key, YamlScalar.Number(value));

    public void Add(string key, double value) => Add(key, YamlScalar.Number(value));

    public void Add(string key, bool value) => Add(key, YamlScalar.Boolean(value));

    public IEnumerator<KeyValuePair<string, YamlNode>> GetEnumerator() => _entries.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}

/// <summary>A block sequence; collection initializers add its items in order.</summary>
internal sealed class YamlSequence : YamlNode, IEnumerable<YamlNode>
{
    private readonly List<YamlNode> _items = [];

    public int Count => _items.Count;

    public void Add(YamlNode item) => _items.Add(item);

    public void Add(string item) => Add(YamlScalar.String(item));

    public IEnumerator<YamlNode> GetEnumerator() => _items.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}

/// <summary>Writes a <see cref="YamlNode"/> tree as block YAML, two spaces an indent, after optional comment lines.</summary>
internal static class YamlText
{
    public static string Write(YamlMap document, IEnumerable<string> comments)
    {
        var text = new StringBuilder();
        foreach (var comment in comments)
        {
            text.Append("# ").Append(comment).Append('\n');
        }

        WriteMap(text, document, 0, firstPrefix: null);
        return text.ToString();
    }

    /// <summary>A YAML double-quoted scalar: JSON's escapes, which YAML's double-quoted style accepts.</summary>
    public static string Quote(string value)
    {
        var text = new StringBuilder(value.Length + 2).Append('"');
        foreach (var c in value)
        {
            switch (c)
            {
                case '"': text.Append("\\\""); break;
                case '\\': text.Append("\\\\"); break;
                case '\n': text.Append("\\n"); break;
                case '\r': text.Append("\\r"); break;
                case '\t': text.Append("\\t"); break;
                default:
                    if (char.IsControl(c))
                    {
                        text.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        text.Append(c);
                    }

                    break;
            }
        }

        return text.Append('"').ToString();
    }

    private static void WriteMap(StringBuilder text, YamlMap map, int indent, string? firstPrefix)
    {
        var first = true;
        foreach (var (key, value) in map)
        {
            text.Append(first && firstPrefix is not null ? firstPrefix : new string(' ', indent)).Append(Key(key)).Append(':');
            first = false;
            WriteValue(text, value, indent);
        }
    }

    private static void WriteValue(StringBuilder text, YamlNode value, int indent)
    {
        switch (value)
        {
            case YamlScalar scalar:
                text.Append(' ').Append(scalar.Text).Append('\n');
                break;
            case YamlMap { Count: 0 }:
                text.Append(" {}\n");
                break;
            case YamlSequence { Count: 0 }:
                text.Append(" []\n");
                break;
            case YamlMap map:
                text.Append('\n');
                WriteMap(text, map, indent + 2, firstPrefix: null);
                break;
            case YamlSequence sequence:
                text.Append('\n');
                foreach (var item in sequence)
                {
                    var dash = new string(' ', indent + 2) + "- ";
                    if (item is YamlMap { Count: > 0 } itemMap)
                    {
                        WriteMap(text, itemMap, indent + 4, firstPrefix: dash);
                    }
                    else if (item is YamlScalar itemScalar)
                    {
                        text.Append(dash).Append(itemScalar.Text).Append('\n');
                    }
                    else
                    {
                        throw new NotSupportedException("A sequence item is a scalar or a non-empty mapping.");
                    }
                }

                break;
        }
    }

    // A plain key where YAML reads it back as the same string; quoted otherwise.
    private static string Key(string key)
    {
        var plain = key.Length > 0 && (char.IsAsciiLetter(key[0]) || key[0] == '_');
        foreach (var c in key)
        {
            plain &= char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.' or '/';
        }

        return plain && key is not ("true" or "false" or "null" or "yes" or "no" or "on" or "off") ? key : Quote(key);
    }
}
