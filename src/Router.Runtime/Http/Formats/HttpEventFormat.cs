using System.Text.Json;

namespace Router.Runtime.Http.Formats;

/// <summary>
/// One platform's HTTP event format, after aws-lambda-dotnet's <c>APIGatewayProxyFunction</c> and
/// <c>ApplicationLoadBalancerFunction</c> (<c>MarshallRequest</c>/<c>MarshallResponse</c>): it recognises
/// its events, reads their request, and writes the answer in the response shape its gateway expects
/// (docs/platforms.md, "HTTP-trigger events and their responses"). Adding a format is one subclass in a
/// file of its own, and its place in <see cref="All"/>; nothing else names a format.
/// </summary>
internal abstract class HttpEventFormat
{
    /// <summary>The formats, in the order they are tried: the more specific markers first.</summary>
    public static readonly HttpEventFormat[] All =
    [
        new LoadBalancerFormat(),
        new FunctionUrlFormat(),
        new ApiGatewayHttpFormat(),
        new TencentApiGatewayFormat(),
        new AlibabaHttpTriggerFormat(),
        new ApiGatewayRestFormat(),
    ];

    /// <summary>The request's <see cref="HttpRequestInfo.Source"/>: which platform's gateway sent it (<c>aws-alb</c>).</summary>
    public abstract string Source { get; }

    /// <summary>How its events are named in messages (<c>load balancer event</c>).</summary>
    public abstract string EventName { get; }

    /// <summary>Whether <paramref name="root"/> is one of this format's events.</summary>
    /// <param name="root">The event, an object.</param>
    /// <param name="context">Its <c>requestContext</c> when that is an object; <c>default</c> otherwise.</param>
    public abstract bool Recognises(JsonElement root, JsonElement context);

    /// <summary>Reads the method, the paths, the headers, the query, the cookies, the claims and the source address into <paramref name="request"/>.</summary>
    /// <exception cref="HttpEventException">A member has the wrong type, or a limit is passed.</exception>
    public abstract void Read(JsonElement root, JsonElement context, HttpRequestParts request, HttpLimits limits);

    /// <summary>
    /// Whether the answer to <paramref name="root"/> carries <c>multiValueHeaders</c>: the one rule for a
    /// request read and for an event refused unread. Only a load balancer answers in kind; others never.
    /// </summary>
    public virtual bool AnswersWithMultiValueHeaders(JsonElement root) => false;

    /// <summary>Writes the answer's headers and cookies as this format's response carries them.</summary>
    public abstract void WriteHeaders(System.Text.Json.Utf8JsonWriter writer, HttpAnswer answer, HttpEvent httpEvent);
}

/// <summary>What a format reads of a request, before it becomes an <see cref="HttpRequestInfo"/>.</summary>
internal sealed class HttpRequestParts(string eventName)
{
    /// <summary>How the event is named in messages (<c>API Gateway REST event</c>).</summary>
    public string EventName { get; } = eventName;

    public string Method { get; set; } = "GET";

    public string Path { get; set; } = "/";

    /// <summary>The percent-encoded path the route is read from (without the stage or the API's own prefix).</summary>
    public string RoutePath { get; set; } = "/";

    public string? SourceIp { get; set; }

    /// <summary>Whether the cookies come from the <c>Cookie</c> header (all but payload 2.0, which lists them).</summary>
    public bool CookiesFromHeader { get; set; } = true;

    public HttpValueCollection Headers { get; } = new(ignoreCase: true);

    public HttpValueCollection Query { get; } = new(ignoreCase: false);

    public Dictionary<string, string> Cookies { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, string> Claims { get; } = new(StringComparer.Ordinal);
}
