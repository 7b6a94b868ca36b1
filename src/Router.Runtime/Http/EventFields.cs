using System.Text;
using System.Text.Json;
using Router.Runtime.Events;

namespace Router.Runtime.Http;

/// <summary>
/// Reading the members of an HTTP event (a <see cref="JsonElement"/>), for every format: typed accessors
/// whose errors name the event and the member (<c>The API Gateway REST event's "headers" is a JSON array;
/// expected an object of strings.</c>), and the parts most formats share: headers, query maps, claims, the body.
/// </summary>
internal static class EventFields
{
    internal static JsonElement Object(JsonElement parent, string property, string name)
    {
        if (parent.ValueKind != JsonValueKind.Object || !parent.TryGetProperty(property, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return default;
        }

        return value.ValueKind == JsonValueKind.Object ? value : throw WrongType(name, property, value, "an object");
    }

    internal static string? String(JsonElement parent, string property)
        => parent.ValueKind == JsonValueKind.Object && parent.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    internal static string RequiredString(JsonElement parent, string property, string name)
    {
        if (parent.ValueKind == JsonValueKind.Object && parent.TryGetProperty(property, out var value))
        {
            return value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text
                ? text
                : throw WrongType(name, property, value, "a non-empty string");
        }

        throw HttpEventException.Invalid($"The {name} has no \"{property}\".");
    }

    internal static IEnumerable<KeyValuePair<string, string>> StringMap(JsonElement parent, string property, string name)
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

    internal static IEnumerable<string> Strings(JsonElement parent, string property, string name)
        => parent.TryGetProperty(property, out var list) && list.ValueKind != JsonValueKind.Null
            ? StringList(list, property, name)
            : [];

    internal static IEnumerable<string> StringList(JsonElement list, string property, string name)
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

    internal static HttpEventException WrongType(string name, string property, JsonElement value, string expected)
        => HttpEventException.Invalid($"The {name}'s \"{property}\" is a JSON {JsonKinds.Describe(value.ValueKind)}; expected {expected}.");

    internal static void ReadHeaders(JsonElement root, HttpValueCollection headers, string name, bool preferMultiValue)
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

    internal static void ReadQueryMap(JsonElement root, string? multiName, string singleName, HttpValueCollection query, string name, bool decode)
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

    internal static void AddQuery(HttpValueCollection query, string key, string value, bool decode)
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

    internal static void ReadClaims(JsonElement source, Dictionary<string, string> claims, string name)
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

    internal static ReadOnlyMemory<byte> Body(JsonElement root, string name, HttpLimits limits)
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

    /// <summary>The <c>{proxy+}</c> part of the path when the API routes a proxy resource to the function.</summary>
    internal static string? ProxyPath(JsonElement root, string? resourceOrRouteKey)
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
}
