using System.Text;
using System.Text.Json;
using Router.Runtime;
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
