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
        if (eventJson.Length > MaxEventBytes)
        {
            return ContractAnswer.Error(ErrorTypes.InvalidEvent, $"The event is {eventJson.Length} bytes, larger than the limit of {MaxEventBytes} bytes.");
        }

        if (eventJson.StartsWith("\xEF\xBB\xBF"u8))
        {
            eventJson = eventJson[3..];
        }

        if (!System.Text.Unicode.Utf8.IsValid(eventJson))
        {
            return ContractAnswer.Error(ErrorTypes.InvalidEvent, "The event is not valid UTF-8 text.");
        }

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

    private ContractAnswer Run(ReadOnlySpan<byte> eventJson)
    {
        var route = -1;
        var sawUrl = false;
        var sawUserInfo = false;
        ReadOnlySpan<byte> url = default;
        var reader = new Utf8JsonReader(eventJson, new JsonReaderOptions { MaxDepth = 64 });
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return ContractAnswer.Error(ErrorTypes.InvalidEvent, "The event is not a JSON object.");
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
                        return ContractAnswer.Error(ErrorTypes.InvalidEvent, "The event gives \"$url\" twice.");
                    }

                    sawUrl = true;
                    reader.Read();
                    if (reader.TokenType != JsonTokenType.String)
                    {
                        return ContractAnswer.Error(ErrorTypes.MissingRoute, "\"$url\" is not a string.");
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
                        return ContractAnswer.Error(ErrorTypes.InvalidEvent, "The event gives \"userInfo\" twice.");
                    }

                    sawUserInfo = true;
                }
            }
        }
        catch (JsonException ex)
        {
            return ContractAnswer.Error(ErrorTypes.InvalidEvent, "The event is not valid JSON: " + ex.Message);
        }

        if (!sawUrl)
        {
            return ContractAnswer.Error(ErrorTypes.MissingRoute, "The event has no \"$url\".");
        }

        switch (route)
        {
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
                return ContractAnswer.Error(ErrorTypes.RouteNotFound, $"No route is named '{System.Text.Encoding.UTF8.GetString(url)}'.");
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
