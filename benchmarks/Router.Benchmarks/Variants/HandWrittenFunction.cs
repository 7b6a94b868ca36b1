using System.Buffers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Router.Benchmarks.Article;

namespace Router.Benchmarks.Variants;

/// <summary>
/// The end-to-end limit: the least work any router must do for the article's events, written by hand.
/// One validating <see cref="Utf8JsonReader"/> pass over the event that finds <c>$url</c> in UTF-8 (the same
/// depth limit, no string for the route), a <c>switch</c>, the same handlers and middleware work called
/// directly, and the body serialized with source-generated metadata into a writer reused for every event.
/// No duplicate-member check, no UTF-8 validation of string contents, no context, no logging, no error
/// messages that name the member: a floor, not an equal. Single-threaded (its writer is shared).
/// </summary>
public sealed class HandWrittenFunction
{
    private readonly ArrayBufferWriter<byte> _output = new(512);
    private readonly Utf8JsonWriter _writer;
    private readonly PayHandlers _payHandlers = new();

    /// <summary>Creates the function and its writer.</summary>
    public HandWrittenFunction() => _writer = new Utf8JsonWriter(_output, new JsonWriterOptions { Encoder = ArticleJson.Default.Options.Encoder, SkipValidation = true });

    /// <summary>The response bytes for <paramref name="eventJson"/>, valid until the next call.</summary>
    /// <exception cref="JsonException">The event is not valid JSON, or deeper than 64 levels.</exception>
    /// <exception cref="InvalidOperationException">It names no known route.</exception>
    public ReadOnlyMemory<byte> Invoke(ReadOnlySpan<byte> eventJson)
    {
        var route = -1;
        var reader = new Utf8JsonReader(eventJson, new JsonReaderOptions { MaxDepth = 64 });
        while (reader.Read())
        {
            if (reader.TokenType == JsonTokenType.PropertyName && reader.CurrentDepth == 1 && reader.ValueTextEquals("$url"u8))
            {
                reader.Read();
                route = reader.ValueTextEquals("user/register"u8) ? 0
                    : reader.ValueTextEquals("user/login"u8) ? 1
                    : reader.ValueTextEquals("pay/makeOrder"u8) ? 2
                    : reader.ValueTextEquals("pay/pay"u8) ? 3
                    : -1;
            }
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
                var request = JsonSerializer.Deserialize(eventJson, ArticleJson.Default.MakeOrderRequest)
                    ?? throw new InvalidOperationException("The event is null.");
                Write(_payHandlers.MakeOrder(request), ArticleJson.Default.OrderReply);
                break;
            case 3:
                PayAudit.Record();
                Write(PayHandlers.Pay(), ArticleJson.Default.Reply);
                break;
            default:
                throw new InvalidOperationException("No such route.");
        }

        ServedCounter.Record();
        return _output.WrittenMemory;
    }

    private void Write<T>(T body, JsonTypeInfo<T> typeInfo)
    {
        _output.ResetWrittenCount();
        _writer.Reset(_output);
        JsonSerializer.Serialize(_writer, body, typeInfo);
        _writer.Flush();
    }
}
