using Router.Runtime.Hosting.Server;
using Router.Runtime.Http;

namespace Router.Runtime.Hosting;

/// <summary>
/// Real HTTP requests at the function's own server, for <c>serve</c> and Alibaba FC HTTP triggers: any
/// method and path, routed and bound as every platform's HTTP events are (the route in the path or in
/// <c>?$url=</c>; the JSON body, form fields or query), plus <c>POST /invoke</c> with a whole event.
/// </summary>
/// <remarks>
/// The answer is the route's status (200 unless it set another), headers, cookies and body, or the error
/// object with the status of its type: 400 (<c>InvalidEvent</c>, <c>MissingRoute</c>, <c>InvalidRequest</c>),
/// 404 (<c>RouteNotFound</c>), 405 (<c>MethodNotAllowed</c>), 413 (a body over
/// <see cref="FunctionInvokerOptions.MaxEventBytes"/>), 414 and 431 (query and headers over their limits),
/// 415 (a multipart body) and 500 (<c>HandlerError</c>). An observed request's span starts when it arrives
/// and ends once the answer is written; then <paramref name="flush"/>, when given (FC, whose instance may be
/// frozen as soon as it has answered), runs.
/// </remarks>
internal sealed class HttpEventEndpoint(FunctionInvoker invoker, HttpLimits limits, bool platformHeaders, Func<ValueTask>? flush = null)
{
    /// <summary>The largest event body read, in bytes (<see cref="FunctionInvokerOptions.MaxEventBytes"/>).</summary>
    public int MaxEventBytes => limits.MaxBodyBytes;

    public async Task HandleAsync(ServerContext context, InvocationInfo invocation, CancellationToken cancellationToken)
    {
        var response = context.Response;
        response.SetHeader("X-Request-Id", invocation.RequestId);
        var span = invoker.Observe(invocation, http: true);

        HttpAnswer answer;
        try
        {
            var request = await ReadAsync(context.Request, cancellationToken).ConfigureAwait(false);
            answer = await invoker.InvokeHttpAsync(request, invocation, span, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpEventException ex)
        {
            answer = HttpAnswer.Failure(ex.Error);
        }

        span?.Answered(answer);
        try
        {
            await WriteAsync(response, answer).ConfigureAwait(false);
        }
        finally
        {
            span?.Stop();
        }

        if (flush is not null)
        {
            await flush().ConfigureAwait(false);
        }
    }

    /// <summary>The request in the model every platform shares; <c>x-fc-*</c> headers (FC's own, credentials among them) are left out.</summary>
    private async Task<HttpRequestInfo> ReadAsync(ServerRequest request, CancellationToken cancellationToken)
    {
        var body = await request.ReadBodyAsync(limits.MaxBodyBytes, cancellationToken).ConfigureAwait(false)
            ?? throw HttpEventException.Invalid($"The request body is larger than the limit of {limits.MaxBodyBytes} bytes.", 413);
        return HttpRequests.FromParts(request.Method, request.Target, request.Headers, body, request.RemoteAddress, platformHeaders, limits);
    }

    private static async Task WriteAsync(ServerResponse response, HttpAnswer answer)
    {
        string? contentType = null;
        foreach (var (name, value) in answer.Headers)
        {
            if (string.Equals(name, "Content-Type", StringComparison.OrdinalIgnoreCase))
            {
                contentType = value;
            }
            else
            {
                response.AppendHeader(name, value);
            }
        }

        foreach (var cookie in answer.Cookies)
        {
            response.AppendHeader("Set-Cookie", cookie);
        }

        await response.WriteAsync(answer.StatusCode, answer.Body, contentType).ConfigureAwait(false);
    }
}
