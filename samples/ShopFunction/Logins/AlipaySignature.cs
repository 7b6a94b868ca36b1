using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace ShopFunction.Logins;

/// <summary>
/// Alipay's RSA2 signatures, as its open-API documentation defines them: a request is signed
/// SHA256withRSA (PKCS#1 v1.5) over its parameters except <c>sign</c>, sorted by name in ASCII order, as
/// <c>name=value</c> joined with <c>&amp;</c>, the values raw; a response is signed over the exact text of its
/// <c>*_response</c> member's value, and the signature is the <c>sign</c> member beside it.
/// </summary>
internal static class AlipaySignature
{
    /// <summary>The text a request's signature covers.</summary>
    public static string Content(IEnumerable<KeyValuePair<string, string>> parameters)
        => string.Join('&', parameters
            .Where(p => p.Key != "sign" && p.Value.Length > 0)
            .OrderBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => p.Key + "=" + p.Value));

    /// <summary>The base64 signature of <paramref name="content"/> with the app's private key.</summary>
    public static string Sign(RSA privateKey, string content)
        => Convert.ToBase64String(privateKey.SignData(Encoding.UTF8.GetBytes(content), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));

    /// <summary>Whether <paramref name="signature"/> (base64) is Alipay's over <paramref name="signed"/>.</summary>
    public static bool Verify(RSA alipayPublicKey, ReadOnlySpan<byte> signed, string signature)
    {
        var bytes = new byte[(signature.Length * 3 / 4) + 3];
        return Convert.TryFromBase64String(signature, bytes, out var length)
            && alipayPublicKey.VerifyData(signed, bytes.AsSpan(0, length), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
    }

    /// <summary>
    /// The response's parts: which member it has (<paramref name="successMember"/> or <c>error_response</c>),
    /// that member's value as the exact bytes the signature covers, and the <c>sign</c> (or <see langword="null"/>).
    /// </summary>
    /// <exception cref="JsonException">The response is not a JSON object with one of the two members.</exception>
    public static (bool IsError, ReadOnlyMemory<byte> Signed, string? Sign) Split(ReadOnlyMemory<byte> response, string successMember)
    {
        var reader = new Utf8JsonReader(response.Span, new JsonReaderOptions { MaxDepth = 16 });
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException("the response is not a JSON object");
        }

        bool? isError = null;
        ReadOnlyMemory<byte> signed = default;
        string? sign = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.GetString();
            reader.Read();
            if ((name == successMember || name == "error_response") && reader.TokenType == JsonTokenType.StartObject && isError is null)
            {
                var start = (int)reader.TokenStartIndex;
                reader.Skip();
                signed = response[start..(int)reader.BytesConsumed];
                isError = name == "error_response";
            }
            else if (name == "sign" && reader.TokenType == JsonTokenType.String)
            {
                sign = reader.GetString();
            }
            else
            {
                reader.Skip();
            }
        }

        return isError is { } error ? (error, signed, sign) : throw new JsonException($"the response has neither {successMember} nor error_response");
    }
}
