using Microsoft.Extensions.Logging;

namespace Router.Runtime;

/// <summary>Limits and logging for <see cref="FunctionInvoker"/>.</summary>
public sealed class FunctionInvokerOptions
{
    /// <summary>
    /// The largest event accepted, in bytes, and the largest body of an HTTP request (413 beyond). Defaults
    /// to 6 MB (6,291,456 bytes), the synchronous invocation payload limit of AWS Lambda, Tencent SCF and Alibaba FC.
    /// </summary>
    public int MaxEventBytes { get; set; } = 6 * 1024 * 1024;

    /// <summary>The deepest nesting of objects and arrays accepted. Defaults to 64, System.Text.Json's default.</summary>
    public int MaxDepth { get; set; } = 64;

    /// <summary>
    /// A path prefix to cut from HTTP requests before the route is read, such as the base path a custom
    /// domain maps to the API (<c>/shop</c>: <c>/shop/pay/makeOrder</c> routes to <c>pay/makeOrder</c>).
    /// <see langword="null"/> (the default) cuts nothing. The API stage and SCF's API path are cut without it.
    /// </summary>
    public string? HttpBasePath { get; set; }

    /// <summary>
    /// The most bytes of an HTTP request's header names and values together; more is refused with 431.
    /// Defaults to 32 KiB (API Gateway itself allows 10 KiB).
    /// </summary>
    public int MaxHttpHeaderBytes { get; set; } = 32 * 1024;

    /// <summary>The most bytes of an HTTP request's query string; more is refused with 414. Defaults to 16 KiB.</summary>
    public int MaxHttpQueryBytes { get; set; } = 16 * 1024;

    /// <summary>
    /// The loggers of the invocations (<c>RouteContext.Logger</c>) and of the runtime's own messages, such as a
    /// handler's exception with its stack trace (never sent to the caller). When <see langword="null"/>: the
    /// services' <c>ILoggerFactory</c>, else text lines to <see cref="Log"/> (docs/hosting.md, "Logs").
    /// </summary>
    public ILoggerFactory? LoggerFactory { get; set; }

    /// <summary>
    /// Where the runtime writes text log lines when there is no <see cref="LoggerFactory"/> and the services
    /// have none. Defaults to standard error, which every platform collects.
    /// </summary>
    public TextWriter? Log { get; set; }

    /// <summary>When true, <see cref="InvocationResult.ErrorMessage"/> of a <c>HandlerError</c> includes the stack trace. Off by default.</summary>
    public bool IncludeExceptionDetails { get; set; }

    /// <summary>
    /// A copy of every option with the host's log writer and logger factory, so that an option added later
    /// reaches the host's invoker without being named here.
    /// </summary>
    internal FunctionInvokerOptions WithLogging(TextWriter log, ILoggerFactory loggerFactory)
    {
        var copy = (FunctionInvokerOptions)MemberwiseClone();
        copy.Log = log;
        copy.LoggerFactory = loggerFactory;
        return copy;
    }
}
