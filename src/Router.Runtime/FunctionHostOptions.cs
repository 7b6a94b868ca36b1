namespace Router.Runtime;

/// <summary>What <see cref="FunctionHost"/> runs with: services, invoker limits and the console streams.</summary>
public sealed class FunctionHostOptions
{
    /// <summary>Services for handler and middleware constructors and parameters, or <see langword="null"/>.</summary>
    public IServiceProvider? Services { get; set; }

    /// <summary>Limits and logging of the <see cref="FunctionInvoker"/> the host creates.</summary>
    public FunctionInvokerOptions Invoker { get; set; } = new();

    /// <summary>Where bodies and the route table go. Defaults to standard output.</summary>
    public TextWriter? Output { get; set; }

    /// <summary>Where errors and logs go. Defaults to standard error.</summary>
    public TextWriter? Error { get; set; }

    /// <summary>Opens the stream an event is read from for <c>invoke</c> and <c>invoke -</c>. Defaults to standard input.</summary>
    public Func<Stream>? OpenInput { get; set; }
}
