using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;
using Router.Runtime.Tests.Hosting;

namespace Router.Runtime.Tests.Deploying;

/// <summary>
/// <c>manifest aws|fc|scf</c>: each description read back by an independent YAML reader and checked field by
/// field against what its tool documents (docs/hosting.md, "Deploying", says which fields and where from),
/// the SAM template also against SAM's own JSON schema where <c>../shared/schemas</c> exists; every route
/// with its methods, every declared setting, and no secret's value anywhere.
/// </summary>
public sealed class ManifestTests
{
    private static readonly FunctionSetting[] s_settings =
    [
        new("TEST_PLAIN", "A setting with a default.") { DefaultValue = "42" },
        new("TEST_OPTIONAL", "A setting with no default."),
        new("TEST_SECRET", "A secret.") { IsSecret = true },
    ];

    private const string SecretValue = "s3cr3t-value-that-must-not-appear";

    private static async Task<(int ExitCode, string Text, string Output)> ManifestAsync(string platform, string fileName, params string[] extra)
    {
        var folder = ScratchFolders.Create("manifest-");
        var output = new StringWriter();
        var options = new FunctionHostOptions
        {
            Output = output,
            Error = new StringWriter(),
            Settings = s_settings,
            // The deployer's own environment holds the secret; a description must not copy it.
            GetEnvironmentVariable = name => name == "TEST_SECRET" ? SecretValue : null,
        };
        var exitCode = await FunctionHost.RunAsync(new HostTestRouter(), ["manifest", platform, "--out", folder, .. extra], options);
        var path = Path.Combine(folder, fileName);
        return (exitCode, File.Exists(path) ? await File.ReadAllTextAsync(path) : "", output.ToString());
    }

    private static IEnumerable<(string Path, IReadOnlyList<string> Methods)> RoutesAndMethods()
        => HostTestRouter.Routes.Select(route => (route.Path, route.Methods.Count == 0 ? (IReadOnlyList<string>)["ANY"] : route.Methods));

    [Fact]
    public async Task Aws_WritesASamTemplate_OnProvidedAl2023_WithAnHttpApiEventPerRouteAndMethod()
    {
        var (exitCode, text, output) = await ManifestAsync("aws", "template.yaml");
        var template = YamlJson.Parse(text);

        Assert.Equal(0, exitCode);
        Assert.Contains("template.yaml", output, StringComparison.Ordinal);
        Assert.Equal("AWS::Serverless-2016-10-31", (string?)template["Transform"]);
        var function = Assert.Single(template["Resources"]!.AsObject()).Value!;
        Assert.Equal("AWS::Serverless::Function", (string?)function["Type"]);
        var properties = function["Properties"]!;
        Assert.Equal("provided.al2023", (string?)properties["Runtime"]);
        Assert.Equal("bootstrap", (string?)properties["Handler"]);
        Assert.Equal("function.zip", (string?)properties["CodeUri"]);
        var events = properties["Events"]!.AsObject().Select(e => e.Value!["Properties"]!).ToArray();
        Assert.All(properties["Events"]!.AsObject(), e => Assert.Equal("HttpApi", (string?)e.Value!["Type"]));
        var expected = RoutesAndMethods().SelectMany(r => r.Methods.Select(m => ("/" + r.Path, m))).Order().ToArray();
        Assert.Equal(expected, events.Select(e => ((string)e["Path"]!, (string)e["Method"]!)).Order().ToArray());
        Assert.Contains(expected, e => e == ("/test/getOnly", "GET"));

        // Each setting is a parameter passed to the environment; the secret's is NoEcho with no value.
        var parameters = template["Parameters"]!.AsObject();
        Assert.Equal("42", (string?)parameters["TestPlain"]!["Default"]);
        Assert.Equal("", (string?)parameters["TestOptional"]!["Default"]);
        Assert.True((bool)parameters["TestSecret"]!["NoEcho"]!);
        Assert.Equal("", (string?)parameters["TestSecret"]!["Default"]);
        Assert.Equal("TestSecret", (string?)properties["Environment"]!["Variables"]!["TEST_SECRET"]!["Ref"]);
        Assert.DoesNotContain(SecretValue, text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Aws_TheTemplateIsValidAgainstSamsOwnSchema()
    {
        var schemaPath = RepositoryFolders.Shared("schemas", "sam.schema.json");
        if (schemaPath is null)
        {
            return; // ../shared is not beside this clone (CI has it)
        }

        var (_, text, _) = await ManifestAsync("aws", "template.yaml");
        var template = YamlJson.Parse(text);
        var schemaJson = JsonNode.Parse(await File.ReadAllTextAsync(schemaPath))!.AsObject();
        // A draft-04 schema; what SAM's uses of it (definitions, $ref, properties, enum, anyOf) means the same in draft 7.
        schemaJson.Remove("$schema");
        var schema = JsonSchema.FromText(schemaJson.ToJsonString(), new BuildOptions { Dialect = Dialect.Draft07 });

        var valid = schema.Evaluate(ToElement(template), new EvaluationOptions { OutputFormat = OutputFormat.List });
        template["Resources"]!.AsObject().First().Value!["Properties"]!["NotASamProperty"] = 1;
        var invalid = schema.Evaluate(ToElement(template), new EvaluationOptions());

        Assert.True(valid.IsValid, string.Join("\n", (valid.Details ?? []).Where(d => !d.IsValid && d.Errors is not null).Select(d => $"{d.InstanceLocation}: {string.Join("; ", d.Errors!.Values)}")));
        Assert.False(invalid.IsValid); // the schema check can fail: a property SAM does not know is caught
    }

    private static JsonElement ToElement(JsonNode node) => JsonDocument.Parse(node.ToJsonString()).RootElement.Clone();

    [Fact]
    public async Task Fc_WritesAnFc3Function_OnCustomDebian10_StartingBootstrapOnPort9000_WithAnHttpTrigger()
    {
        var (exitCode, text, _) = await ManifestAsync("fc", "s.yaml", "--region", "cn-shanghai");
        var document = YamlJson.Parse(text);

        Assert.Equal(0, exitCode);
        Assert.Equal("3.0.0", (string?)document["edition"]);
        Assert.Equal("cn-shanghai", (string?)document["vars"]!["region"]);
        var resource = Assert.Single(document["resources"]!.AsObject()).Value!;
        Assert.Equal("fc3", (string?)resource["component"]);
        var props = resource["props"]!;
        // fc3's props schema: functionName, region and runtime required; code required for custom runtimes.
        // The function's name by default is its router's namespace (here Router.Runtime.Tests.Hosting), as the platforms write names.
        Assert.Equal("router-runtime-tests-hosting", (string?)props["functionName"]);
        Assert.Equal("${vars.region}", (string?)props["region"]);
        Assert.Equal("custom.debian10", (string?)props["runtime"]);
        Assert.Equal("function.zip", (string?)props["code"]);
        Assert.Equal(["./bootstrap"], props["customRuntimeConfig"]!["command"]!.AsArray().Select(c => (string)c!));
        Assert.Equal(9000, (long)props["customRuntimeConfig"]!["port"]!);
        Assert.Equal(0, (long)props["memorySize"]! % 64);
        // FC calls GET /pre-stop only when the hook is configured, with a handler; its timeout outlasts the host's flush.
        var preStop = props["instanceLifecycleConfig"]!["preStop"]!;
        Assert.False(string.IsNullOrEmpty((string?)preStop["handler"]));
        Assert.True((long)preStop["timeout"]! > global::Router.Runtime.Hosting.HostContext.FlushTimeout.TotalSeconds, $"preStop timeout {preStop["timeout"]} s");
        var trigger = Assert.Single(props["triggers"]!.AsArray())!;
        Assert.Equal("http", (string?)trigger["triggerType"]);
        Assert.Contains((string?)trigger["triggerConfig"]!["authType"], new[] { "anonymous", "function" });
        // The union of the routes' methods: an any-method route takes all of them.
        Assert.Equal(["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"], trigger["triggerConfig"]!["methods"]!.AsArray().Select(m => (string)m!));

        var variables = props["environmentVariables"]!.AsObject();
        Assert.All(variables, v => Assert.Equal(JsonValueKind.String, v.Value!.GetValueKind()));
        Assert.Equal("42", (string?)variables["TEST_PLAIN"]);
        Assert.Equal("${env('TEST_SECRET')}", (string?)variables["TEST_SECRET"]);
        Assert.Equal("${env('TEST_OPTIONAL')}", (string?)variables["TEST_OPTIONAL"]);
        Assert.DoesNotContain(SecretValue, text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Scf_WritesAnScfComponent_OnCustomRuntime_WithAnApiGatewayEndpointPerRouteAndMethod()
    {
        var (exitCode, text, _) = await ManifestAsync("scf", "serverless.yml", "--memory", "256", "--timeout", "10");
        var document = YamlJson.Parse(text);

        Assert.Equal(0, exitCode);
        Assert.Equal("scf", (string?)document["component"]);
        var inputs = document["inputs"]!;
        Assert.Equal("CustomRuntime", (string?)inputs["runtime"]);
        Assert.Equal("event", (string?)inputs["type"]);
        Assert.Equal(256, (long)inputs["memorySize"]!);
        Assert.Equal(10, (long)inputs["timeout"]!);
        var apigw = Assert.Single(inputs["events"]!.AsArray())!["apigw"]!["parameters"]!;
        var endpoints = apigw["endpoints"]!.AsArray();
        var expected = RoutesAndMethods().SelectMany(r => r.Methods.Select(m => ("/" + r.Path, m))).Order().ToArray();
        Assert.Equal(expected, endpoints.Select(e => ((string)e!["path"]!, (string)e["method"]!)).Order().ToArray());
        Assert.All(endpoints, e => Assert.True((bool)e!["function"]!["isIntegratedResponse"]!));
        Assert.Equal("${env:TEST_SECRET}", (string?)inputs["environment"]!["variables"]!["TEST_SECRET"]);
        Assert.Equal("42", (string?)inputs["environment"]!["variables"]!["TEST_PLAIN"]);
        Assert.DoesNotContain(SecretValue, text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("gcp")]
    [InlineData("")]
    public async Task AnUnknownPlatform_IsAUsageError_AndWritesNothing(string platform)
    {
        var (exitCode, text, _) = await ManifestAsync(platform, "template.yaml");

        Assert.Equal(FunctionHost.ExitUsage, exitCode);
        Assert.Equal("", text);
    }

    [Fact]
    public void ASecret_CannotHaveADefaultValue()
    {
        Assert.Throws<InvalidOperationException>(() => new FunctionSetting("X_SECRET", "a secret") { IsSecret = true, DefaultValue = "oops" });
        Assert.Throws<InvalidOperationException>(() => new FunctionSetting("X_SECRET", "a secret") { DefaultValue = "oops", IsSecret = true });
        Assert.Throws<ArgumentException>(() => new FunctionSetting("1BAD-NAME", "not a variable name"));
    }
}
