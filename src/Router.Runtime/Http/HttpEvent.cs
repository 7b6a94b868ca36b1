namespace Router.Runtime.Http;

/// <summary>An HTTP request as one platform delivered it: the request, and what its route and response depend on.</summary>
/// <param name="Format">The platform's event format, which writes the answer; <see langword="null"/> for a real HTTP request at the function's own server (<c>serve</c>, an FC custom-runtime HTTP trigger), answered as a bare HTTP response.</param>
/// <param name="Request">The request in the one model every platform shares.</param>
/// <param name="RoutePath">
/// The percent-encoded path the route is taken from: the API stage (HTTP APIs) or the API's own path
/// prefix (SCF) already cut, or the <c>{proxy+}</c> part of a proxy resource; the configured base path is
/// cut later (<see cref="HttpRoutes"/>).
/// </param>
/// <param name="MultiValueHeaders">For a load balancer: whether its target group sends and expects <c>multiValueHeaders</c>.</param>
internal sealed record HttpEvent(Formats.HttpEventFormat? Format, HttpRequestInfo Request, string RoutePath, bool MultiValueHeaders = false);
