using Microsoft.Extensions.Logging;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Router.Runtime.Tests.Hosting;

/// <summary>Routes the hosts are tested with where the shop has none: deadlines, exceptions, slow and large answers.</summary>
[GeneratedRouter]
public sealed partial class HostTestRouter;

public sealed record TestRequest(int Ms, int Size, string? Text);

public sealed record TestReply(string Note);

/// <summary>What a route saw of an HTTP request (<c>test/http</c>).</summary>
public sealed record HttpEcho(
    string Route,
    string? Method,
    string? Path,
    string? Source,
    string? SourceIp,
    Dictionary<string, string[]> Query,
    Dictionary<string, string[]> Headers,
    Dictionary<string, string> Cookies,
    Dictionary<string, string> Claims,
    string Event,
    int BodyLength);

public sealed record AmountRequest(int Amount, string? Id);

/// <summary>A category and its subcategories: a type that refers to itself (the document's recursive schema).</summary>
public sealed record Category(string Name, Category[]? Children);

/// <summary>What <c>test/search</c> takes: scalars a GET sends as query parameters, and a list it cannot.</summary>
public sealed record SearchRequest(string Term, int Page, string[]? Tags);

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(TestRequest))]
[JsonSerializable(typeof(TestReply))]
[JsonSerializable(typeof(HttpEcho))]
[JsonSerializable(typeof(AmountRequest))]
[JsonSerializable(typeof(Category))]
[JsonSerializable(typeof(SearchRequest))]
[JsonSerializable(typeof(Requests.SignUp))]
[JsonSerializable(typeof(Requests.Folder))]
[JsonSerializable(typeof(Requests.SignedUp))]
[JsonSerializable(typeof(Requests.OrderRequest))]
[JsonSerializable(typeof(Requests.OrderPlaced))]
internal sealed partial class HostTestJson : JsonSerializerContext;

[Route("test")]
public static class HostTestHandlers
{
    /// <summary>Answers the request's text.</summary>
    [Route("echo")]
    public static TestReply Echo(TestRequest request) => new(request.Text ?? "");

    /// <summary>Waits until the invocation's deadline cancels it, then says so.</summary>
    [Route("deadline")]
    public static async Task<TestReply> WaitForDeadline(CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
            return new TestReply("never");
        }
        catch (OperationCanceledException)
        {
            return new TestReply("cancelled at the deadline");
        }
    }

    /// <summary>Takes <c>ms</c> milliseconds, ignoring cancellation, as a slow handler would.</summary>
    [Route("slow")]
    public static async Task<TestReply> Slow(TestRequest request)
    {
        await Task.Delay(request.Ms);
        return new TestReply($"slept {request.Ms} ms");
    }

    /// <summary>Answers a note of <c>size</c> characters.</summary>
    [Route("big")]
    public static TestReply Big(TestRequest request) => new(new string('x', request.Size));

    [Route("throw")]
    public static TestReply Throw() => throw new InvalidOperationException("the handler failed on purpose");

    /// <summary>Answers the trace id the Lambda host put in the environment.</summary>
    [Route("trace")]
    public static TestReply Trace() => new(Environment.GetEnvironmentVariable("_X_AMZN_TRACE_ID") ?? "(none)");

    /// <summary>Answers the request id the host gave the invocation.</summary>
    /// <summary>The test source the <c>test/traced</c> handler starts its own activity on.</summary>
    public static readonly System.Diagnostics.ActivitySource HandlerSource = new("Router.Tests.Handler");

    /// <summary>Logs a line and starts an activity of its own; answers the current activity's trace and span ids ("none" without one).</summary>
    [Route("traced")]
    public static TestReply Traced(RouteContext context)
    {
        var current = System.Diagnostics.Activity.Current;
        using (HandlerSource.StartActivity("handler work"))
        {
            context.Logger.LogInformation("inside the traced handler");
        }

        return new(current is null ? "none" : $"{current.TraceId.ToHexString()} {current.SpanId.ToHexString()}");
    }

    /// <summary>Logs a line before and after an await, so the pipeline completes later than it was called.</summary>
    [Route("logAround")]
    public static async Task<TestReply> LogAround(RouteContext context)
    {
        context.Logger.LogInformation("before the await");
        await Task.Yield();
        context.Logger.LogInformation("after the await");
        return new("logged");
    }

    [Route("requestId")]
    public static TestReply RequestId(RouteContext context) => new(context.RequestId);

    /// <summary>Answers everything the route saw of the HTTP request, and the event it was bound from.</summary>
    [Route("http")]
    public static HttpEcho Http(RouteContext context)
    {
        static Dictionary<string, string[]> Values(HttpValueCollection? values)
            => values?.ToDictionary(v => v.Key, v => v.Value.ToArray(), StringComparer.Ordinal) ?? [];

        var http = context.Http;
        return new HttpEcho(
            context.Url,
            http?.Method,
            http?.Path,
            http?.Source,
            http?.SourceIp,
            Values(http?.Query),
            Values(http?.Headers),
            http?.Cookies.ToDictionary(c => c.Key, c => c.Value, StringComparer.Ordinal) ?? [],
            http?.Claims.ToDictionary(c => c.Key, c => c.Value, StringComparer.Ordinal) ?? [],
            System.Text.Encoding.UTF8.GetString(context.RawEvent.Span),
            http?.Body.Length ?? -1);
    }

    /// <summary>Binds an int: <c>amount=3</c> from a query or form reads as 3, <c>amount=three</c> does not bind.</summary>
    [Route("amount")]
    public static TestReply Amount(AmountRequest request) => new($"{request.Amount} of {request.Id}");

    /// <summary>Sets a status, a header and two cookies on the answer.</summary>
    [Route("cookies", Methods = "POST")]
    public static TestReply Cookies(RouteContext context)
    {
        context.Response.StatusCode = 201;
        context.Response.Headers.Add("X-Test", "a");
        context.Response.Headers.Add("X-Test", "b");
        context.Response.Cookies.Add("sid=abc; Path=/; HttpOnly");
        context.Response.Cookies.Add("theme=dark; Path=/");
        return new TestReply("cookies set");
    }

    /// <summary>Answers bytes that are not UTF-8 text.</summary>
    [Route("binary")]
    public static void Binary(RouteContext context) => context.Response.SetRawBody(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0xFF }, "image/png");

    /// <summary>Echoes a <see cref="Category"/> tree.</summary>
    /// <remarks>
    /// <para>Its type refers to itself.</para>
    /// <para>The document refers to it by name.</para>
    /// </remarks>
    [Route("tree")]
    public static Category Tree(Category request) => request;

    /// <summary>Finds by <paramref name="request"/>'s term.</summary>
    [Route("search", Methods = "GET")]
    public static TestReply Search(SearchRequest request) => new($"{request.Term} page {request.Page}");

    /// <summary>Reads the whole event (<see cref="RouteContext.Event"/>) and answers how many members its top level has.</summary>
    [Route("whole")]
    public static TestReply Whole(RouteContext context) => new($"{context.Event.EnumerateObject().Count()} members");

    /// <summary>Reads one top-level member of the event (<see cref="RouteContext.TryGetEventString"/>), as the shop reads its session id.</summary>
    [Route("member")]
    public static TestReply Member(RouteContext context) => new(context.TryGetEventString("sessionId"u8, out var value) ? value : "(none)");

    /// <summary>A route that takes GET only.</summary>
    [Route("getOnly", Methods = "GET")]
    public static TestReply GetOnly() => new("got");
}
