using System.CommandLine;
using System.Globalization;
using Router.Runtime.Deploying;
using Router.Runtime.Hosting;

namespace Router.Runtime.Commands;

/// <summary>
/// <c>manifest aws|fc|scf [--out DIR] [--name NAME] [--region REGION] [--memory MB] [--timeout SECONDS]</c>:
/// writes the platform's deployment description from the generated route table and the declared settings
/// (<see cref="FunctionHostOptions.Settings"/>): <c>template.yaml</c> (AWS SAM), <c>s.yaml</c> (Serverless
/// Devs 3, <c>fc3</c>) or <c>serverless.yml</c> (Serverless Framework, <c>scf</c>), into DIR (the current
/// folder by default), beside which the description expects <c>function.zip</c> (AWS, FC) or
/// <c>bootstrap</c> (SCF): write it into the publish folder.
/// </summary>
internal static class ManifestCommand
{
    public static Command Create(HostContext host)
    {
        var router = host.Router;
        var platform = new Argument<string>("platform")
        {
            Description = "aws (template.yaml, AWS SAM), fc (s.yaml, Serverless Devs fc3) or scf (serverless.yml, Serverless Framework).",
        };
        platform.AcceptOnlyFromAmong("aws", "fc", "scf");
        var outOption = new Option<string>("--out", "-o") { Description = "The folder to write into (default: the current folder).", DefaultValueFactory = _ => "." };
        var nameOption = new Option<string?>("--name") { Description = "The function's name (default: the router's namespace, the project's name in a new function)." };
        var regionOption = new Option<string?>("--region") { Description = "The region, for fc (default cn-hangzhou) and scf (default ap-guangzhou); aws takes the SAM CLI's." };
        var memoryOption = new Option<int>("--memory") { Description = "Memory in MB (default 512).", DefaultValueFactory = _ => 512 };
        var timeoutOption = new Option<int>("--timeout") { Description = "The invocation timeout in seconds (default 30).", DefaultValueFactory = _ => 30 };
        memoryOption.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() is < 128 or > 10240 || result.GetValueOrDefault<int>() % 64 != 0)
            {
                result.AddError("--memory must be a multiple of 64 from 128 to 10240 (every platform takes those).");
            }
        });
        timeoutOption.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() is < 1 or > 900)
            {
                result.AddError("--timeout must be from 1 to 900 seconds (every platform takes those).");
            }
        });

        var command = new Command("manifest", "Writes the platform's deployment description from the route table: template.yaml (aws), s.yaml (fc) or serverless.yml (scf).")
        {
            platform,
            outOption,
            nameOption,
            regionOption,
            memoryOption,
            timeoutOption,
        };
        command.SetAction(parseResult =>
        {
            var function = new FunctionDescription
            {
                Name = parseResult.GetValue(nameOption) ?? host.DefaultFunctionName,
                Routes = router.Routes.Select(route => new DescribedRoute(route.Path, route.Methods)).ToArray(),
                Settings = host.Options.Settings,
                Region = parseResult.GetValue(regionOption),
                MemoryMegabytes = parseResult.GetValue(memoryOption),
                TimeoutSeconds = parseResult.GetValue(timeoutOption),
            };
            var (fileName, text) = parseResult.GetValue(platform) switch
            {
                "aws" => (SamTemplate.FileName, SamTemplate.Write(function)),
                "fc" => (ServerlessDevsTemplate.FileName, ServerlessDevsTemplate.Write(function)),
                _ => (ServerlessFrameworkTemplate.FileName, ServerlessFrameworkTemplate.Write(function)),
            };
            var folder = parseResult.GetValue(outOption)!;
            Directory.CreateDirectory(folder);
            var path = Path.Combine(folder, fileName);
            File.WriteAllText(path, text);
            host.Output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"wrote {path}: {function.Routes.Count} routes, {function.Settings.Count} settings"));
            return FunctionHost.ExitSuccess;
        });
        return command;
    }
}
