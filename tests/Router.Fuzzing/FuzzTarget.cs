using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Router.Runtime;
using Router.Runtime.Hosting;
using Router.Runtime.Hosting.Server;
using Router.Runtime.Http;

namespace Router.Fuzzing;

/// <summary>An input broke one of the invariants every answer keeps.</summary>
public sealed class FuzzFailure(string message) : Exception(message);

/// <summary>
/// The fuzz targets. Each takes any bytes and throws only <see cref="FuzzFailure"/> (or whatever escaped
/// the runtime, which is a bug too): the invoker must answer every input with a well-formed result, and
/// never throw, hang, or echo a control character into a message or header.
/// </summary>
public static class FuzzTarget
{
    private static readonly string[] s_errorTypes =
    [
        ErrorTypes.InvalidEvent, ErrorTypes.MissingRoute, ErrorTypes.RouteNotFound, ErrorTypes.InvalidRequest,
        ErrorTypes.MethodNotAllowed, ErrorTypes.HandlerError,
    ];

    private static readonly FunctionInvokerOptions s_options = new() { Log = TextWriter.Null, MaxEventBytes = 1 << 20, MaxHttpHeaderBytes = 4096, MaxHttpQueryBytes = 2048 };

    private static readonly FunctionInvoker s_invoker = new(new FuzzRouter(), null, s_options);

    /// <summary>The bytes as an event, direct or an HTTP envelope, as a Lambda or SCF host or <c>invoke</c> hands it over.</summary>
    public static void Event(ReadOnlySpan<byte> input)
    {
        var result = s_invoker.InvokeAsync(input.ToArray()).AsTask().GetAwaiter().GetResult();
        CheckResult(result);
    }

    /// <summary>
    /// The bytes as a real HTTP request, as <c>serve</c> and FC hand it over: a first line <c>METHOD target</c>,
    /// header lines <c>Name: value</c> up to an empty line, then the body.
    /// </summary>
    public static void Http(ReadOnlySpan<byte> input)
    {
        var (method, target, headers, body) = Split(input);
        HttpAnswer answer;
        try
        {
            var request = HttpRequests.FromParts(method, target, headers, body, "127.0.0.1", platformHeaders: true, HttpLimits.From(s_options));
            answer = s_invoker.InvokeHttpAsync(request, InvocationInfo.Local("fuzz"), span: null, CancellationToken.None).AsTask().GetAwaiter().GetResult();
        }
        catch (HttpEventException ex)
        {
            answer = HttpAnswer.Failure(ex.Error);
        }

        CheckAnswer(answer);
    }

    private static readonly FcEndpoint s_fc = new(
        s_invoker,
        new Initializer(null),
        new HttpEventEndpoint(s_invoker, HttpLimits.From(s_options), platformHeaders: true),
        static () => default,
        TextWriter.Null,
        NullLogger.Instance);

    /// <summary>
    /// The bytes as everything a client sends on one connection to the HTTP server of FC and <c>serve</c>: read
    /// by the server's own HTTP/1.1 parser (keep-alive, pipelining, Content-Length and chunked bodies), each
    /// request answered by the FC host. The connection must end by itself, and what the server wrote must be
    /// whole HTTP/1.1 answers, each with a status, clean headers and exactly its Content-Length of body.
    /// </summary>
    public static void Server(ReadOnlySpan<byte> input) => ServerAnswers(input);

    /// <summary>What <see cref="Server"/> checks, returning the status line of each answer the server wrote.</summary>
    public static IReadOnlyList<string> ServerAnswers(ReadOnlySpan<byte> input)
    {
        var bytes = new ConnectionBytes(input.ToArray());
        var connection = new ServerConnection(bytes, socket: null, "127.0.0.1", context => HttpFunctionServer.HandleAsync(context, s_fc.HandleAsync, NullLogger.Instance));
        var run = connection.RunAsync(CancellationToken.None);
        Require(run.Wait(TimeSpan.FromSeconds(10)), "the connection did not end within 10 seconds");
        run.GetAwaiter().GetResult();
        return CheckAnswers(bytes.Written);
    }

    /// <summary>Throws <see cref="FuzzFailure"/> unless <paramref name="written"/> is whole HTTP/1.1 answers; returns their status lines.</summary>
    public static IReadOnlyList<string> CheckAnswers(byte[] written)
    {
        var statuses = new List<string>();
        var at = 0;
        while (at < written.Length)
        {
            var headEnd = written.AsSpan(at).IndexOf("\r\n\r\n"u8);
            Require(headEnd > 0, "an answer without the end of its headers");
            var lines = Encoding.UTF8.GetString(written, at, headEnd).Split("\r\n");
            Require(lines[0].Length >= 12 && lines[0].StartsWith("HTTP/1.1 ", StringComparison.Ordinal) && int.TryParse(lines[0].AsSpan(9, 3), out var status) && status is >= 100 and <= 599, $"status line '{lines[0]}'");
            long? length = null;
            foreach (var line in lines.Skip(1))
            {
                var colon = line.IndexOf(':', StringComparison.Ordinal);
                Require(colon > 0 && !HasControl(line), $"header line '{line}'");
                if (line[..colon].Equals("Content-Length", StringComparison.OrdinalIgnoreCase))
                {
                    length = long.Parse(line[(colon + 1)..].Trim(), System.Globalization.CultureInfo.InvariantCulture);
                }
            }

            at += headEnd + 4;
            statuses.Add(lines[0]);
            if (lines[0].StartsWith("HTTP/1.1 100 ", StringComparison.Ordinal))
            {
                continue; // an interim answer has no body
            }

            Require(length is not null, "an answer without Content-Length");
            if (length > 0 && (at == written.Length || written.AsSpan(at).StartsWith("HTTP/1.1 "u8)))
            {
                continue; // the answer to a HEAD: its length, no body (no answer's body starts with a status line)
            }

            Require(written.Length - at >= length!.Value, "an answer shorter than its Content-Length");
            at += (int)length.Value;
        }

        return statuses;
    }

    private static void CheckResult(InvocationResult result)
    {
        Require(result.IsSuccess == (result.ErrorType is null), "IsSuccess disagrees with ErrorType");
        if (result.ErrorType is not null)
        {
            CheckError(result.ErrorType, result.ErrorMessage);
        }

        if (result.HttpStatusCode is { } status)
        {
            using var envelope = Parse(result.Body, "the HTTP response object");
            var root = envelope.RootElement;
            Require(root.ValueKind == JsonValueKind.Object, "the response object is not an object");
            Require(root.GetProperty("statusCode").GetInt32() == status, "statusCode disagrees with HttpStatusCode");
            var body = root.GetProperty("body").GetString()!;
            if (root.GetProperty("isBase64Encoded").GetBoolean())
            {
                Convert.FromBase64String(body);
            }
            else if (result.ErrorType is not null)
            {
                using var error = Parse(Encoding.UTF8.GetBytes(body), "the error body");
                Require(error.RootElement.GetProperty("errorType").GetString() == result.ErrorType, "the error body names another errorType");
            }
        }
        else if (result.IsSuccess)
        {
            Parse(result.Body, "the body").Dispose();
        }
    }

    private static void CheckAnswer(HttpAnswer answer)
    {
        Require(answer.StatusCode is >= 100 and <= 599, $"status {answer.StatusCode}");
        if (answer.ErrorType is not null)
        {
            CheckError(answer.ErrorType, answer.ErrorMessage);
            using var error = Parse(answer.Body, "the error body");
            Require(error.RootElement.GetProperty("errorType").GetString() == answer.ErrorType, "the error body names another errorType");
        }

        foreach (var (name, value) in answer.Headers)
        {
            Require(!HasControl(name) && !HasControl(value), $"header {name} carries a control character");
        }

        foreach (var cookie in answer.Cookies)
        {
            Require(!HasControl(cookie), "a cookie carries a control character");
        }
    }

    /// <summary>Throws <see cref="FuzzFailure"/> unless <paramref name="errorType"/> is known and <paramref name="message"/> is one clean line.</summary>
    public static void CheckMessage(string errorType, string? message) => CheckError(errorType, message);

    private static void CheckError(string errorType, string? message)
    {
        Require(Array.IndexOf(s_errorTypes, errorType) >= 0, $"unknown error type {errorType}");
        Require(!string.IsNullOrEmpty(message), $"{errorType} without a message");
        Require(!HasControl(message!), $"{errorType} message carries a control character: {message}");
    }

    private static JsonDocument Parse(ReadOnlyMemory<byte> json, string what)
    {
        try
        {
            return JsonDocument.Parse(json);
        }
        catch (JsonException ex)
        {
            throw new FuzzFailure($"{what} is not JSON: {ex.Message}");
        }
    }

    private static bool HasControl(string text)
    {
        foreach (var c in text)
        {
            if (char.IsControl(c))
            {
                return true;
            }
        }

        return false;
    }

    private static void Require(bool condition, string what)
    {
        if (!condition)
        {
            throw new FuzzFailure(what);
        }
    }

    private static (string Method, string Target, List<KeyValuePair<string, string>> Headers, byte[] Body) Split(ReadOnlySpan<byte> input)
    {
        var text = Encoding.Latin1.GetString(input);
        var headerEnd = text.IndexOf("\n\n", StringComparison.Ordinal);
        var head = headerEnd < 0 ? text : text[..headerEnd];
        var body = headerEnd < 0 ? [] : input[(headerEnd + 2)..].ToArray();
        var lines = head.Split('\n');
        var first = lines[0].Split(' ', 2);
        var method = first[0].Length == 0 ? "GET" : first[0];
        var target = first.Length > 1 ? first[1] : "/";
        var headers = new List<KeyValuePair<string, string>>();
        foreach (var line in lines.Skip(1))
        {
            var colon = line.IndexOf(':');
            if (colon > 0)
            {
                headers.Add(new(line[..colon], line[(colon + 1)..].Trim()));
            }
        }

        return (method, target, headers, body);
    }
}
