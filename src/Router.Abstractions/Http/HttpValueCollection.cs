using System.Collections;

namespace Router;

/// <summary>
/// Names with one or more string values each, in the order they arrived: HTTP headers (names compare
/// case-insensitively, as HTTP defines them) or query parameters (names compare ordinally). A name that
/// arrived several times keeps every value (<c>?id=1&amp;id=2</c>, two <c>Accept</c> headers).
/// </summary>
/// <remarks>
/// The request's collections (<see cref="HttpRequestInfo.Headers"/>, <see cref="HttpRequestInfo.Query"/>)
/// are read-only: adding to them throws <see cref="InvalidOperationException"/>. The response's
/// (<see cref="HttpResponseInfo.Headers"/>) can be changed by handlers and middleware. Not thread-safe.
/// </remarks>
public sealed class HttpValueCollection : IEnumerable<KeyValuePair<string, IReadOnlyList<string>>>
{
    private readonly List<string> _names = [];
    private readonly Dictionary<string, List<string>> _values;

    /// <summary>Creates an empty, changeable collection.</summary>
    /// <param name="ignoreCase">Whether names compare case-insensitively (headers) rather than ordinally (query).</param>
    public HttpValueCollection(bool ignoreCase)
    {
        IgnoreCase = ignoreCase;
        _values = new Dictionary<string, List<string>>(ignoreCase ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal);
    }

    /// <summary>Whether names compare case-insensitively.</summary>
    public bool IgnoreCase { get; }

    /// <summary>Whether <see cref="Add"/>, <see cref="Set"/> and <see cref="Remove"/> throw.</summary>
    public bool IsReadOnly { get; private set; }

    /// <summary>How many distinct names there are.</summary>
    public int Count => _names.Count;

    /// <summary>The distinct names, in the order each first arrived (in the case it first arrived in).</summary>
    public IReadOnlyList<string> Names => _names;

    /// <summary>The first value of <paramref name="name"/>, or <see langword="null"/> when there is none.</summary>
    public string? this[string name] => _values.TryGetValue(name, out var values) ? values[0] : null;

    /// <summary>Every value of <paramref name="name"/>, in order; empty when there is none.</summary>
    public IReadOnlyList<string> GetValues(string name) => _values.TryGetValue(name, out var values) ? values : [];

    /// <summary>Whether <paramref name="name"/> has a value.</summary>
    public bool Contains(string name) => _values.ContainsKey(name);

    /// <summary>Adds a value to <paramref name="name"/>, after any it has.</summary>
    /// <exception cref="InvalidOperationException">The collection is read-only.</exception>
    public void Add(string name, string value)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(value);
        ThrowIfReadOnly();
        if (_values.TryGetValue(name, out var values))
        {
            values.Add(value);
        }
        else
        {
            _values.Add(name, [value]);
            _names.Add(name);
        }
    }

    /// <summary>Makes <paramref name="value"/> the only value of <paramref name="name"/>.</summary>
    /// <exception cref="InvalidOperationException">The collection is read-only.</exception>
    public void Set(string name, string value)
    {
        Remove(name);
        Add(name, value);
    }

    /// <summary>Removes every value of <paramref name="name"/>; returns whether there was one.</summary>
    /// <exception cref="InvalidOperationException">The collection is read-only.</exception>
    public bool Remove(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        ThrowIfReadOnly();
        if (!_values.Remove(name))
        {
            return false;
        }

        _names.RemoveAt(_names.FindIndex(n => _values.Comparer.Equals(n, name)));
        return true;
    }

    /// <summary>Makes the collection read-only; the runtime does this to the request's collections.</summary>
    public HttpValueCollection AsReadOnly()
    {
        IsReadOnly = true;
        return this;
    }

    /// <inheritdoc />
    public IEnumerator<KeyValuePair<string, IReadOnlyList<string>>> GetEnumerator()
    {
        foreach (var name in _names)
        {
            yield return new KeyValuePair<string, IReadOnlyList<string>>(name, _values[name]);
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private void ThrowIfReadOnly()
    {
        if (IsReadOnly)
        {
            throw new InvalidOperationException("These are the request's values, which are read-only; set response headers on context.Response.Headers.");
        }
    }
}
