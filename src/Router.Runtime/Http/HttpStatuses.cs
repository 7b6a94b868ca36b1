using System.Globalization;

namespace Router.Runtime.Http;

/// <summary>The HTTP status of each runtime error type, and the reason phrases a load balancer's <c>statusDescription</c> needs.</summary>
internal static class HttpStatuses
{
    /// <summary>
    /// 400 for an unusable event or request, 404 for no such route, 405 for a method the route does not take,
    /// 409 for an idempotency key whose first request still runs, 422 for a key reused with another request
    /// (the IETF httpapi draft on <c>Idempotency-Key</c>), 500 for a handler that failed.
    /// </summary>
    public static int Of(string? errorType) => errorType switch
    {
        ErrorTypes.InvalidEvent or ErrorTypes.MissingRoute or ErrorTypes.InvalidRequest => 400,
        ErrorTypes.RouteNotFound => 404,
        ErrorTypes.MethodNotAllowed => 405,
        ErrorTypes.IdempotencyInProgress => 409,
        ErrorTypes.IdempotencyKeyReused => 422,
        _ => 500,
    };

    /// <summary><c>200 OK</c>, <c>404 Not Found</c>: the status line a load balancer expects in <c>statusDescription</c>.</summary>
    public static string Description(int statusCode)
        => statusCode.ToString(CultureInfo.InvariantCulture) + " " + Reason(statusCode);

    private static string Reason(int statusCode) => statusCode switch
    {
        100 => "Continue",
        101 => "Switching Protocols",
        200 => "OK",
        201 => "Created",
        202 => "Accepted",
        203 => "Non-Authoritative Information",
        204 => "No Content",
        205 => "Reset Content",
        206 => "Partial Content",
        300 => "Multiple Choices",
        301 => "Moved Permanently",
        302 => "Found",
        303 => "See Other",
        304 => "Not Modified",
        307 => "Temporary Redirect",
        308 => "Permanent Redirect",
        400 => "Bad Request",
        401 => "Unauthorized",
        402 => "Payment Required",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        406 => "Not Acceptable",
        408 => "Request Timeout",
        409 => "Conflict",
        410 => "Gone",
        411 => "Length Required",
        412 => "Precondition Failed",
        413 => "Content Too Large",
        414 => "URI Too Long",
        415 => "Unsupported Media Type",
        416 => "Range Not Satisfiable",
        417 => "Expectation Failed",
        421 => "Misdirected Request",
        422 => "Unprocessable Content",
        425 => "Too Early",
        426 => "Upgrade Required",
        428 => "Precondition Required",
        429 => "Too Many Requests",
        431 => "Request Header Fields Too Large",
        451 => "Unavailable For Legal Reasons",
        500 => "Internal Server Error",
        501 => "Not Implemented",
        502 => "Bad Gateway",
        503 => "Service Unavailable",
        504 => "Gateway Timeout",
        505 => "HTTP Version Not Supported",
        _ => statusCode switch
        {
            < 200 => "Informational",
            < 300 => "Success",
            < 400 => "Redirection",
            < 500 => "Client Error",
            _ => "Server Error",
        },
    };
}
