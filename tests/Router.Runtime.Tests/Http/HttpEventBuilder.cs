using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Router.Runtime.Tests.Http;

/// <summary>The HTTP event shapes the platforms send, as this builder writes them.</summary>
public enum Shape
{
    RestApi,
    HttpApi,
    FunctionUrl,
    LoadBalancer,
    LoadBalancerMultiValue,
    ScfApiGateway,
    FcHttpTrigger,
}

/// <summary>One HTTP request, before a platform wraps it into its event.</summary>
/// <param name="Method">The method.</param>
/// <param name="Path">The path the client used, with no stage: <c>/user/login</c>.</param>
/// <param name="Query">The raw query string without <c>?</c>, as the client encoded it.</param>
/// <param name="Headers">Headers in order; a name may repeat.</param>
/// <param name="Body">The body text, or null.</param>
/// <param name="Base64">Whether the platform sends the body base64-encoded.</param>
public sealed record HttpCall(string Method, string Path, string? Query = null, (string Name, string Value)[]? Headers = null, string? Body = null, bool Base64 = false)
{
    public static HttpCall Json(string method, string path, string body, string? query = null)
        => new(method, path, query, [("Content-Type", "application/json")], body);
}

/// <summary>
/// Writes a request as each platform's gateway puts it into an event, field by field as the platforms
/// document them (docs/platforms.md, "HTTP-trigger events and their responses"): where the stage goes,
/// which maps hold repeated values, what is decoded and what is left encoded.
/// </summary>
public static class HttpEventBuilder
{
    public const string SourceIp = "203.0.113.7";

    /// <param name="shape">The platform's shape.</param>
    /// <param name="call">The request.</param>
    /// <param name="stage">The API stage (REST and HTTP APIs), or null for <c>$default</c>.</param>
    /// <param name="scfApiPath">The SCF API's own path (<c>requestContext.path</c>), prefixed to the request path.</param>
    public static byte[] Build(Shape shape, HttpCall call, string? stage = null, string? scfApiPath = null)
    {
        var headers = call.Headers ?? [];
        var pairs = Pairs(call.Query);
        var body = call.Body is null ? null : call.Base64 ? Convert.ToBase64String(Encoding.UTF8.GetBytes(call.Body)) : call.Body;
        JsonObject root = shape switch
        {
            Shape.RestApi => new()
            {
                ["resource"] = "/{proxy+}",
                ["path"] = call.Path,
                ["httpMethod"] = call.Method,
                ["headers"] = Single(headers.Select(h => (h.Name, h.Value))),
                ["multiValueHeaders"] = Multi(headers.Select(h => (h.Name, h.Value))),
                ["queryStringParameters"] = pairs.Count == 0 ? null : Single(pairs),
                ["multiValueQueryStringParameters"] = pairs.Count == 0 ? null : Multi(pairs),
                ["pathParameters"] = new JsonObject { ["proxy"] = call.Path.TrimStart('/') },
                ["requestContext"] = new JsonObject
                {
                    ["stage"] = stage ?? "prod",
                    ["httpMethod"] = call.Method,
                    ["path"] = "/" + (stage ?? "prod") + call.Path,
                    ["requestId"] = "rest-request",
                    ["identity"] = new JsonObject { ["sourceIp"] = SourceIp },
                    ["authorizer"] = new JsonObject { ["principalId"] = "user-1", ["claims"] = new JsonObject { ["sub"] = "user-1", ["email"] = "a@example.com" } },
                },
                ["body"] = body,
                ["isBase64Encoded"] = call.Base64,
            },
            Shape.HttpApi or Shape.FunctionUrl => new()
            {
                ["version"] = "2.0",
                ["routeKey"] = "$default",
                ["rawPath"] = (stage is null ? "" : "/" + stage) + call.Path,
                ["rawQueryString"] = call.Query ?? "",
                ["cookies"] = new JsonArray([.. headers.Where(h => h.Name.Equals("Cookie", StringComparison.OrdinalIgnoreCase))
                    .SelectMany(h => h.Value.Split(';', StringSplitOptions.TrimEntries)).Select(c => (JsonNode)c)]),
                ["headers"] = Joined(headers.Where(h => !h.Name.Equals("Cookie", StringComparison.OrdinalIgnoreCase)).Select(h => (h.Name.ToLowerInvariant(), h.Value))),
                ["queryStringParameters"] = pairs.Count == 0 ? null : Joined(pairs),
                ["requestContext"] = new JsonObject
                {
                    ["stage"] = stage ?? "$default",
                    ["domainName"] = shape == Shape.FunctionUrl ? "abcdefgh.lambda-url.ap-east-1.on.aws" : "xyz.execute-api.ap-east-1.amazonaws.com",
                    ["requestId"] = "http-api-request",
                    ["http"] = new JsonObject { ["method"] = call.Method, ["path"] = call.Path, ["sourceIp"] = SourceIp },
                    ["authorizer"] = new JsonObject { ["jwt"] = new JsonObject { ["claims"] = new JsonObject { ["sub"] = "user-2", ["scope"] = "read" }, ["scopes"] = null } },
                },
                ["body"] = body,
                ["isBase64Encoded"] = call.Base64,
            },
            Shape.LoadBalancer => new()
            {
                ["requestContext"] = new JsonObject { ["elb"] = new JsonObject { ["targetGroupArn"] = "arn:aws:elasticloadbalancing:ap-east-1:111122223333:targetgroup/shop/0123456789abcdef" } },
                ["httpMethod"] = call.Method,
                ["path"] = call.Path,
                // A load balancer leaves the query as the client encoded it.
                ["queryStringParameters"] = Single(RawPairs(call.Query)),
                ["headers"] = Single(headers.Select(h => (h.Name.ToLowerInvariant(), h.Value)).Append(("x-forwarded-for", "198.51.100.1, " + SourceIp))),
                ["body"] = body ?? "",
                ["isBase64Encoded"] = call.Base64,
            },
            Shape.LoadBalancerMultiValue => new()
            {
                ["requestContext"] = new JsonObject { ["elb"] = new JsonObject { ["targetGroupArn"] = "arn:aws:elasticloadbalancing:ap-east-1:111122223333:targetgroup/shop/0123456789abcdef" } },
                ["httpMethod"] = call.Method,
                ["path"] = call.Path,
                ["multiValueQueryStringParameters"] = Multi(RawPairs(call.Query)),
                ["multiValueHeaders"] = Multi(headers.Select(h => (h.Name.ToLowerInvariant(), h.Value)).Append(("x-forwarded-for", "198.51.100.1, " + SourceIp))),
                ["body"] = body ?? "",
                ["isBase64Encoded"] = call.Base64,
            },
            Shape.ScfApiGateway => new()
            {
                ["requestContext"] = new JsonObject
                {
                    ["serviceId"] = "service-shop1234",
                    ["path"] = scfApiPath ?? "/",
                    ["httpMethod"] = "ANY",
                    ["requestId"] = "scf-request",
                    ["identity"] = new JsonObject { ["secretId"] = "AKIDexample" },
                    ["sourceIp"] = SourceIp,
                    ["stage"] = "release",
                },
                ["headers"] = Single(headers.Select(h => (h.Name, h.Value))),
                ["body"] = body,
                // The API's own path: its literal part comes first (a pattern's {param} is the rest).
                ["path"] = (scfApiPath ?? "").Split('{')[0].TrimEnd('/') + call.Path,
                ["queryString"] = ScfQuery(pairs),
                ["httpMethod"] = call.Method,
                ["isBase64Encoded"] = call.Base64,
            },
            _ => new()
            {
                ["version"] = "v1",
                ["rawPath"] = call.Path,
                ["body"] = body ?? "",
                ["isBase64Encoded"] = call.Base64,
                ["headers"] = Joined(headers.Select(h => (h.Name, h.Value))),
                ["queryParameters"] = Joined(pairs),
                ["requestContext"] = new JsonObject
                {
                    ["requestId"] = "fc-request",
                    ["http"] = new JsonObject { ["method"] = call.Method, ["path"] = call.Path, ["sourceIp"] = SourceIp },
                },
            },
        };

        return Encoding.UTF8.GetBytes(root.ToJsonString());
    }

    /// <summary>The decoded pairs of a query string.</summary>
    private static List<(string, string)> Pairs(string? query)
        => RawPairs(query).Select(p => (Uri.UnescapeDataString(p.Item1.Replace('+', ' ')), Uri.UnescapeDataString(p.Item2.Replace('+', ' ')))).ToList();

    private static List<(string, string)> RawPairs(string? query)
        => (query ?? "").Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(p => p.Split('=', 2) is var kv && kv.Length == 2 ? (kv[0], kv[1]) : (kv[0], ""))
            .ToList();

    private static JsonObject Single(IEnumerable<(string Name, string Value)> values)
    {
        var map = new JsonObject();
        foreach (var (name, value) in values)
        {
            map[name] = value; // the last value of a repeated name, as a single-value map keeps it
        }

        return map;
    }

    private static JsonObject Joined(IEnumerable<(string Name, string Value)> values)
    {
        var map = new JsonObject();
        foreach (var group in values.GroupBy(v => v.Name))
        {
            map[group.Key] = string.Join(",", group.Select(v => v.Value));
        }

        return map;
    }

    private static JsonObject Multi(IEnumerable<(string Name, string Value)> values)
    {
        var map = new JsonObject();
        foreach (var group in values.GroupBy(v => v.Name))
        {
            map[group.Key] = new JsonArray([.. group.Select(v => (JsonNode)v.Value)]);
        }

        return map;
    }

    /// <summary>SCF's <c>queryString</c>: a string, an array for a repeated key, <c>true</c> for a key without a value.</summary>
    private static JsonObject ScfQuery(List<(string Name, string Value)> pairs)
    {
        var map = new JsonObject();
        foreach (var group in pairs.GroupBy(p => p.Name))
        {
            var values = group.Select(p => p.Value).ToList();
            map[group.Key] = values.Count > 1 ? new JsonArray([.. values.Select(v => (JsonNode)v)])
                : values[0].Length == 0 ? true
                : values[0];
        }

        return map;
    }

    public static JsonElement Json(ReadOnlyMemory<byte> bytes) => JsonDocument.Parse(bytes).RootElement.Clone();
}
