namespace Router.Runtime.Deploying;

/// <summary>
/// <c>template.yaml</c> for the AWS SAM CLI (<c>sam deploy</c>): one <c>AWS::Serverless::Function</c> on the
/// <c>provided.al2023</c> custom runtime with <c>bootstrap</c> as its handler and the zip as its code, an
/// <c>HttpApi</c> event per route and method (payload format 2.0, which the Lambda host reads), a template
/// parameter per setting (secrets <c>NoEcho</c>, with an empty default), and the API's address as an output.
/// Fields as the SAM specification and its JSON schema (aws/serverless-application-model) name them.
/// </summary>
internal static class SamTemplate
{
    public const string FileName = "template.yaml";

    public static string Write(FunctionDescription function)
    {
        var parameters = new YamlMap();
        var variables = new YamlMap();
        foreach (var setting in function.Settings)
        {
            var parameter = FunctionDescription.LogicalId(setting.Name);
            var declaration = new YamlMap { { "Type", "String" }, { "Description", $"{setting.Name}: {setting.Description}" } };
            declaration.Add("Default", setting.DefaultValue ?? "");
            if (setting.IsSecret)
            {
                declaration.Add("NoEcho", true);
            }

            parameters.Add(parameter, declaration);
            variables.Add(setting.Name, new YamlMap { { "Ref", parameter } });
        }

        var events = new YamlMap();
        foreach (var route in function.Routes)
        {
            foreach (var method in route.TakesAnyMethod ? ["ANY"] : route.Methods)
            {
                events.Add(FunctionDescription.LogicalId(route.Path + "/" + method.ToLowerInvariant()), new YamlMap
                {
                    { "Type", "HttpApi" },
                    { "Properties", new YamlMap { { "Path", "/" + route.Path }, { "Method", method } } },
                });
            }
        }

        var properties = new YamlMap
        {
            { "CodeUri", function.CodePath },
            { "Handler", "bootstrap" },
            { "Runtime", "provided.al2023" },
            { "Architectures", new YamlSequence { function.Architecture } },
            { "MemorySize", function.MemoryMegabytes },
            { "Timeout", function.TimeoutSeconds },
        };
        if (variables.Count > 0)
        {
            properties.Add("Environment", new YamlMap { { "Variables", variables } });
        }

        properties.Add("Events", events);
        var template = new YamlMap
        {
            { "AWSTemplateFormatVersion", "2010-09-09" },
            { "Transform", "AWS::Serverless-2016-10-31" },
            { "Description", $"{function.Name}: one function, {function.Routes.Count} routes (Router.Serverless)" },
        };
        if (parameters.Count > 0)
        {
            template.Add("Parameters", parameters);
        }

        template.Add("Resources", new YamlMap { { FunctionDescription.LogicalId(function.Name), new YamlMap { { "Type", "AWS::Serverless::Function" }, { "Properties", properties } } } });
        template.Add("Outputs", new YamlMap
        {
            {
                "ApiUrl", new YamlMap
                {
                    { "Description", "The HTTP API's address: POST {ApiUrl}user/login, and so on for every route" },
                    { "Value", new YamlMap { { "Fn::Sub", "https://${ServerlessHttpApi}.execute-api.${AWS::Region}.${AWS::URLSuffix}/" } } },
                }
            },
        });
        return YamlText.Write(template, function.Header("manifest aws", "AWS SAM"));
    }
}
