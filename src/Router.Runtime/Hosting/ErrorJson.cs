using System.Text.Json;

namespace Router.Runtime.Hosting;

/// <summary>
/// The error body every host sends: <c>{"errorMessage": "...", "errorType": "...", "stackTrace": []}</c>,
/// the shape the AWS Lambda Runtime API defines (docs/platforms.md) and the one SCF and FC are sent too.
/// </summary>
internal static class ErrorJson
{
    /// <summary>The Lambda error content type.</summary>
    public const string LambdaContentType = "application/vnd.aws.lambda.error+json";

    /// <summary>Writes the body as UTF-8 JSON. The stack trace stays in the log, so the array is empty.</summary>
    public static byte[] Write(string errorType, string errorMessage)
    {
        using var buffer = new MemoryStream(128 + errorMessage.Length);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("errorMessage"u8, errorMessage);
            writer.WriteString("errorType"u8, errorType);
            writer.WriteStartArray("stackTrace"u8);
            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return buffer.ToArray();
    }

    /// <summary>The body of a failed <see cref="InvocationResult"/>.</summary>
    public static byte[] Write(InvocationResult result) => Write(result.ErrorType ?? ErrorTypes.HandlerError, result.ErrorMessage ?? string.Empty);
}
