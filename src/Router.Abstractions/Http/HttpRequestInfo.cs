namespace Router;

/// <summary>
/// The HTTP request behind an invocation that reached the function through an API gateway, a function
/// URL, a load balancer or an HTTP trigger, in one shape for every platform: <see cref="RouteContext.Http"/>.
/// A direct invocation (an event carrying <c>$url</c>) has none.
/// </summary>
/// <remarks>
/// The runtime reads it from each platform's HTTP event (docs/hosting.md, "HTTP"): API Gateway REST
/// (payload 1.0) and HTTP APIs (payload 2.0), Lambda function URLs, Application Load Balancers, the
/// Tencent SCF API Gateway trigger, Alibaba FC HTTP triggers, and the real requests of <c>serve</c>.
/// The handler's request type is bound from the JSON body, the form fields, or (with no body) the query,
/// through the router's JSON context, exactly as a direct event is.
/// </remarks>
public sealed class HttpRequestInfo
{
    private static readonly IReadOnlyDictionary<string, string> s_none = new Dictionary<string, string>();

    /// <summary>Creates a request.</summary>
    /// <param name="method">The method, for example <c>GET</c> (stored in upper case).</param>
    /// <param name="path">The path as the platform gave it, starting with <c>/</c>.</param>
    public HttpRequestInfo(string method, string path)
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(path);
        Method = method.ToUpperInvariant();
        Path = path;
    }

    /// <summary>The method in upper case: <c>GET</c>, <c>POST</c>, ...</summary>
    public string Method { get; }

    /// <summary>
    /// The request path as the platform gave it (with the API stage where the platform puts it there),
    /// for example <c>/prod/pay/makeOrder</c>. The route it names is <see cref="RouteContext.Url"/>.
    /// </summary>
    public string Path { get; }

    /// <summary>The headers; names compare case-insensitively and repeated headers keep every value.</summary>
    public HttpValueCollection Headers { get; init; } = new HttpValueCollection(ignoreCase: true).AsReadOnly();

    /// <summary>
    /// The query parameters, percent-decoded; names compare ordinally and repeated keys keep every value.
    /// A key without a value (<c>?debug</c>, or SCF's <c>true</c>) has the empty string.
    /// </summary>
    public HttpValueCollection Query { get; init; } = new HttpValueCollection(ignoreCase: false).AsReadOnly();

    /// <summary>The request's cookies by name (from the <c>Cookie</c> headers, or payload 2.0's <c>cookies</c>); the first of a repeated name wins.</summary>
    public IReadOnlyDictionary<string, string> Cookies { get; init; } = s_none;

    /// <summary>The client's IP address as the platform saw it, or <see langword="null"/> when it did not say.</summary>
    public string? SourceIp { get; init; }

    /// <summary>
    /// What the platform's authorizer established about the caller: a JWT's claims (HTTP APIs), a Cognito
    /// user pool's claims or a Lambda authorizer's context (REST APIs). Values that are not strings are
    /// their JSON text. Empty when no authorizer ran.
    /// </summary>
    public IReadOnlyDictionary<string, string> Claims { get; init; } = s_none;

    /// <summary>The body's bytes, base64-decoded when the platform sent it encoded; empty when there is none.</summary>
    public ReadOnlyMemory<byte> Body { get; init; }

    /// <summary>
    /// Where the request came from: <c>aws-apigateway-rest</c>, <c>aws-apigateway-http</c>, <c>aws-lambda-url</c>,
    /// <c>aws-alb</c>, <c>tencent-apigateway</c>, <c>alibaba-fc-http</c>, or <c>http</c> for a real HTTP
    /// request (<c>serve</c>, an Alibaba FC HTTP trigger).
    /// </summary>
    public string Source { get; init; } = "http";

    /// <summary>The <c>Content-Type</c> header, or <see langword="null"/>.</summary>
    public string? ContentType => Headers["Content-Type"];
}
