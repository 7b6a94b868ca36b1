namespace Router.Runtime.Http;

/// <summary>Values of request headers every HTTP source reads alike: cookies and the forwarded client address.</summary>
internal static class HttpHeaderValues
{
    /// <summary>The address that connected to the load balancer: the last entry of <c>X-Forwarded-For</c> (earlier ones are the client's claims).</summary>
    internal static string? LastForwardedFor(HttpValueCollection headers)
    {
        var values = headers.GetValues("X-Forwarded-For");
        if (values.Count == 0)
        {
            return null;
        }

        var last = values[^1];
        var comma = last.LastIndexOf(',');
        var ip = (comma < 0 ? last : last[(comma + 1)..]).Trim();
        return ip.Length == 0 ? null : ip;
    }

    /// <summary>Adds the pairs of one <c>Cookie</c> header (<c>a=1; b=2</c>); the first of a repeated name wins.</summary>
    internal static void AddCookies(Dictionary<string, string> cookies, string header)
    {
        foreach (var part in header.Split(';'))
        {
            AddCookie(cookies, part);
        }
    }

    internal static void AddCookie(Dictionary<string, string> cookies, string pair)
    {
        var equals = pair.IndexOf('=');
        if (equals <= 0)
        {
            return;
        }

        var value = pair[(equals + 1)..].Trim();
        if (value.Length >= 2 && value[0] == '"' && value[^1] == '"')
        {
            value = value[1..^1];
        }

        cookies.TryAdd(pair[..equals].Trim(), value);
    }
}
