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
    // RootCommand's own tokens: its help option's aliases, its version option, and directives ("[suggest]").
    private static readonly string[] s_rootTokens = ["-h", "/h", "--help", "-?", "/?", "--version"];

    public static Task<int> RunAsync(HostContext host, string[] args)
    {
        // No termination handling from System.CommandLine: it would start the runtime's signal thread at
        // every start-up (`invoke` answers one event and exits; `serve` stops on its own ShutdownSignal).
        var configuration = new InvocationConfiguration { Output = host.Output, Error = host.Error, ProcessTerminationTimeout = null };
        // '@path' names an event file (as in `invoke @events/pay-makeOrder.json`), not a response file.
        var parser = new ParserConfiguration { ResponseFileTokenReplacer = null };

        // A command line that names a command and its values, and none of RootCommand's own tokens, parses
        // the same under a plain root: RootCommand costs a cold start about a tenth of its instructions,
        // naming itself from the entry assembly and reading its help option's text from resources
        // (docs/performance.md, "The command line at start"). Anything else, or an error, takes the whole
        // command line below, which answers it exactly as before.
        if (args.Length > 0 && !NeedsRoot(args))
        {
            var plain = AddCommands(new Command(PlainRootName), host);
            var plainResult = plain.Parse(args, parser);
            if (plainResult.Errors.Count == 0 && plainResult.CommandResult.Command != plain)
            {
                return plainResult.InvokeAsync(configuration);
            }
        }

        var root = AddCommands(new RootCommand($"The serverless function {host.Router.GetType()}, run locally. With no command, it serves the platform its environment names (AWS Lambda, Tencent SCF or Alibaba FC)."), host);
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

    // The plain root's name: no subcommand's, so that a first argument naming a subcommand is never taken
    // for the root itself (System.CommandLine skips a first argument equal to the root's name).
    private const string PlainRootName = "function";

    private static TCommand AddCommands<TCommand>(TCommand root, HostContext host)
        where TCommand : Command
    {
        root.Subcommands.Add(InvokeCommand.Create(host));
        root.Subcommands.Add(RoutesCommand.Create(host));
        root.Subcommands.Add(ManifestCommand.Create(host));
        root.Subcommands.Add(OpenApiCommand.Create(host));
        if (HostFeatures.ServeIsSupported)
        {
            root.Subcommands.Add(ServeCommand.Create(host));
        }

        return root;
    }

    // Whether a token is RootCommand's own (its help and version options, or a directive), or the first
    // names the plain root (which the plain parse would skip), so that RootCommand answers as it always has.
    private static bool NeedsRoot(string[] args)
    {
        if (Path.GetFileName(args[0]) == PlainRootName)
        {
            return true;
        }

        foreach (var arg in args)
        {
            if (Array.IndexOf(s_rootTokens, arg) >= 0 || arg.StartsWith('['))
            {
                return true;
            }
        }

        return false;
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
