namespace Router.Runtime.Http;

/// <summary>The limits an HTTP request is held to, from <see cref="FunctionInvokerOptions"/>, and their checks.</summary>
/// <param name="MaxHeaderBytes">The most bytes of header names and values together (431 beyond).</param>
/// <param name="MaxQueryBytes">The most bytes of the query (414 beyond).</param>
/// <param name="MaxBodyBytes">The most bytes of the decoded body (413 beyond).</param>
/// <param name="MaxDepth">The deepest nesting of a JSON body.</param>
internal readonly record struct HttpLimits(int MaxHeaderBytes, int MaxQueryBytes, int MaxBodyBytes, int MaxDepth)
{
    public static HttpLimits From(FunctionInvokerOptions options)
        => new(options.MaxHttpHeaderBytes, options.MaxHttpQueryBytes, options.MaxEventBytes, options.MaxDepth);

    /// <exception cref="HttpEventException">431: the headers' names and values are more bytes than <see cref="MaxHeaderBytes"/>.</exception>
    public void CheckHeaders(HttpValueCollection headers)
    {
        long total = 0;
        foreach (var (headerName, values) in headers)
        {
            foreach (var value in values)
            {
                total += headerName.Length + value.Length;
            }
        }

        if (total > MaxHeaderBytes)
        {
            throw HttpEventException.Invalid($"The request headers are {total} bytes, larger than the limit of {MaxHeaderBytes} bytes.", 431);
        }
    }

    /// <exception cref="HttpEventException">414: the query's keys and values (with their <c>=</c> and <c>&amp;</c>) are more bytes than <see cref="MaxQueryBytes"/>.</exception>
    public void CheckQuery(HttpValueCollection query)
    {
        long total = 0;
        foreach (var (key, values) in query)
        {
            foreach (var value in values)
            {
                total += key.Length + value.Length + 2;
            }
        }

        CheckQuery(total);
    }

    /// <exception cref="HttpEventException">414: <paramref name="length"/> is more than <see cref="MaxQueryBytes"/>.</exception>
    public void CheckQuery(long length)
    {
        if (length > MaxQueryBytes)
        {
            throw HttpEventException.Invalid($"The query string is {length} bytes, larger than the limit of {MaxQueryBytes} bytes.", 414);
        }
    }
}
