namespace Router.Runtime.Logging;

/// <summary>How <see cref="FunctionLoggerProvider"/> writes a line.</summary>
public enum FunctionLogFormat
{
    /// <summary>
    /// Tab-separated, as the AWS Lambda .NET managed runtime writes its text format:
    /// <c>2026-12-01T08:00:00.000Z	{requestId}	info	{message}</c>, an exception on the lines after it.
    /// </summary>
    Text,

    /// <summary>
    /// One JSON object a line, as Lambda's JSON log format (<c>AWS_LAMBDA_LOG_FORMAT=JSON</c>) has the .NET
    /// managed runtime write it: <c>timestamp</c>, <c>level</c>, <c>requestId</c>, <c>traceId</c>,
    /// <c>message</c>, the message's named values, and an exception's <c>errorType</c>,
    /// <c>errorMessage</c> and <c>stackTrace</c> (an array of lines).
    /// </summary>
    Json,
}
