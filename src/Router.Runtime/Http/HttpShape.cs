namespace Router.Runtime.Http;

/// <summary>
/// Which platform's HTTP event an invocation is, which decides where its route is and what shape its
/// response takes (docs/platforms.md, "HTTP-trigger events and their responses").
/// </summary>
internal enum HttpShape
{
    /// <summary>API Gateway REST API proxy integration, and HTTP API payload 1.0: <c>httpMethod</c>, <c>path</c>, <c>resource</c>.</summary>
    ApiGatewayRest,

    /// <summary>API Gateway HTTP API payload 2.0: <c>version: "2.0"</c>, <c>rawPath</c>, <c>requestContext.http</c>.</summary>
    ApiGatewayHttp,

    /// <summary>A Lambda function URL: payload 2.0 from a <c>*.lambda-url.*.on.aws</c> domain.</summary>
    FunctionUrl,

    /// <summary>An Application Load Balancer target: <c>requestContext.elb</c>.</summary>
    LoadBalancer,

    /// <summary>The Tencent SCF API Gateway trigger (integration request): <c>requestContext.serviceId</c>.</summary>
    TencentApiGateway,

    /// <summary>The Alibaba FC 3.0 HTTP-trigger event of built-in runtimes: <c>version: "v1"</c>, <c>rawPath</c>.</summary>
    AlibabaHttpTrigger,

    /// <summary>A real HTTP request at the function's own server (<c>serve</c>, an Alibaba FC custom-runtime HTTP trigger).</summary>
    Raw,
}

internal static class HttpShapes
{
    /// <summary>The <see cref="HttpRequestInfo.Source"/> of each shape.</summary>
    public static string SourceOf(HttpShape shape) => shape switch
    {
        HttpShape.ApiGatewayRest => "aws-apigateway-rest",
        HttpShape.ApiGatewayHttp => "aws-apigateway-http",
        HttpShape.FunctionUrl => "aws-lambda-url",
        HttpShape.LoadBalancer => "aws-alb",
        HttpShape.TencentApiGateway => "tencent-apigateway",
        HttpShape.AlibabaHttpTrigger => "alibaba-fc-http",
        _ => "http",
    };

    /// <summary>How the platform is named in messages.</summary>
    public static string NameOf(HttpShape shape) => shape switch
    {
        HttpShape.ApiGatewayRest => "API Gateway REST event",
        HttpShape.ApiGatewayHttp => "API Gateway HTTP API event",
        HttpShape.FunctionUrl => "function URL event",
        HttpShape.LoadBalancer => "load balancer event",
        HttpShape.TencentApiGateway => "SCF API Gateway event",
        HttpShape.AlibabaHttpTrigger => "FC HTTP trigger event",
        _ => "HTTP request",
    };
}
