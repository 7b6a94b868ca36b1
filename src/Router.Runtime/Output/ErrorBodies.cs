using System.Text.Encodings.Web;
using System.Text.Json;

namespace Router.Runtime.Output;

/// <summary>
/// The two error bodies the hosts send, both written here:
/// <list type="bullet">
/// <item>to a platform's error channel (the Lambda and SCF runtime APIs' <c>/error</c>, FC's failed
/// <c>/invoke</c>): <c>{"errorMessage": "...", "errorType": "...", "stackTrace": []}</c>, the shape the AWS
/// Lambda Runtime API defines (docs/platforms.md) and the one SCF and FC are sent too;</item>
/// <item>in an HTTP answer (API gateways, function URLs, load balancers, FC HTTP triggers, <c>serve</c>):
/// <c>{"errorType": "...", "errorMessage": "..."}</c>, with non-ASCII text as it is, and for a request that
/// failed validation <c>"errors": {"$.amount": ["..."]}</c> after them (the shape of ASP.NET Core's validation problem details).</item>
/// </list>
/// The stack trace stays in the log: the platform body's array is always empty.
/// </summary>
internal static class ErrorBodies
{
    /// <summary>The Lambda error content type.</summary>
    public const string LambdaContentType = "application/vnd.aws.lambda.error+json";

    /// <summary>The HTTP answers' writer options: text as it is (JSON's escapes only), as a gateway passes it on.</summary>
    public static readonly JsonWriterOptions HttpWriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The body for a platform's error channel.</summary>
    public static byte[] ForPlatform(string errorType, string errorMessage) => Write(errorType, errorMessage, platform: true, errors: null);

    /// <summary>The body of an HTTP error answer.</summary>
    /// <param name="errorType">One of <see cref="ErrorTypes"/>.</param>
    /// <param name="errorMessage">What went wrong.</param>
    /// <param name="errors">For a request that failed validation, the messages of each member by JSON path; else <see langword="null"/>.</param>
    public static byte[] ForHttp(string errorType, string errorMessage, IReadOnlyDictionary<string, string[]>? errors = null) => Write(errorType, errorMessage, platform: false, errors);

    private static byte[] Write(string errorType, string errorMessage, bool platform, IReadOnlyDictionary<string, string[]>? errors)
    {
        using var buffer = new MemoryStream(128 + errorMessage.Length);
        using (var writer = new Utf8JsonWriter(buffer, platform ? default : HttpWriterOptions))
        {
            writer.WriteStartObject();
            if (platform)
            {
                writer.WriteString("errorMessage"u8, errorMessage);
                writer.WriteString("errorType"u8, errorType);
                writer.WriteStartArray("stackTrace"u8);
                writer.WriteEndArray();
            }
            else
            {
                writer.WriteString("errorType"u8, errorType);
                writer.WriteString("errorMessage"u8, errorMessage);
                if (errors is not null)
                {
                    writer.WriteStartObject("errors"u8);
                    foreach (var (path, messages) in errors)
                    {
                        writer.WriteStartArray(path);
                        foreach (var message in messages)
                        {
                            writer.WriteStringValue(message);
                        }

                        writer.WriteEndArray();
                    }

                    writer.WriteEndObject();
                }
            }

            writer.WriteEndObject();
        }

        return buffer.ToArray();
    }
}
