namespace Router.Runtime;

/// <summary>The outcome of one invocation: a body, or an error with a stable type.</summary>
public sealed class InvocationResult
{
    private static readonly byte[] s_null = "null"u8.ToArray();

    private InvocationResult(bool isSuccess, ReadOnlyMemory<byte> body, string? errorType, string? errorMessage)
    {
        IsSuccess = isSuccess;
        Body = body;
        ErrorType = errorType;
        ErrorMessage = errorMessage;
    }

    /// <summary>True when the route ran to completion.</summary>
    public bool IsSuccess { get; }

    /// <summary>The body as UTF-8 JSON: the JSON text <c>null</c> when the route set none; empty on failure.</summary>
    public ReadOnlyMemory<byte> Body { get; }

    /// <summary>One of <see cref="ErrorTypes"/> on failure; otherwise <see langword="null"/>.</summary>
    public string? ErrorType { get; }

    /// <summary>What went wrong, naming the cause (never a stack trace); <see langword="null"/> on success.</summary>
    public string? ErrorMessage { get; }

    /// <summary>A successful result with a UTF-8 JSON body.</summary>
    public static InvocationResult Success(ReadOnlyMemory<byte> body) => new(true, body, null, null);

    /// <summary>A successful result whose body is the JSON text <c>null</c>.</summary>
    public static InvocationResult NoBody() => new(true, s_null, null, null);

    /// <summary>A failed result.</summary>
    /// <param name="errorType">One of <see cref="ErrorTypes"/>.</param>
    /// <param name="errorMessage">What went wrong.</param>
    public static InvocationResult Failure(string errorType, string errorMessage) => new(false, default, errorType, errorMessage);

    /// <inheritdoc />
    public override string ToString() => IsSuccess
        ? System.Text.Encoding.UTF8.GetString(Body.Span)
        : $"{ErrorType}: {ErrorMessage}";
}
