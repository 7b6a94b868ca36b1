using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using ShopFunction.Errors;

namespace ShopFunction.Logins;

/// <summary>
/// Alipay's <c>alipay.system.oauth.token</c> with <c>grant_type=authorization_code</c>, on the open-API gateway
/// (<c>SHOP_ALIPAY_GATEWAY</c>): the common parameters in the query, as Alipay's SDKs send them, the
/// method's (<c>grant_type</c>, <c>code</c>) in a form body, all signed RSA2 with the app's key. The answer is
/// trusted only when its <c>sign</c> verifies with Alipay's public key over the exact response text: a bad or
/// missing signature is 4002 and a warning, never a session. <c>isv.code-invalid</c> is 4001.
/// </summary>
internal sealed class AlipayLogin : IDisposable
{
    /// <summary>The named <see cref="HttpClient"/> (ShopServices configures its timeout and removes its request logging).</summary>
    public const string ClientName = "alipay";

    private const string Method = "alipay.system.oauth.token";
    private const string SuccessMember = "alipay_system_oauth_token_response";
    private const string Platform = "Alipay";

    // Alipay's timestamps are Beijing time, which has no daylight saving.
    private static readonly TimeSpan s_beijing = TimeSpan.FromHours(8);

    private readonly IHttpClientFactory _clients;
    private readonly AlipaySettings _settings;
    private readonly TimeProvider _time;
    private readonly ILogger<AlipayLogin> _logger;
    private readonly RSA _privateKey = RSA.Create();
    private readonly RSA _alipayPublicKey = RSA.Create();

    public AlipayLogin(IHttpClientFactory clients, AlipaySettings settings, TimeProvider time, ILogger<AlipayLogin> logger)
    {
        _clients = clients;
        _settings = settings;
        _time = time;
        _logger = logger;
        _privateKey.ImportPkcs8PrivateKey(settings.PrivateKeyPkcs8, out _);
        _alipayPublicKey.ImportSubjectPublicKeyInfo(settings.AlipayPublicKey, out _);
    }

    public async Task<PlatformIdentity> ExchangeAsync(string code, CancellationToken cancellationToken)
    {
        var response = await CallAsync(code, cancellationToken).ConfigureAwait(false);
        (bool IsError, ReadOnlyMemory<byte> Signed, string? Sign) parts;
        try
        {
            parts = AlipaySignature.Split(response, SuccessMember);
        }
        catch (JsonException)
        {
            LoginLog.Unreadable(_logger, Platform, "not an open-API response");
            throw Unavailable();
        }

        if (parts.Sign is null || !AlipaySignature.Verify(_alipayPublicKey, parts.Signed.Span, parts.Sign))
        {
            LoginLog.BadSignature(_logger, parts.Sign is null ? "missing" : "wrong");
            throw Unavailable();
        }

        try
        {
            if (parts.IsError)
            {
                var error = JsonSerializer.Deserialize(parts.Signed.Span, LoginJson.Default.AlipayErrorReply);
                if (error?.SubCode == "isv.code-invalid")
                {
                    throw new ShopError(ShopErrorCodes.LoginCodeInvalid, "the Alipay auth code is invalid or was used already: call my.getAuthCode again");
                }

                LoginLog.Refused(_logger, Platform, $"{error?.Code}/{error?.SubCode}", error?.SubMessage ?? error?.Message);
                throw Unavailable();
            }

            var token = JsonSerializer.Deserialize(parts.Signed.Span, LoginJson.Default.AlipayTokenReply);
            if ((token?.UserId ?? token?.OpenId) is { Length: > 0 and <= 128 } userId)
            {
                return new PlatformIdentity(PlatformLogins.Alipay, userId, UnionId: null);
            }

            LoginLog.Unreadable(_logger, Platform, "no user_id in the response");
            throw Unavailable();
        }
        catch (JsonException)
        {
            LoginLog.Unreadable(_logger, Platform, "a malformed member");
            throw Unavailable();
        }
    }

    private async Task<ReadOnlyMemory<byte>> CallAsync(string code, CancellationToken cancellationToken)
    {
        var common = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["app_id"] = _settings.AppId,
            ["method"] = Method,
            ["format"] = "JSON",
            ["charset"] = "utf-8",
            ["sign_type"] = "RSA2",
            ["timestamp"] = _time.GetUtcNow().ToOffset(s_beijing).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
            ["version"] = "1.0",
        };
        var form = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["grant_type"] = "authorization_code",
            ["code"] = code,
        };
        common["sign"] = AlipaySignature.Sign(_privateKey, AlipaySignature.Content(common.Concat(form)));
        var query = string.Join('&', common.Select(p => p.Key + "=" + Uri.EscapeDataString(p.Value)));
        var uri = new UriBuilder(_settings.Gateway) { Query = query }.Uri;

        try
        {
            using var content = new FormUrlEncodedContent(form);
            using var response = await _clients.CreateClient(ClientName).PostAsync(uri, content, cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                LoginLog.HttpStatus(_logger, Platform, (int)response.StatusCode);
                throw Unavailable();
            }

            return await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (PlatformCalls.IsFailure(ex, cancellationToken))
        {
            PlatformCalls.Log(_logger, Platform, ex);
            throw Unavailable();
        }
    }

    private static ShopError Unavailable() => new(ShopErrorCodes.LoginPlatformFailed, "Alipay login is unavailable right now: try again");

    public void Dispose()
    {
        _privateKey.Dispose();
        _alipayPublicKey.Dispose();
    }
}
