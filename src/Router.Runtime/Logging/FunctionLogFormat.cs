namespace Router.Runtime.Logging;

/// <summary>How <see cref="FunctionLoggerProvider"/> writes a line.</summary>
public enum FunctionLogFormat
{
    /// <summary>
    /// Tab-separated, as the AWS Lambda .NET managed runtime writes its text format:
    /// <c>2026-12-01T08:00:00.000Z	{requestId}	info	{message}</c>, an exception on the lines after it. Written
    /// within an activity (an observed invocation's span), the line ends with a tab and
    /// <c>traceId={32 hex} spanId={16 hex}</c>.
    /// </summary>
    Text,

    /// <summary>
    /// One JSON object a line, as Lambda's JSON log format (<c>AWS_LAMBDA_LOG_FORMAT=JSON</c>) has the .NET
    /// managed runtime write it: <c>timestamp</c>, <c>level</c>, <c>requestId</c>, <c>traceId</c>,
    /// <c>message</c>, the message's named values, and an exception's <c>errorType</c>,
    /// <c>errorMessage</c> and <c>stackTrace</c> (an array of lines). Within an activity (an observed
    /// invocation's span), <c>traceId</c> and <c>spanId</c> are its W3C ids (32 and 16 hex digits); otherwise
    /// <c>traceId</c> is the platform's trace header (<see cref="InvocationInfo.TraceId"/>), when there is one.
    /// </summary>
    Json,
}
