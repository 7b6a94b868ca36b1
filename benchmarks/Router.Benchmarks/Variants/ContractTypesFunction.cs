using System.Buffers;
using System.Text.Json;
using Router.Benchmarks.Article;
using Router.Runtime;

namespace Router.Benchmarks.Variants;

/// <summary>
/// The contract limit through the library's public types: <see cref="ContractFunction"/>'s checks and rules,
/// with what any implementation of this library's public API pays on top of them. It measures how much of
/// the gap between <c>FunctionInvoker</c> and the contract limit is the API's shape, and how much is ours
/// (docs/performance.md, "The contract limit through the public types"). Beside the contract limit's rules:
/// <list type="bullet">
/// <item>a new <see cref="RouteContext"/> per invocation, which the middleware and handlers receive
/// (<see cref="IRouteMiddleware.InvokeAsync"/>);</item>
/// <item>the article's middleware run as written, through <see cref="HandWrittenRouter"/>'s pipeline (each
/// <c>next</c> a delegate built once), where the contract limit does their work directly;</item>
/// <item>the body serialized from <see cref="RouteContext.Body"/> and its <see cref="RouteContext.BodyTypeInfo"/>;</item>
/// <item>a new <see cref="InvocationResult"/> per invocation, which the caller owns.</item>
/// </list>
/// Single-threaded (its writer is shared, and the body is valid until the next call), as the contract limit is.
/// </summary>
public sealed class ContractTypesFunction
{
    private readonly ArrayBufferWriter<byte> _output = new(512);
    private readonly Utf8JsonWriter _writer;
    private readonly HandWrittenRouter _router = new();

    /// <summary>Creates the function: its writer and its pipelines, once per instance.</summary>
    public ContractTypesFunction()
        => _writer = new Utf8JsonWriter(_output, new JsonWriterOptions { Encoder = ArticleJson.Default.Options.Encoder, SkipValidation = true });

    /// <summary>The result of <paramref name="eventJson"/>: its body (valid until the next call) or its error.</summary>
    public InvocationResult Invoke(ReadOnlyMemory<byte> eventJson, string requestId)
    {
        var span = eventJson.Span;
        if (!ContractFunction.Accepts(ref span, out var refused))
        {
            return Failure(refused);
        }

        eventJson = eventJson[^span.Length..];
        var previous = ContractFunction.EnterRequest(requestId);
        try
        {
            return Run(eventJson, requestId);
        }
        finally
        {
            ContractFunction.EnterRequest(previous);
        }
    }

    private InvocationResult Run(ReadOnlyMemory<byte> eventJson, string requestId)
    {
        int route;
        ReadOnlySpan<byte> url;
        ContractAnswer refusal;
        try
        {
            route = ContractFunction.FindRoute(eventJson.Span, out url, out refusal);
        }
        catch (JsonException ex)
        {
            return Failure(ContractFunction.NotJson(ex));
        }

        if (route < 0)
        {
            return Failure(route == -2 ? refusal : ContractFunction.NoSuchRoute(url));
        }

        var context = new RouteContext(ArticleEvents.Routes[route], eventJson, services: null, requestId);
        try
        {
            var run = _router.DispatchAsync(context);
            if (!run.IsCompletedSuccessfully)
            {
                run.AsTask().GetAwaiter().GetResult();
            }
        }
        catch (JsonException ex)
        {
            return InvocationResult.Failure(ErrorTypes.InvalidRequest, $"The event for route '{context.Url}' does not bind: member '{ex.Path}' is invalid.");
        }
        catch (InvalidRequestException ex)
        {
            return InvocationResult.Failure(ErrorTypes.InvalidRequest, ex.Message);
        }

        if (context.BodyTypeInfo is not { } typeInfo)
        {
            return InvocationResult.NoBody();
        }

        _output.ResetWrittenCount();
        _writer.Reset(_output);
        JsonSerializer.Serialize(_writer, context.Body, typeInfo);
        _writer.Flush();
        return InvocationResult.Success(_output.WrittenMemory);
    }

    private static InvocationResult Failure(ContractAnswer refusal) => InvocationResult.Failure(refusal.ErrorType!, refusal.ErrorMessage!);
}
