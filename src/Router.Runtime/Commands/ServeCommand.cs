using System.CommandLine;
using Router.Runtime.Hosting;

namespace Router.Runtime.Commands;

/// <summary>
/// <c>serve [--port N] [--any-address]</c>: a local HTTP server that takes requests as an FC HTTP trigger
/// does (<c>POST /{route}</c> with the event's fields, <c>?$url=</c>), plus <c>POST /invoke</c> with a
/// whole event; loopback only unless <c>--any-address</c>; port 9000 by default, as on FC. Left out of the
/// binary when <c>Router.Hosting.Serve.IsSupported</c> is false.
/// </summary>
internal static class ServeCommand
{
    public static Command Create(HostContext host)
    {
        var portOption = new Option<int>("--port", "-p")
        {
            Description = $"The port to listen on (default {FunctionHost.DefaultServePort}).",
            DefaultValueFactory = _ => FunctionHost.DefaultServePort,
        };
        portOption.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() is < 1 or > 65535)
            {
                result.AddError("--port must be between 1 and 65535.");
            }
        });
        var anyAddressOption = new Option<bool>("--any-address")
        {
            Description = "Listen on every network interface instead of loopback only.",
        };
        var serve = new Command("serve", "Serves events over HTTP: POST /invoke with an event, POST /{route} with its fields, or ?$url=route.")
        {
            portOption,
            anyAddressOption,
        };
        serve.SetAction((parseResult, _) => ServeAsync(host, parseResult.GetValue(portOption), parseResult.GetValue(anyAddressOption)));
        return serve;
    }

    private static async Task<int> ServeAsync(HostContext host, int port, bool anyAddress)
    {
        if (await host.Initializer.EnsureAsync(host.Options.ShutdownToken).ConfigureAwait(false) is { } failure)
        {
            await host.Error.WriteLineAsync($"{ErrorTypes.InitializationError}: {failure}").ConfigureAwait(false);
            return FunctionHost.ExitInitializationFailed;
        }

        var endpoint = new HttpEventEndpoint(host.Invoker, host.Invoker.HttpLimits, platformHeaders: false);
        var endPoints = anyAddress ? HttpFunctionServer.AnyAddress(port) : HttpFunctionServer.Loopback(port);
        var exit = await host.ServeAsync(endPoints, context => endpoint.HandleAsync(context, InvocationInfo.Local(HostContext.NewLocalRequestId()), CancellationToken.None)).ConfigureAwait(false);
        await host.FlushAsync().ConfigureAwait(false);
        return exit;
    }
}
