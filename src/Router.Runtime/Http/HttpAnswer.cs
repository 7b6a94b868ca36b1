using System.Text.Json;
using Router.Runtime.Output;

namespace Router.Runtime.Http;

/// <summary>
/// The HTTP response of one invocation, before it takes a platform's shape: what
/// <see cref="HttpResponseEnvelope"/> writes for the gateways and what the function's own server sends.
/// </summary>
internal sealed class HttpAnswer
{
    public const string JsonContentType = "application/json; charset=utf-8";

    public required int StatusCode { get; init; }

    /// <summary>Headers in order, <c>Content-Type</c> included; never <c>Set-Cookie</c>.</summary>
    public required IReadOnlyList<KeyValuePair<string, string>> Headers { get; init; }

    /// <summary><c>Set-Cookie</c> values.</summary>
    public IReadOnlyList<string> Cookies { get; init; } = [];

    public ReadOnlyMemory<byte> Body { get; init; }

    /// <summary>The runtime's error type when the invocation failed, for the log and <see cref="InvocationResult"/>.</summary>
    public string? ErrorType { get; init; }

    public string? ErrorMessage { get; init; }

    /// <summary>The answer of a successful invocation: the status, headers and cookies the route set, and its body.</summary>
    /// <param name="response">What the route set on <see cref="RouteContext.Response"/>, or <see langword="null"/> when nothing.</param>
    /// <param name="jsonBody">The JSON of the body, or empty when the route set none.</param>
    public static HttpAnswer Success(HttpResponseInfo? response, ReadOnlyMemory<byte> jsonBody)
    {
        var headers = new List<KeyValuePair<string, string>>();
        var cookies = new List<string>();
        ReadOnlyMemory<byte> body = jsonBody;
        string? contentType = jsonBody.IsEmpty ? null : JsonContentType;
        if (response is not null)
        {
            if (response.RawBody is { } raw)
            {
                body = raw;
                contentType = response.RawBodyContentType;
            }

            Copy(response, headers, cookies, ref contentType);
        }

        if (contentType is not null)
        {
            headers.Insert(0, new("Content-Type", contentType));
        }

        return new HttpAnswer { StatusCode = response?.StatusCode ?? 200, Headers = headers, Cookies = cookies, Body = body };
    }

    /// <summary>
    /// The answer of a failed invocation: the status of its error type and <c>{ "errorType", "errorMessage" }</c>
    /// (never a stack trace). Headers and cookies a middleware set before the failure are kept (a CORS
    /// header, say), except <c>Content-Type</c>.
    /// </summary>
    public static HttpAnswer Failure(InvocationError error, HttpResponseInfo? response = null)
        => Failure(error.Type, error.Message, error.StatusCode, response, error.Allow, error.Errors);

    /// <inheritdoc cref="Failure(InvocationError, HttpResponseInfo?)"/>
    public static HttpAnswer Failure(string errorType, string errorMessage, int statusCode, HttpResponseInfo? response = null, string? allow = null, IReadOnlyDictionary<string, string[]>? errors = null)
    {
        errorMessage = Events.Messages.Clean(errorMessage);
        var headers = new List<KeyValuePair<string, string>> { new("Content-Type", JsonContentType) };
        var cookies = new List<string>();
        if (response is not null)
        {
            string? ignored = null;
            Copy(response, headers, cookies, ref ignored);
        }

        if (allow is not null)
        {
            headers.RemoveAll(h => string.Equals(h.Key, "Allow", StringComparison.OrdinalIgnoreCase));
            headers.Add(new("Allow", allow));
        }

        return new HttpAnswer
        {
            StatusCode = statusCode,
            Headers = headers,
            Cookies = cookies,
            Body = ErrorBodies.ForHttp(errorType, errorMessage, errors),
            ErrorType = errorType,
            ErrorMessage = errorMessage,
        };
    }

    private static void Copy(HttpResponseInfo response, List<KeyValuePair<string, string>> headers, List<string> cookies, ref string? contentType)
    {
        foreach (var (name, values) in response.Headers)
        {
            foreach (var value in values)
            {
                if (string.Equals(name, "Set-Cookie", StringComparison.OrdinalIgnoreCase))
                {
                    cookies.Add(value);
                }
                else if (string.Equals(name, "Content-Type", StringComparison.OrdinalIgnoreCase))
                {
                    contentType = value;
                }
                else
                {
                    headers.Add(new(name, value));
                }
            }
        }

        cookies.AddRange(response.Cookies);
    }
}
