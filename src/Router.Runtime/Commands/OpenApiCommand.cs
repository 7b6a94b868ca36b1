using System.CommandLine;
using Router.Runtime.Describing;
using Router.Runtime.Hosting;

namespace Router.Runtime.Commands;

/// <summary>
/// <c>openapi [--out FILE] [--title TITLE] [--api-version VERSION] [--server URL]</c>: writes the OpenAPI 3.1 document of the
/// function's routes (<see cref="OpenApiDocument"/>) to FILE, or to standard output when none is given.
/// </summary>
internal static class OpenApiCommand
{
    public static Command Create(HostContext host)
    {
        var router = host.Router;
        var outOption = new Option<string?>("--out", "-o") { Description = "The file to write (default: standard output)." };
        var titleOption = new Option<string?>("--title") { Description = "The API's title, info.title (default: the router's namespace, the project's name in a new function)." };
        var serverOption = new Option<string>("--server") { Description = "The function's HTTP address, servers[0].url (default /, relative to where the document is served).", DefaultValueFactory = _ => "/" };
        var versionOption = new Option<string>("--api-version") { Description = "The API's version, info.version (default 1.0.0).", DefaultValueFactory = _ => "1.0.0" };
        var command = new Command("openapi", "Writes the OpenAPI 3.1 document (JSON) of the routes: their methods, request and answer schemas from the JSON context, and the error answers.")
        {
            outOption,
            titleOption,
            versionOption,
            serverOption,
        };
        command.SetAction(parseResult =>
        {
            var title = parseResult.GetValue(titleOption) ?? host.DefaultFunctionName;
            var document = OpenApiDocument.Write(router, title, parseResult.GetValue(versionOption)!, parseResult.GetValue(serverOption)!);
            if (parseResult.GetValue(outOption) is { } path)
            {
                if (Path.GetDirectoryName(Path.GetFullPath(path)) is { } folder)
                {
                    Directory.CreateDirectory(folder);
                }

                // A text file ends with a line break, as standard output's copy does.
                File.WriteAllBytes(path, [.. document, (byte)'\n']);
                var count = router.Routes.Count;
                host.Output.WriteLine(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"wrote {path}: {count} {(count == 1 ? "route" : "routes")}"));
            }
            else
            {
                host.Output.WriteLine(System.Text.Encoding.UTF8.GetString(document));
            }

            return FunctionHost.ExitSuccess;
        });
        return command;
    }
}
