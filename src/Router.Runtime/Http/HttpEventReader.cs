using System.Text;
using System.Text.Json;
using Router.Runtime.Events;

namespace Router.Runtime.Http;

/// <summary>The limits an HTTP request is held to, from <see cref="FunctionInvokerOptions"/>.</summary>
/// <param name="MaxHeaderBytes">The most bytes of header names and values together (431 beyond).</param>
/// <param name="MaxQueryBytes">The most bytes of the query (414 beyond).</param>
/// <param name="MaxBodyBytes">The most bytes of the decoded body (413 beyond).</param>
/// <param name="MaxDepth">The deepest nesting of a JSON body.</param>
internal readonly record struct HttpLimits(int MaxHeaderBytes, int MaxQueryBytes, int MaxBodyBytes, int MaxDepth)
{
    public static HttpLimits From(FunctionInvokerOptions options)
        => new(options.MaxHttpHeaderBytes, options.MaxHttpQueryBytes, options.MaxEventBytes, options.MaxDepth);
}

/// <summary>
/// Recognises each platform's HTTP event by its shape and reads it into one <see cref="HttpRequestInfo"/>
/// (the shapes and where each field is: docs/platforms.md, "HTTP-trigger events and their responses").
/// </summary>
internal static class HttpEventReader
{
    /// <summary>Which HTTP shape <paramref name="root"/> has, or <see langword="null"/> when it is none (a direct event without <c>$url</c>).</summary>
    public static HttpShape? Recognise(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        var context = root.TryGetProperty("requestContext", out var c) && c.ValueKind == JsonValueKind.Object ? c : default;
        if (context.ValueKind == JsonValueKind.Object && context.TryGetProperty("elb", out var elb) && elb.ValueKind == JsonValueKind.Object)
        {
            return HttpShape.LoadBalancer;
        }

        var version = String(root, "version");
        if (version == "2.0" && root.TryGetProperty("rawPath", out _))
        {
            return String(context, "domainName") is { } domain && domain.Contains(".lambda-url.", StringComparison.Ordinal) && domain.EndsWith(".on.aws", StringComparison.Ordinal)
                ? HttpShape.FunctionUrl
                : HttpShape.ApiGatewayHttp;
        }

        if (context.ValueKind == JsonValueKind.Object && context.TryGetProperty("serviceId", out _) && root.TryGetProperty("httpMethod", out _))
        {
            return HttpShape.TencentApiGateway;
        }

        if (version == "v1" && root.TryGetProperty("rawPath", out _) && context.ValueKind == JsonValueKind.Object && context.TryGetProperty("http", out _))
        {
            return HttpShape.AlibabaHttpTrigger;
        }

        if (root.TryGetProperty("httpMethod", out _) && (root.TryGetProperty("resource", out _) || root.TryGetProperty("path", out _)) && context.ValueKind == JsonValueKind.Object)
        {
            return HttpShape.ApiGatewayRest;
        }

        return null;
    }

    /// <summary>Reads the request out of an event of <paramref name="shape"/>.</summary>
    /// <exception cref="HttpEventException">A field has the wrong type, the body does not decode, or a limit is passed.</exception>
    public static HttpEvent Read(JsonElement root, HttpShape shape, HttpLimits limits)
    {
        var name = HttpShapes.NameOf(shape);
        var context = Object(root, "requestContext", name);
        var headers = new HttpValueCollection(ignoreCase: true);
        var query = new HttpValueCollection(ignoreCase: false);
        var cookies = new Dictionary<string, string>(StringComparer.Ordinal);
        var claims = new Dictionary<string, string>(StringComparer.Ordinal);
        string method, routePath;
        string? sourceIp;
        var path = "/";
        var multiValue = false;

        switch (shape)
        {
            case HttpShape.ApiGatewayRest:
                method = RequiredString(root, "httpMethod", name);
                path = String(root, "path") ?? "/";
                routePath = ProxyPath(root, String(root, "resource")) ?? path;
                ReadHeaders(root, headers, name, preferMultiValue: true);
                ReadQueryMap(root, "multiValueQueryStringParameters", "queryStringParameters", query, name, decode: false);
                sourceIp = String(Object(context, "identity", name), "sourceIp");
                ReadClaims(Object(context, "authorizer", name), claims, name);
                break;

            case HttpShape.ApiGatewayHttp:
            case HttpShape.FunctionUrl:
                method = RequiredString(Object(context, "http", name), "method", name);
                path = RequiredString(root, "rawPath", name);
                routePath = ProxyPath(root, String(root, "routeKey")) ?? WithoutStage(path, String(context, "stage"));
                ReadHeaders(root, headers, name, preferMultiValue: false);
                if (String(root, "rawQueryString") is { Length: > 0 } rawQuery)
                {
                    CheckQueryLength(rawQuery.Length, limits);
                    UrlEncoding.ParsePairs(rawQuery, query, "The query string");
                }
                else
                {
                    ReadQueryMap(root, null, "queryStringParameters", query, name, decode: false);
                }

                foreach (var cookie in Strings(root, "cookies", name))
                {
                    AddCookie(cookies, cookie);
                }

                sourceIp = String(Object(context, "http", name), "sourceIp");
                var authorizer = Object(context, "authorizer", name);
                ReadClaims(Object(Object(authorizer, "jwt", name), "claims", name), claims, name);
                ReadClaims(Object(authorizer, "lambda", name), claims, name);
                ReadClaims(Object(authorizer, "iam", name), claims, name);
                break;

            case HttpShape.LoadBalancer:
                method = RequiredString(root, "httpMethod", name);
                path = String(root, "path") ?? "/";
                routePath = path;
                multiValue = root.TryGetProperty("multiValueHeaders", out var mv) && mv.ValueKind == JsonValueKind.Object;
                ReadHeaders(root, headers, name, preferMultiValue: true);
                // A load balancer passes the query as the client encoded it.
                ReadQueryMap(root, "multiValueQueryStringParameters", "queryStringParameters", query, name, decode: true);
                sourceIp = LastForwardedFor(headers);
                break;

            case HttpShape.TencentApiGateway:
                method = RequiredString(root, "httpMethod", name);
                path = String(root, "path") ?? "/";
                routePath = WithoutPrefix(path, String(context, "path"));
                ReadHeaders(root, headers, name, preferMultiValue: false);
                ReadScfQuery(root, query, name);
                sourceIp = String(context, "sourceIp");
                ReadClaims(Object(context, "identity", name), claims, name);
                break;

            default: // HttpShape.AlibabaHttpTrigger
                method = RequiredString(Object(context, "http", name), "method", name);
                path = RequiredString(root, "rawPath", name);
                routePath = path;
                ReadHeaders(root, headers, name, preferMultiValue: false);
                ReadQueryMap(root, null, "queryParameters", query, name, decode: false);
                sourceIp = String(Object(context, "http", name), "sourceIp");
                break;
        }

        CheckHeaderLength(headers, limits);
        CheckQueryLength(query, limits);
        if (shape != HttpShape.ApiGatewayHttp && shape != HttpShape.FunctionUrl)
        {
            foreach (var cookieHeader in headers.GetValues("Cookie"))
            {
                AddCookies(cookies, cookieHeader);
            }
        }

        var request = new HttpRequestInfo(method, path)
        {
            Headers = headers.AsReadOnly(),
            Query = query.AsReadOnly(),
            Cookies = cookies,
            Claims = claims,
            SourceIp = sourceIp,
            Body = Body(root, name, limits),
            Source = HttpShapes.SourceOf(shape),
        };
        return new HttpEvent(shape, request, routePath, multiValue);
    }

    /// <summary>The <c>{proxy+}</c> part of the path when the API routes a proxy resource to the function.</summary>
    private static string? ProxyPath(JsonElement root, string? resourceOrRouteKey)
    {
        if (resourceOrRouteKey is null || !resourceOrRouteKey.Contains("{proxy+}", StringComparison.Ordinal))
        {
            return null;
        }

        return root.TryGetProperty("pathParameters", out var parameters) && parameters.ValueKind == JsonValueKind.Object
            && String(parameters, "proxy") is { } proxy
                ? "/" + proxy
                : null;
    }

    /// <summary>An HTTP API puts its stage first in <c>rawPath</c>, except the <c>$default</c> stage.</summary>
    private static string WithoutStage(string rawPath, string? stage)
    {
        if (string.IsNullOrEmpty(stage) || stage == "$default")
        {
            return rawPath;
        }

        return HttpRoutes.WithoutPrefix(rawPath, "/" + stage);
    }

    /// <summary>
    /// SCF gives the API's own path (<c>/shop</c>, or a pattern <c>/test/{path}</c>) in
    /// <c>requestContext.path</c>: the route is what follows its literal part.
    /// </summary>
    private static string WithoutPrefix(string path, string? apiPath)
    {
        if (string.IsNullOrEmpty(apiPath))
        {
            return path;
        }

        var brace = apiPath.IndexOf('{');
        var prefix = (brace < 0 ? apiPath : apiPath[..brace]).TrimEnd('/');
        return prefix.Length == 0 ? path : HttpRoutes.WithoutPrefix(path, prefix);
    }

    private static void ReadHeaders(JsonElement root, HttpValueCollection headers, string name, bool preferMultiValue)
    {
        if (preferMultiValue && root.TryGetProperty("multiValueHeaders", out var multi) && multi.ValueKind == JsonValueKind.Object)
        {
            foreach (var header in multi.EnumerateObject())
            {
                foreach (var value in StringList(header.Value, "multiValueHeaders", name))
                {
                    headers.Add(header.Name, value);
                }
            }

            return;
        }

        foreach (var header in StringMap(root, "headers", name))
        {
            headers.Add(header.Key, header.Value);
        }
    }

    private static void ReadQueryMap(JsonElement root, string? multiName, string singleName, HttpValueCollection query, string name, bool decode)
    {
        if (multiName is not null && root.TryGetProperty(multiName, out var multi) && multi.ValueKind == JsonValueKind.Object)
        {
            foreach (var parameter in multi.EnumerateObject())
            {
                foreach (var value in StringList(parameter.Value, multiName, name))
                {
                    AddQuery(query, parameter.Name, value, decode);
                }
            }

            return;
        }

        foreach (var parameter in StringMap(root, singleName, name))
        {
            AddQuery(query, parameter.Key, parameter.Value, decode);
        }
    }

    private static void AddQuery(HttpValueCollection query, string key, string value, bool decode)
    {
        if (decode)
        {
            query.Add(UrlEncoding.DecodeComponent(key, "The query string"), UrlEncoding.DecodeComponent(value, "The query string"));
        }
        else
        {
            query.Add(key, value);
        }
    }

    /// <summary>SCF's <c>queryString</c>: each value a string, an array of strings, or <c>true</c> for a key without a value.</summary>
    private static void ReadScfQuery(JsonElement root, HttpValueCollection query, string name)
    {
        if (!root.TryGetProperty("queryString", out var queryString) || queryString.ValueKind == JsonValueKind.Null)
        {
            foreach (var parameter in StringMap(root, "queryStringParameters", name))
            {
                query.Add(parameter.Key, parameter.Value);
            }

            return;
        }

        if (queryString.ValueKind != JsonValueKind.Object)
        {
            throw WrongType(name, "queryString", queryString, "an object");
        }

        foreach (var parameter in queryString.EnumerateObject())
        {
            switch (parameter.Value.ValueKind)
            {
                case JsonValueKind.True:
                    query.Add(parameter.Name, "");
                    break;
                case JsonValueKind.String:
                    query.Add(parameter.Name, parameter.Value.GetString()!);
                    break;
                case JsonValueKind.Array:
                    foreach (var value in StringList(parameter.Value, "queryString", name))
                    {
                        query.Add(parameter.Name, value);
                    }

                    break;
                default:
                    throw WrongType(name, "queryString." + parameter.Name, parameter.Value, "a string, an array of strings or true");
            }
        }
    }

    private static void ReadClaims(JsonElement source, Dictionary<string, string> claims, string name)
    {
        if (source.ValueKind != JsonValueKind.Object)
        {
            return;
        }

        foreach (var member in source.EnumerateObject())
        {
            if (member.Name == "claims" && member.Value.ValueKind == JsonValueKind.Object)
            {
                ReadClaims(member.Value, claims, name);
                continue;
            }

            claims.TryAdd(member.Name, member.Value.ValueKind == JsonValueKind.String ? member.Value.GetString()! : member.Value.GetRawText());
        }
    }

    private static ReadOnlyMemory<byte> Body(JsonElement root, string name, HttpLimits limits)
    {
        if (!root.TryGetProperty("body", out var body) || body.ValueKind == JsonValueKind.Null)
        {
            return ReadOnlyMemory<byte>.Empty;
        }

        if (body.ValueKind != JsonValueKind.String)
        {
            throw WrongType(name, "body", body, "a string");
        }

        var encoded = root.TryGetProperty("isBase64Encoded", out var flag) && flag.ValueKind == JsonValueKind.True;
        var text = body.GetString()!;
        byte[] bytes;
        if (encoded)
        {
            bytes = new byte[(text.Length / 4 * 3) + 3];
            if (!Convert.TryFromBase64String(text, bytes, out var written))
            {
                throw HttpEventException.Invalid($"The {name} says isBase64Encoded, but its body is not valid base64 (it starts {Messages.Quote(text.Length > 40 ? text[..40] : text)}).");
            }

            bytes = bytes[..written];
        }
        else
        {
            bytes = Encoding.UTF8.GetBytes(text);
        }

        if (bytes.Length > limits.MaxBodyBytes)
        {
            throw HttpEventException.Invalid($"The request body is {bytes.Length} bytes, larger than the limit of {limits.MaxBodyBytes} bytes.", 413);
        }

        return bytes;
    }

    private static void CheckHeaderLength(HttpValueCollection headers, HttpLimits limits)
    {
        long total = 0;
        foreach (var (headerName, values) in headers)
        {
            foreach (var value in values)
            {
                total += headerName.Length + value.Length;
            }
        }

        if (total > limits.MaxHeaderBytes)
        {
            throw HttpEventException.Invalid($"The request headers are {total} bytes, larger than the limit of {limits.MaxHeaderBytes} bytes.", 431);
        }
    }

    private static void CheckQueryLength(HttpValueCollection query, HttpLimits limits)
    {
        long total = 0;
        foreach (var (key, values) in query)
        {
            foreach (var value in values)
            {
                total += key.Length + value.Length + 2;
            }
        }

        CheckQueryLength(total, limits);
    }

    private static void CheckQueryLength(long length, HttpLimits limits)
    {
        if (length > limits.MaxQueryBytes)
        {
            throw HttpEventException.Invalid($"The query string is {length} bytes, larger than the limit of {limits.MaxQueryBytes} bytes.", 414);
        }
    }

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

    private static void AddCookie(Dictionary<string, string> cookies, string pair)
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

    private static JsonElement Object(JsonElement parent, string property, string name)
    {
        if (parent.ValueKind != JsonValueKind.Object || !parent.TryGetProperty(property, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return default;
        }

        return value.ValueKind == JsonValueKind.Object ? value : throw WrongType(name, property, value, "an object");
    }

    private static string? String(JsonElement parent, string property)
        => parent.ValueKind == JsonValueKind.Object && parent.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    private static string RequiredString(JsonElement parent, string property, string name)
    {
        if (parent.ValueKind == JsonValueKind.Object && parent.TryGetProperty(property, out var value))
        {
            return value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text
                ? text
                : throw WrongType(name, property, value, "a non-empty string");
        }

        throw HttpEventException.Invalid($"The {name} has no \"{property}\".");
    }

    private static IEnumerable<KeyValuePair<string, string>> StringMap(JsonElement parent, string property, string name)
    {
        if (!parent.TryGetProperty(property, out var map) || map.ValueKind == JsonValueKind.Null)
        {
            yield break;
        }

        if (map.ValueKind != JsonValueKind.Object)
        {
            throw WrongType(name, property, map, "an object of strings");
        }

        foreach (var member in map.EnumerateObject())
        {
            yield return member.Value.ValueKind switch
            {
                JsonValueKind.String => new(member.Name, member.Value.GetString()!),
                _ => throw WrongType(name, property + "." + member.Name, member.Value, "a string"),
            };
        }
    }

    private static IEnumerable<string> Strings(JsonElement parent, string property, string name)
        => parent.TryGetProperty(property, out var list) && list.ValueKind != JsonValueKind.Null
            ? StringList(list, property, name)
            : [];

    private static IEnumerable<string> StringList(JsonElement list, string property, string name)
    {
        if (list.ValueKind != JsonValueKind.Array)
        {
            throw WrongType(name, property, list, "an array of strings");
        }

        foreach (var item in list.EnumerateArray())
        {
            yield return item.ValueKind == JsonValueKind.String ? item.GetString()! : throw WrongType(name, property, item, "a string");
        }
    }

    private static HttpEventException WrongType(string name, string property, JsonElement value, string expected)
        => HttpEventException.Invalid($"The {name}'s \"{property}\" is a JSON {Describe(value.ValueKind)}; expected {expected}.");

    private static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "object",
        JsonValueKind.Array => "array",
        JsonValueKind.String => "string",
        JsonValueKind.Number => "number",
        JsonValueKind.True or JsonValueKind.False => "boolean",
        _ => "null",
    };
}
