using Microsoft.Extensions.Logging;

namespace ShopFunction.Logins;

/// <summary>
/// What the logins write to the log. No message takes a URL, a header, a body or a token, so the
/// WeChat secret, <c>session_key</c>, Alipay's <c>access_token</c> and the private key never reach it.
/// </summary>
internal static partial class LoginLog
{
    [LoggerMessage(EventId = 4000, Level = LogLevel.Warning, Message = "{Platform} login: the platform could not be reached ({Reason})")]
    public static partial void Unreachable(ILogger logger, string platform, string reason);

    [LoggerMessage(EventId = 4001, Level = LogLevel.Warning, Message = "{Platform} login: the platform answered HTTP {StatusCode}")]
    public static partial void HttpStatus(ILogger logger, string platform, int statusCode);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Warning, Message = "{Platform} login: the platform's answer could not be read ({Reason})")]
    public static partial void Unreadable(ILogger logger, string platform, string reason);

    [LoggerMessage(EventId = 4003, Level = LogLevel.Warning, Message = "{Platform} login: the platform refused the call: {ErrorCode} {ErrorMessage}")]
    public static partial void Refused(ILogger logger, string platform, string errorCode, string? errorMessage);

    [LoggerMessage(EventId = 4004, Level = LogLevel.Information, Message = "WeChat login: the platform was busy (errcode -1); retrying once")]
    public static partial void RetryingBusy(ILogger logger);

    [LoggerMessage(EventId = 4005, Level = LogLevel.Warning, Message = "Alipay login: the response's signature is {Problem}; no session is made")]
    public static partial void BadSignature(ILogger logger, string problem);
}
