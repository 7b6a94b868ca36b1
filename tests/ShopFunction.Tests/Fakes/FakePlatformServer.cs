using System.Collections.Concurrent;
using System.Net;
using System.Text;

using Router.Testing;

namespace ShopFunction.Tests.Fakes;

/// <summary>One request a fake platform received: method, path, the decoded query and form parameters.</summary>
internal sealed record PlatformRequest(string Method, string Path, IReadOnlyDictionary<string, string> Query, IReadOnlyDictionary<string, string> Form, string? ContentType);

/// <summary>
/// A loopback HTTP server standing in for a platform's API (127.0.0.1 only). It records every request and
/// answers with what <see cref="Answer"/> returns; a <see langword="null"/> answer never comes, as a hung
/// server's (the connection stays open until the fake is disposed).
/// </summary>
internal abstract class FakePlatformServer : LoopbackHttpServer
{
    public ConcurrentQueue<PlatformRequest> Requests { get; } = new();

    /// <summary>The status and JSON body for a request, or <see langword="null"/> to never answer.</summary>
    protected abstract (int Status, string Body)? Answer(PlatformRequest request);

    protected override async Task HandleAsync(HttpListenerContext context)
    {
        try
        {
            using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
            var body = await reader.ReadToEndAsync();
            var contentType = context.Request.ContentType;
            var form = contentType?.StartsWith("application/x-www-form-urlencoded", StringComparison.Ordinal) == true ? Parse(body) : new Dictionary<string, string>();
            var request = new PlatformRequest(context.Request.HttpMethod, context.Request.Url!.AbsolutePath, Parse(context.Request.Url.Query.TrimStart('?')), form, contentType);
            Requests.Enqueue(request);
            if (Answer(request) is not { } answer)
            {
                await Task.Delay(Timeout.Infinite, Stopping);
                return;
            }

            var bytes = Encoding.UTF8.GetBytes(answer.Body);
            context.Response.StatusCode = answer.Status;
            context.Response.ContentType = "application/json; charset=utf-8";
            context.Response.ContentLength64 = bytes.Length;
            await context.Response.OutputStream.WriteAsync(bytes);
            context.Response.Close();
        }
        catch (Exception ex) when (ex is OperationCanceledException or HttpListenerException or ObjectDisposedException or IOException)
        {
            context.Response.Abort();
        }
    }

    /// <summary>Decodes <c>a=1&amp;b=2</c> (plus as space, percent escapes as UTF-8), as a form or query is read.</summary>
    public static Dictionary<string, string> Parse(string text)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in text.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=');
            var name = equals < 0 ? pair : pair[..equals];
            var value = equals < 0 ? "" : pair[(equals + 1)..];
            values[WebUtility.UrlDecode(name)] = WebUtility.UrlDecode(value);
        }

        return values;
    }
}
