using System.CommandLine;
using System.Text;
using Router.Runtime.Hosting;

namespace Router.Runtime.Commands;

/// <summary>
/// <c>invoke [EVENT]</c>: EVENT is inline JSON, <c>@path/to/event.json</c>, or <c>-</c>/absent for standard
/// input. The body goes to standard output as JSON (<c>null</c> when none was set) with exit code 0; an
/// error goes to standard error as <c>ErrorType: message</c> with exit code 1 (2 when the event file cannot
/// be read). An HTTP event's answer is the platform's response object, printed even for an error status.
/// </summary>
internal static class InvokeCommand
{
    private static readonly byte[] s_newLine = "\n"u8.ToArray();

    public static Command Create(HostContext host)
    {
        var eventArgument = new Argument<string?>("event")
        {
            Arity = ArgumentArity.ZeroOrOne,
            Description = "The event: inline JSON, @path/to/event.json, or - (or nothing) to read standard input.",
        };
        var invoke = new Command("invoke", "Runs one event through the router and prints the body as JSON.") { eventArgument };
        invoke.SetAction((parseResult, cancellationToken) => InvokeAsync(host, parseResult.GetValue(eventArgument), cancellationToken));
        return invoke;
    }

    private static async Task<int> InvokeAsync(HostContext host, string? eventText, CancellationToken cancellationToken)
    {
        byte[] eventJson;
        try
        {
            eventJson = ReadEvent(host, eventText);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            await host.Error.WriteLineAsync($"Cannot read the event: {ex.Message}").ConfigureAwait(false);
            return FunctionHost.ExitUsage;
        }

        if (await host.Initializer.EnsureAsync(cancellationToken).ConfigureAwait(false) is { } failure)
        {
            await host.Error.WriteLineAsync($"{ErrorTypes.InitializationError}: {failure}").ConfigureAwait(false);
            return FunctionHost.ExitInitializationFailed;
        }

        using var result = await host.Invoker.InvokeAsync(eventJson, InvocationInfo.Local(HostContext.NewLocalRequestId()), cancellationToken).ConfigureAwait(false);
        if (!result.IsSuccess)
        {
            await host.Error.WriteLineAsync($"{result.ErrorType}: {result.ErrorMessage}").ConfigureAwait(false);
        }

        // An HTTP event's answer is the platform's response object, printed even for an error status,
        // exactly as the host would return it.
        if (result.IsSuccess || result.HttpStatusCode is not null)
        {
            if (host.Options.Output is null)
            {
                // Standard output itself: the body's bytes go out as they are, with no string made of them.
                // Written synchronously: a console stream's async writes are queued to the thread pool,
                // whose first worker thread costs a cold start more than the write itself.
                host.Output.Flush();
                using var stdout = Console.OpenStandardOutput();
                stdout.Write(result.Body.Span);
                stdout.Write(s_newLine);
                stdout.Flush();
            }
            else
            {
                await host.Output.WriteLineAsync(Encoding.UTF8.GetString(result.Body.Span)).ConfigureAwait(false);
                await host.Output.FlushAsync(cancellationToken).ConfigureAwait(false);
            }
        }

        await host.FlushAsync().ConfigureAwait(false);
        return result.IsSuccess ? FunctionHost.ExitSuccess : FunctionHost.ExitInvocationFailed;
    }

    // Every read is synchronous: on Unix an async file or console read is a thread-pool work item, and
    // starting the pool's first worker costs more than reading one event (docs/performance.md, "Start-up").
    private static byte[] ReadEvent(HostContext host, string? eventText)
    {
        if (eventText is null or "-")
        {
            using var input = host.Options.OpenInput?.Invoke() ?? Console.OpenStandardInput();
            using var buffer = new MemoryStream();
            input.CopyTo(buffer);
            return buffer.ToArray();
        }

        if (eventText.StartsWith('@'))
        {
            return File.ReadAllBytes(eventText[1..]);
        }

        return Encoding.UTF8.GetBytes(eventText);
    }
}
