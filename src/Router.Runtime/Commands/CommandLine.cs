using System.CommandLine;
using System.CommandLine.Parsing;
using Router.Runtime.Hosting;

namespace Router.Runtime.Commands;

/// <summary>
/// The local command line of every function (System.CommandLine): <c>invoke</c>, <c>routes</c>,
/// <c>manifest</c> and, unless left out, <c>serve</c>. A command line that does not parse, or none at all,
/// is a usage error (<see cref="FunctionHost.ExitUsage"/>) with the reason and the help on standard error.
/// </summary>
internal static class CommandLine
{
    public static Task<int> RunAsync(HostContext host, string[] args)
    {
        var root = new RootCommand($"The serverless function {host.Router.GetType()}, run locally. With no command, it serves the platform its environment names (AWS Lambda, Tencent SCF or Alibaba FC).")
        {
            InvokeCommand.Create(host),
            RoutesCommand.Create(host),
            ManifestCommand.Create(host),
            OpenApiCommand.Create(host),
        };
        if (HostFeatures.ServeIsSupported)
        {
            root.Subcommands.Add(ServeCommand.Create(host));
        }

        // No termination handling from System.CommandLine: it would start the runtime's signal thread at
        // every start-up (`invoke` answers one event and exits; `serve` stops on its own ShutdownSignal).
        var configuration = new InvocationConfiguration { Output = host.Output, Error = host.Error, ProcessTerminationTimeout = null };
        // '@path' names an event file (as in `invoke @events/pay-makeOrder.json`), not a response file.
        var parser = new ParserConfiguration { ResponseFileTokenReplacer = null };
        // A command line that does not parse, or none at all, is a usage error (ExitUsage, 2), as the
        // docs promise, with the reason and the help on standard error; System.CommandLine would exit 1.
        var parseResult = root.Parse(args.Length == 0 ? ["--help"] : args, parser);
        if (args.Length == 0 || parseResult.Errors.Count > 0)
        {
            foreach (var error in parseResult.Errors)
            {
                host.Error.WriteLine(error.Message);
            }

            root.Parse(parseResult.Errors.Count > 0 && parseResult.CommandResult.Command != root ? [.. CommandPath(parseResult), "--help"] : ["--help"], parser)
                .Invoke(new InvocationConfiguration { Output = host.Error, Error = host.Error, ProcessTerminationTimeout = null });
            return Task.FromResult(FunctionHost.ExitUsage);
        }

        return parseResult.InvokeAsync(configuration);
    }

    // The names from the root's first subcommand to the command the parse reached, for its help.
    private static string[] CommandPath(ParseResult parseResult)
    {
        var names = new List<string>();
        for (var result = parseResult.CommandResult; result.Parent is CommandResult parent; result = parent)
        {
            names.Insert(0, result.Command.Name);
        }

        return [.. names];
    }
}
