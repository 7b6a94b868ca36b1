using Router.Runtime.Events;
using Router.Runtime.Http;
using Router.Runtime.Http.Formats;
using Router.Runtime.Output;
using Router.Runtime.Telemetry;

namespace Router.Runtime;

/// <summary>
/// HTTP events and requests: an API Gateway, function URL, load balancer, SCF or FC event read through its
/// format and answered in its response shape, and the real requests of <c>serve</c> and FC's HTTP
/// triggers; routed by path or <c>?$url=</c>, bound from body, form or query, then run on the one
/// invocation path (<see cref="FunctionInvoker"/>'s <c>Run</c>).
/// </summary>
public sealed partial class FunctionInvoker
{
    /// <summary>
    /// Runs a real HTTP request (<c>serve</c>, an Alibaba FC HTTP trigger): routed and bound as an HTTP
    /// event is, answered as a bare HTTP response.
    /// </summary>
    /// <param name="request">The request.</param>
    /// <param name="invocation">The invocation.</param>
    /// <param name="span">The span the host observes the invocation with (<see cref="Observe"/>), or <see langword="null"/>; the host records the answer and stops it.</param>
    /// <param name="cancellationToken">The invocation's deadline.</param>
    internal ValueTask<HttpAnswer> InvokeHttpAsync(HttpRequestInfo request, InvocationInfo invocation, InvocationSpan? span, CancellationToken cancellationToken)
        => RunHttpAsync(new HttpEvent(null, request, request.Path), invocation, span, cancellationToken);

    /// <summary>Reads an HTTP event from its document (then disposed) and runs it; answers in its format's response shape, refusals included.</summary>
    private ValueTask<InvocationResult> InvokeHttpEventAsync(EventScan scan, HttpEventFormat format, InvocationInfo invocation, InvocationSpan? span, CancellationToken cancellationToken)
    {
        span?.SetHttp();
        HttpEvent httpEvent;
        using (var document = scan.Document!)
        {
            var root = document.RootElement;
            if (scan.Failure is { } refused)
            {
                return new(Deliver(HttpAnswer.Failure(refused), HttpEventReader.Unread(root, format)));
            }

            try
            {
                httpEvent = HttpEventReader.Read(root, format, HttpLimits);
            }
            catch (HttpEventException ex)
            {
                return new(Deliver(HttpAnswer.Failure(ex.Error), HttpEventReader.Unread(root, format)));
            }
        }

        var run = RunHttpAsync(httpEvent, invocation, span, cancellationToken);
        return run.IsCompletedSuccessfully ? new(Deliver(run.Result, httpEvent)) : AwaitHttpEventAsync(run, httpEvent);
    }

    private static async ValueTask<InvocationResult> AwaitHttpEventAsync(ValueTask<HttpAnswer> run, HttpEvent httpEvent)
        => Deliver(await run.ConfigureAwait(false), httpEvent);

    private static InvocationResult Deliver(HttpAnswer answer, HttpEvent httpEvent)
        => InvocationResult.Http(HttpResponseEnvelope.Write(answer, httpEvent), answer.StatusCode, answer.ErrorType, answer.ErrorMessage);

    private ValueTask<HttpAnswer> RunHttpAsync(HttpEvent httpEvent, InvocationInfo invocation, InvocationSpan? span, CancellationToken cancellationToken)
    {
        var request = httpEvent.Request;
        span?.SetRequest(request);
        string route;
        ReadOnlyMemory<byte> eventJson;
        try
        {
            var resolved = HttpRoutes.Resolve(request, httpEvent.RoutePath, _basePath, isOwnServer: httpEvent.Format is null, out var wholeEvent);
            EventScan scan;
            if (wholeEvent)
            {
                // POST /invoke on the function's own server: the body is a direct event, checked as one.
                eventJson = Utf8Bom.Skip(request.Body);
                scan = EventScanner.Scan(eventJson, _maxDepth, Subjects.Event, RouteNames);
                if (scan.Failure is { } invalid)
                {
                    throw new HttpEventException(invalid);
                }

                resolved = scan.Url ?? throw new HttpEventException(ErrorTypes.MissingRoute, 400, scan.UrlProblem ?? ScanMessages.NoUrl);
            }
            else
            {
                eventJson = HttpRequestEvents.Create(request, _maxDepth, out scan);
            }

            if (resolved is null)
            {
                // A path that names no route: the body may carry a whole event, "$url" included.
                if (scan.HasUrl)
                {
                    resolved = scan.Url ?? throw new HttpEventException(ErrorTypes.MissingRoute, 400, scan.UrlProblem ?? ScanMessages.UrlEmpty);
                }
                else
                {
                    throw new HttpEventException(ErrorTypes.RouteNotFound, 404,
                        $"The request path {Messages.Quote(request.Path)} names no route; put the route in the path (/pay/makeOrder) or in ?$url=.");
                }
            }
            else if (scan.HasUrl && !wholeEvent)
            {
                throw HttpEventException.Invalid(
                    $"The request names its route twice: {Messages.Quote(resolved)} in its path or query and {Messages.Quote(scan.Url ?? "")} in the body's \"$url\"; name it once.");
            }

            route = resolved;
        }
        catch (HttpEventException ex)
        {
            return new(HttpAnswer.Failure(ex.Error));
        }

        span?.Begin(KnownRoute(route));
        var run = Run<HttpAnswers>(route, eventJson, invocation, request, cancellationToken);
        return run.IsCompletedSuccessfully ? new(run.Result.Answer) : AwaitHttpAsync(run);
    }

    private static async ValueTask<HttpAnswer> AwaitHttpAsync(ValueTask<HttpAnswers> run) => (await run.ConfigureAwait(false)).Answer;

    /// <summary>An HTTP event's result: the answer, with the status and headers the route set, errors included.</summary>
    private readonly record struct HttpAnswers(HttpAnswer Answer) : IRunAnswer<HttpAnswers>
    {
        public static HttpAnswers Failed(InvocationError error, RouteContext context) => new(HttpAnswer.Failure(error, context.Response));

        public static HttpAnswers Completed(PooledBody? body, RouteContext context)
        {
            // The HTTP answer outlives the invocation (it is wrapped in the platform's envelope or written by
            // the server), so its body is copied out of the pool here.
            var bytes = body is null ? ReadOnlyMemory<byte>.Empty : body.Written.ToArray();
            body?.Return();
            return new(HttpAnswer.Success(context.Response, bytes));
        }

        public static HttpAnswers Replayed(IdempotentAnswer answer, RouteContext context)
        {
            var headers = new List<KeyValuePair<string, string>>(answer.Headers.Count);
            var cookies = new List<string>();
            foreach (var header in answer.Headers)
            {
                if (string.Equals(header.Key, "Set-Cookie", StringComparison.OrdinalIgnoreCase))
                {
                    cookies.Add(header.Value);
                }
                else
                {
                    headers.Add(header);
                }
            }

            return new(new HttpAnswer { StatusCode = answer.StatusCode, Headers = headers, Cookies = cookies, Body = answer.Body });
        }

        public IdempotentAnswer ToStored()
        {
            var headers = new List<KeyValuePair<string, string>>(Answer.Headers.Count + Answer.Cookies.Count);
            headers.AddRange(Answer.Headers);
            foreach (var cookie in Answer.Cookies)
            {
                headers.Add(new("Set-Cookie", cookie));
            }

            return new IdempotentAnswer(Answer.StatusCode, headers, Answer.Body.ToArray());
        }
    }
}
