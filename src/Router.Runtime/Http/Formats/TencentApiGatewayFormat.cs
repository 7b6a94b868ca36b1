using System.Text.Json;
using static Router.Runtime.Http.EventFields;

namespace Router.Runtime.Http.Formats;

/// <summary>
/// The Tencent SCF API Gateway trigger (integration request): <c>requestContext.serviceId</c>; the route
/// after the API's own path; <c>queryString</c> values that are strings, arrays or <c>true</c>; answered
/// with one string per header name (the integration response).
/// </summary>
internal sealed class TencentApiGatewayFormat : HttpEventFormat
{
    public override string Source => "tencent-apigateway";

    public override string EventName => "SCF API Gateway event";

    public override bool Recognises(JsonElement root, JsonElement context)
        => context.ValueKind == JsonValueKind.Object && context.TryGetProperty("serviceId", out _) && root.TryGetProperty("httpMethod", out _);

    public override void Read(JsonElement root, JsonElement context, HttpRequestParts request, HttpLimits limits)
    {
        var name = request.EventName;
        request.Method = RequiredString(root, "httpMethod", name);
        request.Path = String(root, "path") ?? "/";
        request.RoutePath = WithoutPrefix(request.Path, String(context, "path"));
        ReadHeaders(root, request.Headers, name, preferMultiValue: false);
        ReadScfQuery(root, request.Query, name);
        request.SourceIp = String(context, "sourceIp");
        ReadClaims(Object(context, "identity", name), request.Claims, name);
    }

    public override void WriteHeaders(Utf8JsonWriter writer, HttpAnswer answer, HttpEvent httpEvent)
        => HttpResponseEnvelope.WriteSingleHeaders(writer, answer, withCookie: true);

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
}
