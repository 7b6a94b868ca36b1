using System.Buffers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Router.Benchmarks.Article;
using Router.Runtime;

namespace Router.Benchmarks.Variants;

/// <summary>
/// The contract limit: the article's function written by hand so that it keeps the runtime's observable
/// contract, and nothing else. Beside <see cref="HandWrittenFunction"/> (the bare floor), this is what a
/// router must do at least, so it is the limit <c>FunctionInvoker</c> answers to (docs/performance.md,
/// "The contract limit"). Its rules:
/// <list type="bullet">
/// <item>the same limits: events over 6 MB and deeper than 64 levels refused, a UTF-8 byte-order mark skipped,
/// text that is not UTF-8 refused (the reader checks structure, not the bytes inside strings);</item>
/// <item>one validating pass that finds <c>$url</c> and <c>userInfo</c> at the top level and refuses either given
/// twice (the members the runtime reads, where a duplicate could be read differently than a parser in front of
/// the function read it); <c>$url</c> must be a string;</item>
/// <item>the request bound with <see cref="JsonSerializerOptions.AllowDuplicateProperties"/> off, so a duplicate
/// among the members binding reads is refused while it binds;</item>
/// <item>the request id on every log line written during the invocation (an <see cref="AsyncLocal{T}"/> a logger
/// reads, set for the invocation and restored after);</item>
/// <item>the same answers and error types (<see cref="ErrorTypes"/>) with messages that name the cause.</item>
/// </list>
/// Single-threaded (its writer is shared), as <see cref="HandWrittenFunction"/> is.
/// </summary>
public sealed class ContractFunction
{
    /// <summary>The event size limit, as <see cref="FunctionInvokerOptions.MaxEventBytes"/>'s default.</summary>
    public const int MaxEventBytes = 6 * 1024 * 1024;

    private static readonly AsyncLocal<string?> s_requestId = new();

    private readonly ArrayBufferWriter<byte> _output = new(512);
    private readonly Utf8JsonWriter _writer;
    private readonly PayHandlers _payHandlers = new();
    private readonly JsonTypeInfo<MakeOrderRequest> _strictRequest;

    /// <summary>Creates the function: its writer and its binding metadata (duplicates refused), once per instance.</summary>
    public ContractFunction()
    {
        _writer = new Utf8JsonWriter(_output, new JsonWriterOptions { Encoder = ArticleJson.Default.Options.Encoder, SkipValidation = true });
        var strict = new ArticleJson(new JsonSerializerOptions(ArticleJson.Default.Options) { AllowDuplicateProperties = false });
        _strictRequest = strict.MakeOrderRequest;
    }

    /// <summary>The request id a log line written now carries (what a logger reads).</summary>
    public static string? CurrentRequestId => s_requestId.Value;

    /// <summary>The answer to <paramref name="eventJson"/>: its body (valid until the next call) or its error.</summary>
    public ContractAnswer Invoke(ReadOnlySpan<byte> eventJson, string requestId)
    {
        if (!Accepts(ref eventJson, out var refused))
        {
            return refused;
        }

        // The two steps of EnterRequest written out: NativeAOT does not inline it here, and the call costs the limit
        // about 90 instructions an invocation (cachegrind, pay/pay).
        var previous = s_requestId.Value;
        s_requestId.Value = requestId;
        try
        {
            return Run(eventJson);
        }
        finally
        {
            s_requestId.Value = previous;
        }
    }

    /// <summary>Sets the request id a log line written now carries; returns the one it replaces, to put back after.</summary>
    internal static string? EnterRequest(string? requestId)
    {
        var previous = s_requestId.Value;
        s_requestId.Value = requestId;
        return previous;
    }

    /// <summary>The size limit, the byte-order mark (cut) and UTF-8: whether the event is read, or its <paramref name="refusal"/>.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    internal static bool Accepts(ref ReadOnlySpan<byte> eventJson, out ContractAnswer refusal)
    {
        refusal = default;
        if (eventJson.Length > MaxEventBytes)
        {
            refusal = ContractAnswer.Error(ErrorTypes.InvalidEvent, $"The event is {eventJson.Length} bytes, larger than the limit of {MaxEventBytes} bytes.");
            return false;
        }

        if (eventJson.StartsWith("\xEF\xBB\xBF"u8))
        {
            eventJson = eventJson[3..];
        }

        if (!System.Text.Unicode.Utf8.IsValid(eventJson))
        {
            refusal = ContractAnswer.Error(ErrorTypes.InvalidEvent, "The event is not valid UTF-8 text.");
            return false;
        }

        return true;
    }

    /// <summary>
    /// The one validating pass: which of <see cref="ArticleEvents.Routes"/> the event's <c>$url</c> names (its index there), -1 for none of them
    /// (<paramref name="url"/> the name), or -2 for an event refused (<paramref name="refusal"/>).
    /// </summary>
    /// <exception cref="JsonException">The event is not valid JSON, or deeper than 64 levels (<see cref="NotJson"/> answers it).</exception>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    internal static int FindRoute(ReadOnlySpan<byte> eventJson, out ReadOnlySpan<byte> url, out ContractAnswer refusal)
    {
        var route = -1;
        var sawUrl = false;
        var sawUserInfo = false;
        url = default;
        refusal = default;
        var reader = new Utf8JsonReader(eventJson, new JsonReaderOptions { MaxDepth = 64 });
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            refusal = ContractAnswer.Error(ErrorTypes.InvalidEvent, "The event is not a JSON object.");
            return -2;
        }

        while (reader.Read())
        {
            if (reader.TokenType != JsonTokenType.PropertyName || reader.CurrentDepth != 1)
            {
                continue;
            }

            if (reader.ValueTextEquals("$url"u8))
            {
                if (sawUrl)
                {
                    refusal = ContractAnswer.Error(ErrorTypes.InvalidEvent, "The event gives \"$url\" twice.");
                    return -2;
                }

                sawUrl = true;
                reader.Read();
                if (reader.TokenType != JsonTokenType.String)
                {
                    refusal = ContractAnswer.Error(ErrorTypes.MissingRoute, "\"$url\" is not a string.");
                    return -2;
                }

                url = reader.ValueSpan;
                route = reader.ValueTextEquals("user/register"u8) ? 0
                    : reader.ValueTextEquals("user/login"u8) ? 1
                    : reader.ValueTextEquals("pay/makeOrder"u8) ? 2
                    : reader.ValueTextEquals("pay/pay"u8) ? 3
                    : -1;
            }
            else if (reader.ValueTextEquals("userInfo"u8))
            {
                if (sawUserInfo)
                {
                    refusal = ContractAnswer.Error(ErrorTypes.InvalidEvent, "The event gives \"userInfo\" twice.");
                    return -2;
                }

                sawUserInfo = true;
            }
        }

        if (!sawUrl)
        {
            refusal = ContractAnswer.Error(ErrorTypes.MissingRoute, "The event has no \"$url\".");
            return -2;
        }

        return route;
    }

    /// <summary>The refusal of an event the reader refused.</summary>
    internal static ContractAnswer NotJson(JsonException ex) => ContractAnswer.Error(ErrorTypes.InvalidEvent, "The event is not valid JSON: " + ex.Message);

    /// <summary>The refusal of an event whose <c>$url</c> names no route.</summary>
    internal static ContractAnswer NoSuchRoute(ReadOnlySpan<byte> url)
        => ContractAnswer.Error(ErrorTypes.RouteNotFound, $"No route is named '{System.Text.Encoding.UTF8.GetString(url)}'.");

    private ContractAnswer Run(ReadOnlySpan<byte> eventJson)
    {
        int route;
        ReadOnlySpan<byte> url;
        ContractAnswer refusal;
        try
        {
            route = FindRoute(eventJson, out url, out refusal);
        }
        catch (JsonException ex)
        {
            return NotJson(ex);
        }

        switch (route)
        {
            case -2:
                return refusal;
            case 0:
                Write(UserHandlers.Register(), ArticleJson.Default.Reply);
                break;
            case 1:
                Write(UserHandlers.Login(), ArticleJson.Default.Reply);
                break;
            case 2:
                PayAudit.Record();
                MakeOrderRequest? request;
                try
                {
                    request = JsonSerializer.Deserialize(eventJson, _strictRequest);
                }
                catch (JsonException ex)
                {
                    return ContractAnswer.Error(ErrorTypes.InvalidRequest, $"The event for route 'pay/makeOrder' does not bind: member '{ex.Path}' is invalid.");
                }

                if (request is null)
                {
                    return ContractAnswer.Error(ErrorTypes.InvalidRequest, "The event for route 'pay/makeOrder' is null.");
                }

                Write(_payHandlers.MakeOrder(request), ArticleJson.Default.OrderReply);
                break;
            case 3:
                PayAudit.Record();
                Write(PayHandlers.Pay(), ArticleJson.Default.Reply);
                break;
            default:
                return NoSuchRoute(url);
        }

        ServedCounter.Record();
        return new ContractAnswer(null, null, _output.WrittenMemory);
    }

    private void Write<T>(T body, JsonTypeInfo<T> typeInfo)
    {
        _output.ResetWrittenCount();
        _writer.Reset(_output);
        JsonSerializer.Serialize(_writer, body, typeInfo);
        _writer.Flush();
    }
}

/// <summary>What <see cref="ContractFunction"/> answers: a body, or an error type and its message.</summary>
public readonly record struct ContractAnswer(string? ErrorType, string? ErrorMessage, ReadOnlyMemory<byte> Body)
{
    public static ContractAnswer Error(string type, string message) => new(type, message, default);
}
