namespace Router.Generator.Parsing;

/// <summary>The rules for route and pattern text. Pure functions, shared by parsing and the route table.</summary>
public static class RouteText
{
    /// <summary>Returns why <paramref name="route"/> is not a valid route, or null when it is.</summary>
    public static string? Validate(string route)
    {
        if (route.Length == 0)
        {
            return "it is empty";
        }

        if (route[0] == '/')
        {
            return "it starts with '/'";
        }

        if (route[route.Length - 1] == '/')
        {
            return "it ends with '/'";
        }

        var segmentLength = 0;
        foreach (var c in route)
        {
            if (c == '/')
            {
                if (segmentLength == 0)
                {
                    return "it has an empty segment ('//')";
                }

                segmentLength = 0;
                continue;
            }

            if (!IsRouteChar(c))
            {
                return char.IsWhiteSpace(c) ? "it contains whitespace" : $"it contains '{c}'";
            }

            segmentLength++;
        }

        return null;
    }

    /// <summary>
    /// Splits <c>Methods</c> (<c>"GET,POST"</c>) into methods; returns why it is not a list of HTTP methods
    /// (each one or more upper-case letters, none twice), or null when it is.
    /// </summary>
    public static string? ParseMethods(string text, out string[] methods)
    {
        var parts = text.Split(',');
        methods = new string[parts.Length];
        for (var i = 0; i < parts.Length; i++)
        {
            var method = parts[i].Trim();
            if (method.Length == 0)
            {
                return parts.Length == 1 ? "it names no method; leave Methods out to take every method" : "it has an empty entry";
            }

            foreach (var c in method)
            {
                if (c is < 'A' or > 'Z')
                {
                    return c is >= 'a' and <= 'z'
                        ? $"'{method}' is not upper case; HTTP methods are case-sensitive, write '{method.ToUpperInvariant()}'"
                        : $"'{method}' is not an HTTP method";
                }
            }

            if (Array.IndexOf(methods, method, 0, i) >= 0)
            {
                return $"'{method}' is named twice";
            }

            methods[i] = method;
        }

        return null;
    }

    /// <summary>Returns why <paramref name="pattern"/> is not a valid middleware pattern, or null when it is.</summary>
    public static string? ValidatePattern(string pattern)
    {
        if (pattern == "*")
        {
            return null;
        }

        if (pattern.EndsWith("/*", StringComparison.Ordinal))
        {
            return Validate(pattern.Substring(0, pattern.Length - 2));
        }

        return Validate(pattern);
    }

    /// <summary>Whether <paramref name="pattern"/> (<c>*</c>, <c>prefix/*</c> or exact) matches <paramref name="route"/>. Case-sensitive.</summary>
    public static bool Matches(string pattern, string route)
    {
        if (pattern == "*")
        {
            return true;
        }

        if (pattern.EndsWith("/*", StringComparison.Ordinal))
        {
            var prefixLength = pattern.Length - 1; // keeps the '/'
            return route.Length > prefixLength && string.CompareOrdinal(route, 0, pattern, 0, prefixLength) == 0;
        }

        return string.Equals(pattern, route, StringComparison.Ordinal);
    }

    /// <summary>Whether <paramref name="text"/> is a pattern rather than a route (it contains <c>*</c>).</summary>
    public static bool IsPattern(string text) => text.IndexOf('*') >= 0;

    private static bool IsRouteChar(char c)
        => c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '-' or '_' or '.' or '~';
}
