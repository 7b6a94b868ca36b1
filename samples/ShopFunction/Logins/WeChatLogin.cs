using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using ShopFunction.Errors;

namespace ShopFunction.Logins;

/// <summary>
/// WeChat's <c>code2Session</c>: <c>GET {SHOP_WECHAT_API}/sns/jscode2session?appid&amp;secret&amp;js_code&amp;grant_type=authorization_code</c>.
/// A reply without <c>errcode</c> (or with 0) and with an <c>openid</c> is the user. 40029 and 40163 (an
/// invalid or used code) are 4001; -1 (busy) is retried once, then 4002; 45011 (rate limit) 4002; 40226 (a
/// blocked user) 4003; anything else, a timeout or a refused connection 4002.
/// </summary>
internal sealed class WeChatLogin(IHttpClientFactory clients, WeChatSettings settings, ILogger<WeChatLogin> logger)
{
    /// <summary>The named <see cref="HttpClient"/> (ShopServices configures its timeout and removes its request logging, which would write the URL and so the secret).</summary>
    public const string ClientName = "wechat";

    private const string Platform = "WeChat";

    public async Task<PlatformIdentity> ExchangeAsync(string code, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var reply = await CallAsync(code, cancellationToken).ConfigureAwait(false);
            switch (reply.ErrorCode ?? 0)
            {
                case 0 when reply.OpenId is { Length: > 0 and <= 128 } openId:
                    return new PlatformIdentity(PlatformLogins.WeChat, openId, reply.UnionId is { Length: > 0 and <= 128 } unionId ? unionId : null);
                case 0:
                    LoginLog.Unreadable(logger, Platform, "no openid in the reply");
                    throw Unavailable();
                case 40029 or 40163:
                    throw new ShopError(ShopErrorCodes.LoginCodeInvalid, "the WeChat login code is invalid or was used already: call wx.login again");
                case -1 when attempt == 1:
                    LoginLog.RetryingBusy(logger);
                    continue;
                case 40226:
                    LoginLog.Refused(logger, Platform, "40226", reply.ErrorMessage);
                    throw new ShopError(ShopErrorCodes.LoginUserBlocked, "WeChat has blocked this user");
                default:
                    LoginLog.Refused(logger, Platform, reply.ErrorCode!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture), reply.ErrorMessage);
                    throw Unavailable();
            }
        }
    }

    private async Task<WeChatSessionReply> CallAsync(string code, CancellationToken cancellationToken)
    {
        var uri = new Uri(settings.ApiBase, "sns/jscode2session"
            + "?appid=" + Uri.EscapeDataString(settings.AppId)
            + "&secret=" + Uri.EscapeDataString(settings.Secret)
            + "&js_code=" + Uri.EscapeDataString(code)
            + "&grant_type=authorization_code");
        try
        {
            using var response = await clients.CreateClient(ClientName).GetAsync(uri, cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                LoginLog.HttpStatus(logger, Platform, (int)response.StatusCode);
                throw Unavailable();
            }

            return await response.Content.ReadFromJsonAsync(LoginJson.Default.WeChatSessionReply, cancellationToken).ConfigureAwait(false)
                ?? throw new JsonException("the reply is null");
        }
        catch (Exception ex) when (PlatformCalls.IsFailure(ex, cancellationToken))
        {
            PlatformCalls.Log(logger, Platform, ex);
            throw Unavailable();
        }
    }

    private static ShopError Unavailable() => new(ShopErrorCodes.LoginPlatformFailed, "WeChat login is unavailable right now: try again");
}

/// <summary>What a call to a platform can fail with, and how it is logged (never with its URL).</summary>
internal static class PlatformCalls
{
    /// <summary>A refused or dropped connection, a timeout (not the invocation's own cancellation), or an unreadable answer.</summary>
    public static bool IsFailure(Exception ex, CancellationToken invocation)
        => ex is HttpRequestException or JsonException or NotSupportedException
            || (ex is OperationCanceledException && !invocation.IsCancellationRequested);

    public static void Log(ILogger logger, string platform, Exception ex)
    {
        switch (ex)
        {
            case HttpRequestException request:
                LoginLog.Unreachable(logger, platform, request.HttpRequestError.ToString());
                break;
            case OperationCanceledException:
                LoginLog.Unreachable(logger, platform, "no answer within the timeout");
                break;
            default:
                LoginLog.Unreadable(logger, platform, ex.GetType().Name);
                break;
        }
    }
}
