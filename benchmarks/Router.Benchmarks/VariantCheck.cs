using Router.Runtime;

namespace Router.Benchmarks;

/// <summary>Guards a benchmark against comparing variants that do different work.</summary>
public static class VariantCheck
{
    /// <summary>
    /// Runs <paramref name="eventJson"/> once through each router (each invoker is new, so each
    /// router's first order is <c>order-1</c>) and throws unless every one succeeds with the same body.
    /// </summary>
    /// <exception cref="InvalidOperationException">A variant fails or answers differently.</exception>
    public static void SameBodies(byte[] eventJson, params IRouteDispatcher[] routers)
    {
        string? expected = null;
        foreach (var router in routers)
        {
            using var result = new FunctionInvoker(router).InvokeAsync(eventJson).AsTask().GetAwaiter().GetResult();
            var body = result.ToString();
            if (!result.IsSuccess || (expected is not null && body != expected))
            {
                throw new InvalidOperationException($"{router.GetType().Name} answered {body}, expected {expected ?? "success"}.");
            }

            expected ??= body;
        }
    }

    /// <summary>Throws unless the hand-written limit answers <paramref name="eventJson"/> as <paramref name="router"/> does (a new router, so both start at <c>order-1</c>).</summary>
    /// <exception cref="InvalidOperationException">They answer differently.</exception>
    public static void SameAsLimit(byte[] eventJson, Variants.HandWrittenFunction limit, IRouteDispatcher router)
    {
        using var result = new FunctionInvoker(router).InvokeAsync(eventJson).AsTask().GetAwaiter().GetResult();
        var expected = result.ToString();
        var actual = System.Text.Encoding.UTF8.GetString(limit.Invoke(eventJson).Span);
        if (actual != expected)
        {
            throw new InvalidOperationException($"The hand-written limit answered {actual}, the router {expected}.");
        }
    }

    /// <summary>
    /// Throws unless the contract limit answers <paramref name="eventJson"/> as <paramref name="router"/> does: the same
    /// body, or the same error type (a new router, so both start at <c>order-1</c>).
    /// </summary>
    /// <exception cref="InvalidOperationException">They answer differently.</exception>
    public static void SameAsContract(byte[] eventJson, Variants.ContractFunction contract, IRouteDispatcher router)
    {
        var answer = contract.Invoke(eventJson, "check");
        SameAnswer("The contract limit", eventJson, answer.ErrorType, System.Text.Encoding.UTF8.GetString(answer.Body.Span), router);
    }

    /// <summary>
    /// Throws unless the contract limit through the public types answers <paramref name="eventJson"/> as
    /// <paramref name="router"/> does: the same body, or the same error type (a new router, so both start at <c>order-1</c>).
    /// </summary>
    /// <exception cref="InvalidOperationException">They answer differently.</exception>
    public static void SameAsContract(byte[] eventJson, Variants.ContractTypesFunction contract, IRouteDispatcher router)
    {
        using var answer = contract.Invoke(eventJson, "check");
        SameAnswer("The contract limit through the public types", eventJson, answer.ErrorType, answer.IsSuccess ? answer.ToString() : "", router);
    }

    private static void SameAnswer(string variant, byte[] eventJson, string? errorType, string body, IRouteDispatcher router)
    {
        using var result = new FunctionInvoker(router).InvokeAsync(eventJson).AsTask().GetAwaiter().GetResult();
        var same = result.IsSuccess ? errorType is null && body == result.ToString() : errorType == result.ErrorType;
        if (!same)
        {
            throw new InvalidOperationException($"{variant} answered {errorType ?? body}, the router {result}.");
        }
    }

    /// <summary>Events both the runtime and the contract limit must refuse, as UTF-8 bytes; each gets the same error type from both.</summary>
    public static readonly byte[][] ContractRefusals =
    [
        .. new[]
        {
            """{"$url":"user/login","$url":"pay/pay"}""",
            """{"$url":"user/login","userInfo":{"openId":"a"},"userInfo":{"openId":"b"}}""",
            """{"$url":"nobody/here"}""",
            """{"name":"tcb"}""",
            """{"$url":42}""",
            """{"$url":"pay/makeOrder","id":"xxxx","amount":"three"}""",
            """{"$url":"pay/makeOrder","id":"xxxx","amount":3,"amount":900}""",
            """[1,2]""",
            """{"$url":"user/login",""",
        }.Select(System.Text.Encoding.UTF8.GetBytes),
        // Not UTF-8 inside a member nobody reads: the event is refused all the same.
        [.. "{\"$url\":\"user/login\",\"note\":\""u8, 0xC3, 0x28, .. "\"}"u8],
    ];

    /// <summary>Waits for an invocation (they complete synchronously here) and disposes its result, as a host does after writing it.</summary>
    public static void Complete(ValueTask<InvocationResult> invocation)
    {
        var result = invocation.IsCompletedSuccessfully ? invocation.Result : invocation.AsTask().GetAwaiter().GetResult();
        result.Dispose();
    }
}
