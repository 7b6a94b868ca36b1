namespace Router.Runtime.Deploying;

/// <summary>
/// <c>s.yaml</c> for Serverless Devs 3 (<c>s deploy</c>) with the <c>fc3</c> component: a function on FC's
/// <c>custom.debian10</c> runtime (glibc 2.28, the floor the published binary meets) whose
/// <c>customRuntimeConfig</c> starts <c>./bootstrap</c> on port 9000, the zip as its code, the settings as
/// <c>environmentVariables</c> (defaults written, the rest <c>${env('NAME')}</c> from the deployer's
/// environment), FC's <c>preStop</c> hook turned on (FC calls <c>GET /pre-stop</c> only when it is configured,
/// and the host flushes there what <c>FunctionHostOptions.Flush</c> exports), and one anonymous <c>http</c>
/// trigger taking every method some route takes (FC routes every path of the trigger to the function; the
/// function routes by path). Fields as fc3's props schema names them.
/// </summary>
internal static class ServerlessDevsTemplate
{
    public const string FileName = "s.yaml";

    public static string Write(FunctionDescription function)
    {
        var name = FunctionDescription.PlatformName(function.Name);
        var props = new YamlMap
        {
            { "region", "${vars.region}" },
            { "functionName", name },
            { "description", $"{function.Name}: one function, {function.Routes.Count} routes (Router.Serverless)" },
            { "runtime", "custom.debian10" },
            { "code", function.CodePath },
            { "customRuntimeConfig", new YamlMap { { "command", new YamlSequence { "./bootstrap" } }, { "port", 9000 } } },
            { "cpu", 0.5 },
            { "memorySize", function.MemoryMegabytes },
            { "diskSize", 512 },
            { "timeout", function.TimeoutSeconds },
            {
                // A custom runtime's hook is its HTTP path; the handler only has to be set for FC to call it. The
                // timeout leaves the host's flush its whole budget (HostContext.FlushTimeout) and a second to answer.
                "instanceLifecycleConfig", new YamlMap
                {
                    { "preStop", new YamlMap { { "handler", "pre-stop" }, { "timeout", (int)Hosting.HostContext.FlushTimeout.TotalSeconds + 1 } } },
                }
            },
        };
        if (function.Settings.Count > 0)
        {
            var variables = new YamlMap();
            foreach (var setting in function.Settings)
            {
                variables.Add(setting.Name, setting.DefaultValue ?? $"${{env('{setting.Name}')}}");
            }

            props.Add("environmentVariables", variables);
        }

        var methods = new YamlSequence();
        foreach (var method in function.UnionOfMethods)
        {
            methods.Add(method);
        }

        props.Add("triggers", new YamlSequence
        {
            new YamlMap
            {
                { "triggerName", "http" },
                { "triggerType", "http" },
                { "triggerConfig", new YamlMap { { "authType", "anonymous" }, { "methods", methods }, { "disableURLInternet", false } } },
            },
        });
        var document = new YamlMap
        {
            { "edition", "3.0.0" },
            { "name", name },
            { "access", "default" },
            { "vars", new YamlMap { { "region", function.Region ?? "cn-hangzhou" } } },
            { "resources", new YamlMap { { name, new YamlMap { { "component", "fc3" }, { "props", props } } } } },
        };
        return YamlText.Write(document, function.Header("manifest fc", "Serverless Devs (fc3)"));
    }
}
