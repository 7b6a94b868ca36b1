using System.Net.Http.Headers;

namespace Router.Runtime.Tests.Hosting;

/// <summary>A request as Alibaba FC sends it to the custom runtime (docs/platforms.md): the event and the <c>x-fc-*</c> headers, credentials included.</summary>
internal static class FcRequest
{
    public const string AccessKeyId = "LTAI-ACCESS-KEY-ID";
    public const string Secret = "SECRET-MUST-NOT-BE-LOGGED";
    public const string Token = "TOKEN-MUST-NOT-BE-LOGGED";

    /// <param name="body">The raw event, or an HTTP trigger's body.</param>
    /// <param name="requestId">The <c>x-fc-request-id</c>.</param>
    /// <param name="path"><c>/invoke</c> for an event; any other path is an HTTP trigger's request.</param>
    public static HttpRequestMessage Create(byte[] body, string requestId, string path = "/invoke")
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        request.Headers.Add("x-fc-request-id", requestId);
        request.Headers.Add("x-fc-function-name", "shop");
        request.Headers.Add("x-fc-qualifier", "LATEST");
        request.Headers.Add("x-fc-function-memory", "1024");
        request.Headers.Add("x-fc-function-timeout", "3");
        request.Headers.Add("x-fc-access-key-id", AccessKeyId);
        request.Headers.Add("x-fc-access-key-secret", Secret);
        request.Headers.Add("x-fc-security-token", Token);
        request.Headers.Add("x-fc-control-path", path == "/invoke" ? "/invoke" : "/http-invoke");
        return request;
    }
}
