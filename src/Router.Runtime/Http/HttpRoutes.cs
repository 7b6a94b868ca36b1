using Router.Runtime.Events;

namespace Router.Runtime.Http;

/// <summary>
/// The route an HTTP request names (docs/hosting.md, "HTTP", the route rules): <c>?$url=</c> when given,
/// else the path without its leading <c>/</c>, without the API stage or the API's own prefix (already cut
/// by <see cref="HttpEventReader"/>) and without the configured base path. A path that names no route
/// (<c>/</c>, or <c>/invoke</c> on the function's own server) may carry a whole event, <c>$url</c>
/// included, as its JSON body.
/// </summary>
internal static class HttpRoutes
{
    /// <summary>The query parameter that names the route, as tcb-router issue #15 asks.</summary>
    public const string QueryParameter = "$url";

    /// <summary>The path of the function's own server that takes a whole event.</summary>
    public const string InvokePath = "/invoke";

    /// <summary>The route, or <see langword="null"/> when the path names none (the body may carry a whole event instead).</summary>
    /// <param name="request">The request.</param>
    /// <param name="routePath">The percent-encoded path to take the route from (<see cref="HttpEvent.RoutePath"/>).</param>
    /// <param name="basePath">The base path to cut (a custom domain's mapping), or <see langword="null"/>.</param>
    /// <param name="isOwnServer">Whether the request reached the function's own server, where <c>/invoke</c> takes a whole event.</param>
    /// <param name="wholeEvent">Whether the path is <c>/invoke</c> on the function's own server, whose body is a whole direct event.</param>
    /// <exception cref="HttpEventException">
    /// <c>$url</c> is given twice or empty, or the path is not validly encoded, encodes a slash or has a <c>.</c> or <c>..</c> segment.
    /// </exception>
    public static string? Resolve(HttpRequestInfo request, string routePath, string? basePath, bool isOwnServer, out bool wholeEvent)
    {
        wholeEvent = false;
        var fromQuery = request.Query.GetValues(QueryParameter);
        if (fromQuery.Count > 1)
        {
            throw HttpEventException.Invalid("The query names \"$url\" more than once, so its route is ambiguous.");
        }

        if (fromQuery.Count == 1)
        {
            return fromQuery[0].Length > 0
                ? fromQuery[0]
                : throw new HttpEventException(ErrorTypes.MissingRoute, 400, "The query's \"$url\" is empty; it must name a route such as \"pay/makeOrder\".");
        }

        var path = UrlEncoding.DecodePath(routePath);
        if (isOwnServer && path == InvokePath)
        {
            wholeEvent = true;
            return null;
        }

        path = basePath is null ? path : WithoutPrefix(path, basePath);
        foreach (var segment in path.Split('/'))
        {
            if (segment is "." or "..")
            {
                throw HttpEventException.Invalid($"The request path {Messages.Quote(path)} has a '{segment}' segment; routes are plain names separated by '/'.");
            }
        }

        var route = path.TrimStart('/');
        return route.Length == 0 ? null : route;
    }

    /// <summary>Normalises a configured base path to <c>/segment/...</c>, or <see langword="null"/> for none.</summary>
    public static string? NormaliseBasePath(string? basePath)
    {
        var trimmed = basePath?.Trim().Trim('/');
        return string.IsNullOrEmpty(trimmed) ? null : "/" + trimmed;
    }

    /// <summary>
    /// <paramref name="path"/> without a leading <paramref name="prefix"/> (<c>/segment/...</c>, no trailing
    /// slash) that ends at a segment boundary: <c>/</c> when the path is the prefix itself, the path as it is
    /// when it does not start with it. The API stage, SCF's API path and the configured base path are cut this way.
    /// </summary>
    public static string WithoutPrefix(string path, string prefix)
        => path == prefix ? "/"
            : path.StartsWith(prefix + "/", StringComparison.Ordinal) ? path[prefix.Length..]
            : path;
}
