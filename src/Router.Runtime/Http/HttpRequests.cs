namespace Router.Runtime.Http;

/// <summary>Builds the request of a real HTTP request at the function's own server from its parts.</summary>
internal static class HttpRequests
{
    /// <summary>The request in the model every platform shares.</summary>
    /// <param name="method">The request method.</param>
    /// <param name="rawTarget">The request target as sent: <c>/pay/makeOrder?x=1</c> (or an absolute URL).</param>
    /// <param name="headers">The headers in the order they arrived.</param>
    /// <param name="body">The body, already held to the body limit.</param>
    /// <param name="remoteAddress">Who connected, or <see langword="null"/>.</param>
    /// <param name="platformHeaders">
    /// Behind Alibaba FC: leave out its reserved <c>x-fc-*</c> headers (its credentials among them) and take
    /// the client from the last <c>X-Forwarded-For</c> entry. On <c>serve</c>, the client is whoever connected.
    /// </param>
    /// <param name="limits">The header and query limits.</param>
    /// <exception cref="HttpEventException">The query or headers pass their limits, or the query is not validly encoded.</exception>
    public static HttpRequestInfo FromParts(
        string method,
        string rawTarget,
        IEnumerable<KeyValuePair<string, string>> headers,
        ReadOnlyMemory<byte> body,
        string? remoteAddress,
        bool platformHeaders,
        HttpLimits limits)
    {
        var question = rawTarget.IndexOf('?');
        var path = question < 0 ? rawTarget : rawTarget[..question];
        if (!path.StartsWith('/'))
        {
            // An absolute-form request target (http://host/path): keep its path.
            path = Uri.TryCreate(path, UriKind.Absolute, out var absolute) ? absolute.AbsolutePath : "/" + path;
        }

        var query = new HttpValueCollection(ignoreCase: false);
        if (question >= 0)
        {
            var rawQuery = rawTarget[(question + 1)..];
            if (rawQuery.Length > limits.MaxQueryBytes)
            {
                throw HttpEventException.Invalid($"The query string is {rawQuery.Length} bytes, larger than the limit of {limits.MaxQueryBytes} bytes.", 414);
            }

            UrlEncoding.ParsePairs(rawQuery, query, "The query string");
        }

        var collected = new HttpValueCollection(ignoreCase: true);
        long headerBytes = 0;
        foreach (var (name, value) in headers)
        {
            if (platformHeaders && name.StartsWith("x-fc-", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            collected.Add(name, value);
            headerBytes += name.Length + value.Length;
        }

        if (headerBytes > limits.MaxHeaderBytes)
        {
            throw HttpEventException.Invalid($"The request headers are {headerBytes} bytes, larger than the limit of {limits.MaxHeaderBytes} bytes.", 431);
        }

        var cookies = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var cookieHeader in collected.GetValues("Cookie"))
        {
            HttpHeaderValues.AddCookies(cookies, cookieHeader);
        }

        return new HttpRequestInfo(method, path)
        {
            Headers = collected.AsReadOnly(),
            Query = query.AsReadOnly(),
            Cookies = cookies,
            SourceIp = (platformHeaders ? HttpHeaderValues.LastForwardedFor(collected) : null) ?? remoteAddress,
            Body = body,
        };
    }
}
