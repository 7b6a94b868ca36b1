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
            var result = new FunctionInvoker(router).InvokeAsync(eventJson).AsTask().GetAwaiter().GetResult();
            var body = result.ToString();
            if (!result.IsSuccess || (expected is not null && body != expected))
            {
                throw new InvalidOperationException($"{router.GetType().Name} answered {body}, expected {expected ?? "success"}.");
            }

            expected ??= body;
        }
    }
}
