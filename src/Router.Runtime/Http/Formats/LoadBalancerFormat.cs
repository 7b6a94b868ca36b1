using System.Text.Json;
using static Router.Runtime.Http.EventFields;

namespace Router.Runtime.Http.Formats;

/// <summary>An Application Load Balancer target: <c>requestContext.elb</c>; the query as the client encoded it; answered with a status description, in multi-value headers when the event came with them.</summary>
internal sealed class LoadBalancerFormat : HttpEventFormat
{
    public override string Source => "aws-alb";

    public override string EventName => "load balancer event";

    public override bool Recognises(JsonElement root, JsonElement context)
        => context.ValueKind == JsonValueKind.Object && context.TryGetProperty("elb", out var elb) && elb.ValueKind == JsonValueKind.Object;

    public override void Read(JsonElement root, JsonElement context, HttpRequestParts request, HttpLimits limits)
    {
        var name = request.EventName;
        request.Method = RequiredString(root, "httpMethod", name);
        request.Path = String(root, "path") ?? "/";
        request.RoutePath = request.Path;
        ReadHeaders(root, request.Headers, name, preferMultiValue: true);
        // A load balancer passes the query as the client encoded it.
        ReadQueryMap(root, "multiValueQueryStringParameters", "queryStringParameters", request.Query, name, decode: true);
        request.SourceIp = HttpHeaderValues.LastForwardedFor(request.Headers);
    }

    /// <summary>Whether the event came with multi-value headers, which is how the load balancer's target group is configured, so its answer must use them too.</summary>
    public override bool AnswersWithMultiValueHeaders(JsonElement root)
        => root.TryGetProperty("multiValueHeaders", out var multi) && multi.ValueKind == JsonValueKind.Object;

    public override void WriteHeaders(Utf8JsonWriter writer, HttpAnswer answer, HttpEvent httpEvent)
    {
        writer.WriteString("statusDescription"u8, HttpStatuses.Description(answer.StatusCode));
        if (httpEvent.MultiValueHeaders)
        {
            HttpResponseEnvelope.WriteMultiValueHeaders(writer, answer);
        }
        else
        {
            HttpResponseEnvelope.WriteSingleHeaders(writer, answer, withCookie: true);
        }
    }
}
