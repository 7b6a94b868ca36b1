using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text;
using System.Threading.Channels;

using Router.Testing;

namespace Router.Runtime.Tests.Hosting;

public enum RuntimeApiKind
{
    AwsLambda,
    TencentScf,
}

/// <summary>One request the function sent to a fake platform.</summary>
public sealed record RecordedRequest(string Method, string Path, IReadOnlyDictionary<string, string> Headers, byte[] Body)
{
    public string Text => Encoding.UTF8.GetString(Body);

    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;
}

/// <summary>
/// A loopback runtime API that follows docs/platforms.md for AWS Lambda or Tencent SCF: the paths, methods,
/// headers and status codes, 400 for a post with an unknown or already answered request id, SCF's
/// refusal of <c>next</c> before <c>init/ready</c>. It hands out queued events and records every request.
/// </summary>
public sealed class FakeRuntimeApi : LoopbackHttpServer
{
    private readonly RuntimeApiKind _kind;
    private readonly Channel<QueuedEvent> _events = Channel.CreateUnbounded<QueuedEvent>();
    private readonly Channel<RecordedRequest> _results = Channel.CreateUnbounded<RecordedRequest>();
    private readonly ConcurrentQueue<RecordedRequest> _requests = new();
    private readonly ConcurrentDictionary<string, bool> _outstanding = new();
    private volatile bool _ready;

    public FakeRuntimeApi(RuntimeApiKind kind) => _kind = kind;

    /// <summary>The environment a function needs to find this API.</summary>
    public Dictionary<string, string> Environment => _kind == RuntimeApiKind.AwsLambda
        ? new() { ["AWS_LAMBDA_RUNTIME_API"] = $"127.0.0.1:{Port}" }
        : new() { ["SCF_RUNTIME_API"] = "127.0.0.1", ["SCF_RUNTIME_API_PORT"] = Port.ToString(CultureInfo.InvariantCulture) };

    /// <summary>Picks the status for a result post; <see langword="null"/> keeps the protocol's own.</summary>
    public Func<RecordedRequest, int?>? OverrideStatus { get; set; }

    /// <summary>How many times the function has asked for <c>next</c>.</summary>
    public int NextCalls => _requests.Count(r => r.Path.EndsWith("/runtime/invocation/next", StringComparison.Ordinal));

    public IReadOnlyList<RecordedRequest> Requests => [.. _requests];

    /// <summary>The headers <c>next</c> sent with each event, by request id.</summary>
    public ConcurrentDictionary<string, IReadOnlyDictionary<string, string>> SentHeaders { get; } = new();

    /// <summary>Queues an event, with <paramref name="headers"/> beside the protocol's own; returns its request id.</summary>
    public string Enqueue(byte[] eventJson, TimeSpan? timeout = null, string? traceId = null, IReadOnlyDictionary<string, string>? headers = null)
    {
        var id = Guid.NewGuid().ToString();
        _events.Writer.TryWrite(new QueuedEvent(id, eventJson, timeout ?? TimeSpan.FromMinutes(5), traceId, headers));
        return id;
    }

    public string Enqueue(string eventJson, TimeSpan? timeout = null, string? traceId = null, IReadOnlyDictionary<string, string>? headers = null)
        => Enqueue(Encoding.UTF8.GetBytes(eventJson), timeout, traceId, headers);

    /// <summary>The next response, error or init error the function posted.</summary>
    public async Task<RecordedRequest> NextResultAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        return await _results.Reader.ReadAsync(timeout.Token);
    }

    protected override async Task HandleAsync(HttpListenerContext context)
    {
        var request = context.Request;
        using var body = new MemoryStream();
        await request.InputStream.CopyToAsync(body);
        var headers = request.Headers.AllKeys.Where(k => k is not null).ToDictionary(k => k!, k => request.Headers[k]!, StringComparer.OrdinalIgnoreCase);
        var recorded = new RecordedRequest(request.HttpMethod, request.Url!.AbsolutePath, headers, body.ToArray());
        _requests.Enqueue(recorded);
        try
        {
            var prefix = _kind == RuntimeApiKind.AwsLambda ? "/2018-06-01" : "";
            var path = recorded.Path.StartsWith(prefix, StringComparison.Ordinal) ? recorded.Path[prefix.Length..] : "";
            switch (recorded.Method, path)
            {
                case ("GET", "/runtime/invocation/next"):
                    await NextAsync(context.Response);
                    break;
                case ("POST", "/runtime/init/ready") when _kind == RuntimeApiKind.TencentScf:
                    _ready = true;
                    Answer(context.Response, 200);
                    break;
                case ("POST", "/runtime/init/error") when _kind == RuntimeApiKind.AwsLambda:
                    _results.Writer.TryWrite(recorded);
                    Answer(context.Response, 202);
                    break;
                case ("POST", _) when ResultRequestId(path) is { } id:
                    Result(context.Response, recorded, id);
                    break;
                default:
                    Answer(context.Response, 404);
                    break;
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or HttpListenerException or ObjectDisposedException)
        {
            context.Response.Abort();
        }
    }

    private async Task NextAsync(HttpListenerResponse response)
    {
        if (_kind == RuntimeApiKind.TencentScf && !_ready)
        {
            Answer(response, 403);
            return;
        }

        var queued = await _events.Reader.ReadAsync(Stopping);
        _outstanding[queued.Id] = true;
        if (_kind == RuntimeApiKind.AwsLambda)
        {
            response.Headers["Lambda-Runtime-Aws-Request-Id"] = queued.Id;
            response.Headers["Lambda-Runtime-Deadline-Ms"] = DateTimeOffset.UtcNow.Add(queued.Timeout).ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
            response.Headers["Lambda-Runtime-Invoked-Function-Arn"] = "arn:aws:lambda:us-east-1:123456789012:function:shop";
            if (queued.TraceId is not null)
            {
                response.Headers["Lambda-Runtime-Trace-Id"] = queued.TraceId;
            }
        }
        else
        {
            _current = queued.Id;
            response.Headers["request_id"] = queued.Id;
            response.Headers["memory_limit_in_mb"] = "128";
            response.Headers["time_limit_in_ms"] = ((long)queued.Timeout.TotalMilliseconds).ToString(CultureInfo.InvariantCulture);
        }

        foreach (var (name, value) in queued.Headers ?? new Dictionary<string, string>())
        {
            response.Headers[name] = value;
        }

        SentHeaders[queued.Id] = response.Headers.AllKeys.ToDictionary(k => k!, k => response.Headers[k]!, StringComparer.OrdinalIgnoreCase);

        response.StatusCode = 200;
        response.ContentLength64 = queued.Body.Length;
        await response.OutputStream.WriteAsync(queued.Body);
        response.Close();
    }

    private string? _current;

    private string? ResultRequestId(string path)
    {
        if (_kind == RuntimeApiKind.TencentScf)
        {
            return path is "/runtime/invocation/response" or "/runtime/invocation/error" ? _current ?? "" : null;
        }

        var parts = path.Split('/');
        return parts is ["", "runtime", "invocation", var id, "response" or "error"] ? Uri.UnescapeDataString(id) : null;
    }

    private void Result(HttpListenerResponse response, RecordedRequest recorded, string requestId)
    {
        var status = OverrideStatus?.Invoke(recorded);

        // A result for an id that was never handed out, or a second one, is refused as the real API does.
        var known = _outstanding.TryRemove(requestId, out _);
        var success = _kind == RuntimeApiKind.AwsLambda ? 202 : 200;
        _results.Writer.TryWrite(recorded);
        Answer(response, status ?? (known ? success : 400));
    }

    private static void Answer(HttpListenerResponse response, int status)
    {
        response.StatusCode = status;
        response.ContentLength64 = 0;
        response.Close();
    }

    private sealed record QueuedEvent(string Id, byte[] Body, TimeSpan Timeout, string? TraceId, IReadOnlyDictionary<string, string>? Headers);
}
