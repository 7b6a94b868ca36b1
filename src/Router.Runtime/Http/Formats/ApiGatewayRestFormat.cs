using System.Text.Json;
using static Router.Runtime.Http.EventFields;

namespace Router.Runtime.Http.Formats;

/// <summary>API Gateway REST API proxy integration, and HTTP API payload 1.0: <c>httpMethod</c>, <c>path</c>, <c>resource</c>; answered with both header maps.</summary>
internal sealed class ApiGatewayRestFormat : HttpEventFormat
{
    public override string Source => "aws-apigateway-rest";

    public override string EventName => "API Gateway REST event";

    public override bool Recognises(JsonElement root, JsonElement context)
        => root.TryGetProperty("httpMethod", out _) && (root.TryGetProperty("resource", out _) || root.TryGetProperty("path", out _)) && context.ValueKind == JsonValueKind.Object;

    public override void Read(JsonElement root, JsonElement context, HttpRequestParts request, HttpLimits limits)
    {
        var name = request.EventName;
        request.Method = RequiredString(root, "httpMethod", name);
        request.Path = String(root, "path") ?? "/";
        request.RoutePath = ProxyPath(root, String(root, "resource")) ?? request.Path;
        ReadHeaders(root, request.Headers, name, preferMultiValue: true);
        ReadQueryMap(root, "multiValueQueryStringParameters", "queryStringParameters", request.Query, name, decode: false);
        request.SourceIp = String(Object(context, "identity", name), "sourceIp");
        ReadClaims(Object(context, "authorizer", name), request.Claims, name);
    }

    public override void WriteHeaders(Utf8JsonWriter writer, HttpAnswer answer, HttpEvent httpEvent)
    {
        // API Gateway merges the two maps, multiValueHeaders winning; Set-Cookie repeats there.
        HttpResponseEnvelope.WriteSingleHeaders(writer, answer, withCookie: false);
        HttpResponseEnvelope.WriteMultiValueHeaders(writer, answer);
    }
}
