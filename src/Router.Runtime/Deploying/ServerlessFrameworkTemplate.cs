namespace Router.Runtime.Deploying;

/// <summary>
/// <c>serverless.yml</c> for Tencent Cloud's Serverless Framework (<c>sls deploy</c>) with the <c>scf</c>
/// component: an event function on <c>CustomRuntime</c> (SCF starts <c>bootstrap</c> from the code folder),
/// the settings as environment variables (defaults written, the rest <c>${env:NAME}</c> from the
/// deployer's environment), and an <c>apigw</c> trigger with an endpoint per route and method, each an
/// integrated response (the function answers in API Gateway's response shape, as the SCF host does for
/// API Gateway events). Fields as the component's configuration document (serverless-components/tencent-scf) names them.
/// </summary>
internal static class ServerlessFrameworkTemplate
{
    public const string FileName = "serverless.yml";

    public static string Write(FunctionDescription function)
    {
        var name = FunctionDescription.PlatformName(function.Name);
        var endpoints = new YamlSequence();
        foreach (var route in function.Routes)
        {
            foreach (var method in route.TakesAnyMethod ? ["ANY"] : route.Methods)
            {
                endpoints.Add(new YamlMap
                {
                    { "path", "/" + route.Path },
                    { "method", method },
                    { "function", new YamlMap { { "isIntegratedResponse", true } } },
                });
            }
        }

        var inputs = new YamlMap
        {
            { "name", name },
            { "type", "event" },
            // Only bootstrap from the publish folder: the zip, the events and the descriptions stay behind.
            { "src", new YamlMap { { "src", "./" }, { "exclude", new YamlSequence { "*.zip", "*.yml", "*.yaml", "events/**", "*.json" } } } },
            { "runtime", "CustomRuntime" },
            { "region", function.Region ?? "ap-guangzhou" },
            { "description", $"{function.Name}: one function, {function.Routes.Count} routes (Router.Serverless)" },
            { "memorySize", function.MemoryMegabytes },
            { "timeout", function.TimeoutSeconds },
            { "initTimeout", 10 },
        };
        if (function.Settings.Count > 0)
        {
            var variables = new YamlMap();
            foreach (var setting in function.Settings)
            {
                variables.Add(setting.Name, setting.DefaultValue ?? $"${{env:{setting.Name}}}");
            }

            inputs.Add("environment", new YamlMap { { "variables", variables } });
        }

        inputs.Add("events", new YamlSequence
        {
            new YamlMap
            {
                {
                    "apigw", new YamlMap
                    {
                        {
                            "parameters", new YamlMap
                            {
                                { "protocols", new YamlSequence { "http", "https" } },
                                { "environment", "release" },
                                { "endpoints", endpoints },
                            }
                        },
                    }
                },
            },
        });
        var document = new YamlMap
        {
            { "component", "scf" },
            { "name", name },
            { "inputs", inputs },
        };
        return YamlText.Write(document, function.Header("manifest scf", "Serverless Framework (scf)"));
    }
}
