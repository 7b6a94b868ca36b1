using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;
using Router.Runtime;
using ShopFunction;

namespace ShopFunction.Tests;

/// <summary>
/// The shop's OpenAPI document tells the truth: it is the one in the repository (so it cannot drift from
/// the handlers), Redocly's validator finds no error in it, the shop's own events match its request schemas
/// and the shop's answers its answer schemas, and a wrong member is caught by them.
/// </summary>
public sealed class OpenApiTests
{
    private static readonly string CommittedPath = Path.Combine(RepositoryFolders.Root, "samples", "ShopFunction", "openapi.json");

    private static readonly Lazy<Task<string>> s_document = new(WriteAsync);

    [Fact]
    public async Task TheCommittedDocument_IsWhatTheFunctionWrites()
    {
        var written = await s_document.Value;
        var committed = (await File.ReadAllTextAsync(CommittedPath)).ReplaceLineEndings("\n");

        // After a change to a route, a method or a member: dotnet run --project samples/ShopFunction -- openapi --out samples/ShopFunction/openapi.json
        Assert.Equal(committed, written);
    }

    [Fact]
    public async Task TheBuild_WritesTheSameDocument_BesideTheFunction()
    {
        // The shop's own build output, of this test run's configuration (bin/<configuration>/net10.0).
        var configuration = new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory)).Parent!.Name;
        var built = Path.Combine(RepositoryFolders.Root, "samples", "ShopFunction", "bin", configuration, "net10.0", "openapi.json");

        Assert.Equal(await s_document.Value, (await File.ReadAllTextAsync(built)).ReplaceLineEndings("\n"));
    }

    [Fact]
    public async Task RedoclysValidator_FindsNoError()
    {
        var file = Path.Combine(Path.GetTempPath(), $"shop-openapi-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(file, await s_document.Value);
        try
        {
            await NodePackages.EnsureInstalledAsync(NodePackages.Clients);
            var (exitCode, output, error) = await NodePackages.RunAsync(
                NodePackages.Clients, Path.Combine(NodePackages.Clients, "node_modules", ".bin", "redocly"), ["lint", "--format", "stylish", file], TimeSpan.FromMinutes(2));

            Assert.True(exitCode == 0, $"redocly lint exited {exitCode}:\n{output}\n{error}");
            Assert.Contains("Your API description is valid", output + error, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Theory]
    [InlineData("pay-makeOrder.json")]
    [InlineData("pay-pay.json")]
    [InlineData("user-login.json")]
    [InlineData("user-register.json")]
    [InlineData("wx-callFunction.json")]
    public async Task TheShopsEvents_MatchTheirRoutesRequestSchema(string file)
    {
        var @event = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(RepositoryFolders.Root, "samples", "ShopFunction", "events", file)))!;

        var result = await EvaluateRequestAsync(@event);

        Assert.True(result.IsValid, Describe(result));
    }

    [Fact]
    public async Task AMemberOfTheWrongType_IsCaughtByTheRequestSchema()
    {
        var @event = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(RepositoryFolders.Root, "samples", "ShopFunction", "events", "bad", "wrong-type.json")))!;

        Assert.False((await EvaluateRequestAsync(@event)).IsValid);
    }

    [Fact]
    public async Task TheShopsAnswers_MatchTheirRoutesAnswerSchema()
    {
        await using var shop = await ShopHarness.StartAsync();
        var name = Stores.UniqueName();
        var answers = new List<(string Route, JsonElement Body)>
        {
            ("user/register", await shop.CallAsync(ShopHarness.Event("user/register", ("name", name), ("password", "correct horse battery")))),
        };
        var login = await shop.CallAsync(ShopHarness.Event("user/login", ("name", name), ("password", "correct horse battery")));
        answers.Add(("user/login", login));
        var session = login.GetProperty("sessionId").GetString();
        var order = await shop.CallAsync(ShopHarness.Event("pay/makeOrder", ("sessionId", session), ("id", "xxxx"), ("amount", 2)));
        answers.Add(("pay/makeOrder", order));
        answers.Add(("pay/pay", await shop.CallAsync(ShopHarness.Event("pay/pay", ("sessionId", session), ("orderId", order.GetProperty("orderId").GetString())))));
        answers.Add(("pay/orders", await shop.CallAsync(ShopHarness.Event("pay/orders", ("sessionId", session)))));

        var document = JsonNode.Parse(await s_document.Value)!;
        foreach (var (route, body) in answers)
        {
            var schema = Schema(document, (string)Operation(document, route)["responses"]!["200"]!["content"]!["application/json"]!["schema"]!["$ref"]!);
            var result = schema.Evaluate(body, new EvaluationOptions { OutputFormat = OutputFormat.List });
            Assert.True(result.IsValid, $"{route}: {body}\n{Describe(result)}");
        }

        // The answer schemas can fail: an answer without its code is caught.
        var reply = Schema(document, (string)Operation(document, "user/login")["responses"]!["200"]!["content"]!["application/json"]!["schema"]!["$ref"]!);
        Assert.False(reply.Evaluate(JsonDocument.Parse("""{"sessionId":"s"}""").RootElement).IsValid);
    }

    private static async Task<string> WriteAsync()
    {
        var output = new StringWriter();
        var exitCode = await FunctionHost.RunAsync(new ShopRouter(), ["openapi"], new FunctionHostOptions { Output = output, Error = TextWriter.Null });
        Assert.Equal(0, exitCode);
        return output.ToString().ReplaceLineEndings("\n");
    }

    private static async Task<EvaluationResults> EvaluateRequestAsync(JsonNode @event)
    {
        var document = JsonNode.Parse(await s_document.Value)!;
        var route = (string)@event["$url"]!;
        var schema = Schema(document, (string)Operation(document, route)["requestBody"]!["content"]!["application/json"]!["schema"]!["$ref"]!);
        return schema.Evaluate(JsonDocument.Parse(@event.ToJsonString()).RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
    }

    /// <summary>The route's operation that takes a body (POST), or its only one.</summary>
    private static JsonNode Operation(JsonNode document, string route)
    {
        var path = document["paths"]!["/" + route]!.AsObject();
        return path["post"] ?? path.Single().Value!;
    }

    /// <summary>
    /// The component <paramref name="reference"/> names, as a JSON Schema (2020-12, OpenAPI 3.1's dialect) of
    /// its own: every component under <c>$defs</c>, references rewritten to point there.
    /// </summary>
    private static JsonSchema Schema(JsonNode document, string reference)
    {
        var components = document["components"]!["schemas"]!.ToJsonString().Replace("#/components/schemas/", "#/$defs/", StringComparison.Ordinal);
        var text = $$"""{"$schema":"https://json-schema.org/draft/2020-12/schema","$defs":{{components}},"$ref":"{{reference.Replace("#/components/schemas/", "#/$defs/", StringComparison.Ordinal)}}"}""";
        return JsonSchema.FromText(text);
    }

    private static string Describe(EvaluationResults result)
        => string.Join("\n", (result.Details ?? []).Where(d => !d.IsValid && d.Errors is not null).Select(d => $"{d.InstanceLocation}: {string.Join("; ", d.Errors!.Values)}"));
}
