using System.Text.Json;
using static Router.Runtime.Http.EventFields;

namespace Router.Runtime.Http.Formats;

/// <summary>
/// Payload format 2.0 (<c>version: "2.0"</c>, <c>rawPath</c>, <c>requestContext.http</c>), which API
/// Gateway HTTP APIs and Lambda function URLs both send: cookies in their own list, the stage first in
/// <c>rawPath</c>, claims from JWT, Lambda and IAM authorizers; answered with joined headers and a <c>cookies</c> list.
/// </summary>
internal abstract class PayloadV2Format : HttpEventFormat
{
    /// <summary>Whether the event came through a Lambda function URL (<c>*.lambda-url.*.on.aws</c>).</summary>
    protected static bool IsFunctionUrl(JsonElement root, JsonElement context)
        => String(context, "domainName") is { } domain && domain.Contains(".lambda-url.", StringComparison.Ordinal) && domain.EndsWith(".on.aws", StringComparison.Ordinal);

    protected static bool IsPayloadV2(JsonElement root) => String(root, "version") == "2.0" && root.TryGetProperty("rawPath", out _);

    public override void Read(JsonElement root, JsonElement context, HttpRequestParts request, HttpLimits limits)
    {
        var name = request.EventName;
        var http = Object(context, "http", name);
        request.Method = RequiredString(http, "method", name);
        request.Path = RequiredString(root, "rawPath", name);
        request.RoutePath = ProxyPath(root, String(root, "routeKey")) ?? WithoutStage(request.Path, String(context, "stage"));
        ReadHeaders(root, request.Headers, name, preferMultiValue: false);
        if (String(root, "rawQueryString") is { Length: > 0 } rawQuery)
        {
            limits.CheckQuery(rawQuery.Length);
            UrlEncoding.ParsePairs(rawQuery, request.Query, "The query string");
        }
        else
        {
            ReadQueryMap(root, null, "queryStringParameters", request.Query, name, decode: false);
        }

        request.CookiesFromHeader = false;
        foreach (var cookie in Strings(root, "cookies", name))
        {
            HttpHeaderValues.AddCookie(request.Cookies, cookie);
        }

        request.SourceIp = String(http, "sourceIp");
        var authorizer = Object(context, "authorizer", name);
        ReadClaims(Object(Object(authorizer, "jwt", name), "claims", name), request.Claims, name);
        ReadClaims(Object(authorizer, "lambda", name), request.Claims, name);
        ReadClaims(Object(authorizer, "iam", name), request.Claims, name);
    }

    public override void WriteHeaders(Utf8JsonWriter writer, HttpAnswer answer, HttpEvent httpEvent)
    {
        HttpResponseEnvelope.WriteJoinedHeaders(writer, answer);
        writer.WriteStartArray("cookies"u8);
        foreach (var cookie in answer.Cookies)
        {
            writer.WriteStringValue(cookie);
        }

        writer.WriteEndArray();
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
}

/// <summary>API Gateway HTTP API payload 2.0.</summary>
internal sealed class ApiGatewayHttpFormat : PayloadV2Format
{
    public override string Source => "aws-apigateway-http";

    public override string EventName => "API Gateway HTTP API event";

    public override bool Recognises(JsonElement root, JsonElement context) => IsPayloadV2(root) && !IsFunctionUrl(root, context);
}

/// <summary>A Lambda function URL: payload 2.0 from a <c>*.lambda-url.*.on.aws</c> domain.</summary>
internal sealed class FunctionUrlFormat : PayloadV2Format
{
    public override string Source => "aws-lambda-url";

    public override string EventName => "function URL event";

    public override bool Recognises(JsonElement root, JsonElement context) => IsPayloadV2(root) && IsFunctionUrl(root, context);
}
