using System.Text.Json;
using static Router.Runtime.Http.EventFields;

namespace Router.Runtime.Http.Formats;

/// <summary>The Alibaba FC 3.0 HTTP-trigger event of built-in runtimes: <c>version: "v1"</c>, <c>rawPath</c>, <c>requestContext.http</c>; answered with one string per header name.</summary>
internal sealed class AlibabaHttpTriggerFormat : HttpEventFormat
{
    public override string Source => "alibaba-fc-http";

    public override string EventName => "FC HTTP trigger event";

    public override bool Recognises(JsonElement root, JsonElement context)
        => String(root, "version") == "v1" && root.TryGetProperty("rawPath", out _) && context.ValueKind == JsonValueKind.Object && context.TryGetProperty("http", out _);

    public override void Read(JsonElement root, JsonElement context, HttpRequestParts request, HttpLimits limits)
    {
        var name = request.EventName;
        var http = Object(context, "http", name);
        request.Method = RequiredString(http, "method", name);
        request.Path = RequiredString(root, "rawPath", name);
        request.RoutePath = request.Path;
        ReadHeaders(root, request.Headers, name, preferMultiValue: false);
        ReadQueryMap(root, null, "queryParameters", request.Query, name, decode: false);
        request.SourceIp = String(http, "sourceIp");
    }

    public override void WriteHeaders(Utf8JsonWriter writer, HttpAnswer answer, HttpEvent httpEvent)
        => HttpResponseEnvelope.WriteSingleHeaders(writer, answer, withCookie: true);
}
