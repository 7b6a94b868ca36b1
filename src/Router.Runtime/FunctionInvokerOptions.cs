namespace Router.Runtime;

/// <summary>Limits and logging for <see cref="FunctionInvoker"/>.</summary>
public sealed class FunctionInvokerOptions
{
    /// <summary>
    /// The largest event accepted, in bytes. Defaults to 6 MB (6,291,456 bytes), the synchronous
    /// invocation payload limit of AWS Lambda, Tencent SCF and Alibaba FC.
    /// </summary>
    public int MaxEventBytes { get; set; } = 6 * 1024 * 1024;

    /// <summary>The deepest nesting of objects and arrays accepted. Defaults to 64, System.Text.Json's default.</summary>
    public int MaxDepth { get; set; } = 64;

    /// <summary>
    /// Where handler exceptions are logged with their stack traces (never sent to the caller).
    /// Defaults to standard error, which every platform collects.
    /// </summary>
    public TextWriter? Log { get; set; }

    /// <summary>When true, <see cref="InvocationResult.ErrorMessage"/> of a <c>HandlerError</c> includes the stack trace. Off by default.</summary>
    public bool IncludeExceptionDetails { get; set; }
}
