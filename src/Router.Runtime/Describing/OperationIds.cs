namespace Router.Runtime.Describing;

/// <summary>
/// Unique <c>operationId</c>s from handler names: the method's name (<c>MakeOrder</c>), its class's before
/// it when two handlers share a method name (<c>PayHandlers_MakeOrder</c>), and a number after that when a
/// handler serves several routes or methods.
/// </summary>
internal sealed class OperationIds
{
    private readonly HashSet<string> _taken = new(StringComparer.Ordinal);

    /// <summary>The next id for <paramref name="handler"/> (<c>Namespace.Type.Method</c>), with <paramref name="suffix"/> appended (<c>Post</c> for a route's second method).</summary>
    public string Next(string handler, string suffix = "")
    {
        var parts = handler.Split('.');
        var method = parts[^1] + suffix;
        if (_taken.Add(method))
        {
            return method;
        }

        var qualified = parts.Length > 1 ? $"{parts[^2]}_{method}" : method;
        if (_taken.Add(qualified))
        {
            return qualified;
        }

        for (var n = 2; ; n++)
        {
            var numbered = qualified + n.ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (_taken.Add(numbered))
            {
                return numbered;
            }
        }
    }
}
