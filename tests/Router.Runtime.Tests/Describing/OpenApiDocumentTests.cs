using System.Text.Json.Nodes;
using Router.Runtime.Describing;
using Router.Runtime.Tests.Hosting;

namespace Router.Runtime.Tests.Describing;

/// <summary>
/// The <c>openapi</c> command's document of a router (<see cref="OpenApiDocument"/>): a path per route with
/// the methods it takes, schemas as the router's JSON context reads and writes (web defaults here: camelCase,
/// numbers from strings), and the runtime's error answers where the route can give them.
/// </summary>
public sealed class OpenApiDocumentTests
{
    private static readonly HostTestRouter TestRouter = new();
    private static readonly JsonObject Document = JsonNode.Parse(OpenApiDocument.Write(TestRouter, "Tests", "2.1.0"))!.AsObject();

    private static JsonObject Paths => Document["paths"]!.AsObject();

    private static JsonObject Schemas => Document["components"]!["schemas"]!.AsObject();

    [Fact]
    public void TheDocument_HasAPathPerRoute_AndItsInfo()
    {
        Assert.Equal("3.1.0", (string?)Document["openapi"]);
        Assert.Equal("Tests", (string?)Document["info"]!["title"]);
        Assert.Equal("2.1.0", (string?)Document["info"]!["version"]);
        Assert.Equal(HostTestRouter.Routes.Select(r => "/" + r.Path).Order(StringComparer.Ordinal), Paths.Select(p => p.Key).Order(StringComparer.Ordinal));
        Assert.Equal("$url", (string?)Document["x-router-direct-invocation"]!["routeMember"]);
    }

    [Fact]
    public void ARouteWithMethods_HasAnOperationPerMethod_AndAnyOtherHasPostAndGet()
    {
        Assert.Equal(["get"], Paths["/test/getOnly"]!.AsObject().Select(o => o.Key));
        Assert.Equal(["post"], Paths["/test/cookies"]!.AsObject().Select(o => o.Key));
        var echo = Paths["/test/echo"]!.AsObject();
        Assert.Equal(["post", "get"], echo.Select(o => o.Key));
        Assert.True((bool)echo["post"]!["x-router-any-method"]!);
        Assert.Equal("test/echo", (string?)echo["post"]!["x-router-route"]);
        Assert.Null(Paths["/test/getOnly"]!["get"]!["x-router-any-method"]);
    }

    [Fact]
    public void OperationIds_AreTheHandlersNames_AndUnique()
    {
        var ids = Operations().Select(o => (string)o["operationId"]!).ToList();

        Assert.Equal(ids.Count, ids.Distinct(StringComparer.Ordinal).Count());
        Assert.Equal("Echo", (string?)Paths["/test/echo"]!["post"]!["operationId"]);
        Assert.Equal("EchoGet", (string?)Paths["/test/echo"]!["get"]!["operationId"]);
    }

    [Fact]
    public void TheRequest_IsTheBody_AsTheContextBindsIt()
    {
        var body = Paths["/test/amount"]!["post"]!["requestBody"]!;
        Assert.True((bool)body["required"]!);
        Assert.Equal("#/components/schemas/AmountRequest", (string?)body["content"]!["application/json"]!["schema"]!["$ref"]);
        Assert.NotNull(body["content"]!["application/x-www-form-urlencoded"]);

        var amount = Schemas["AmountRequest"]!["properties"]!["amount"]!;
        // Web defaults: camelCase, and a number may come as a string ("3"), as mini programs send it.
        Assert.Equal(["string", "integer"], amount["type"]!.AsArray().Select(k => (string)k!));
        Assert.Equal("object", (string?)Schemas["AmountRequest"]!["type"]);
    }

    [Fact]
    public void AGet_TakesTheRequestsScalarMembers_AsQueryParameters()
    {
        var search = Paths["/test/search"]!["get"]!;

        Assert.Null(search["requestBody"]);
        var parameters = search["parameters"]!.AsArray().Select(p => ((string)p!["name"]!, (string)p["in"]!)).ToList();
        Assert.Equal([("term", "query"), ("page", "query")], parameters);
    }

    [Fact]
    public void TheAnswer_IsThe200_AndARouteWithoutOne_SaysSo()
    {
        Assert.Equal("#/components/schemas/TestReply", (string?)Paths["/test/echo"]!["post"]!["responses"]!["200"]!["content"]!["application/json"]!["schema"]!["$ref"]);
        Assert.Null(Paths["/test/binary"]!["post"]!["responses"]!["200"]!["content"]);
    }

    [Fact]
    public void ARecursiveType_RefersToItsOwnComponent()
    {
        var children = Schemas["Category"]!["properties"]!["children"]!;

        Assert.Equal("#/components/schemas/Category", (string?)children["items"]!["$ref"]);
    }

    [Fact]
    public void ErrorAnswers_AreListedWhereTheRouteCanGiveThem()
    {
        var getOnly = Paths["/test/getOnly"]!["get"]!["responses"]!.AsObject().Select(r => r.Key).ToList();
        var echo = Paths["/test/echo"]!["post"]!["responses"]!.AsObject().Select(r => r.Key).ToList();

        Assert.Equal(["200", "400", "404", "405", "500"], getOnly);
        Assert.Equal(["200", "400", "404", "413", "500"], echo);
        Assert.Equal("#/components/responses/Error405", (string?)Paths["/test/getOnly"]!["get"]!["responses"]!["405"]!["$ref"]);
        var error = Document["components"]!["responses"]!["Error400"]!["content"]!["application/json"]!;
        Assert.Equal("#/components/schemas/RouterError", (string?)error["schema"]!["$ref"]);
        Assert.Equal(["errorType", "errorMessage"], Schemas["RouterError"]!["required"]!.AsArray().Select(k => (string)k!));
    }

    [Fact]
    public void TheHandlersDocComment_IsTheSummaryAndDescription_AndTheRouteOtherwise()
    {
        var tree = Paths["/test/tree"]!["post"]!;

        Assert.Equal("Echoes a Category tree.", (string?)tree["summary"]);
        Assert.Equal("Its type refers to itself.\n\nThe document refers to it by name.", (string?)tree["description"]);
        Assert.Equal("test/throw", (string?)Paths["/test/throw"]!["post"]!["summary"]);
    }

    [Theory]
    [InlineData("Shop.MakeOrderRequest", "MakeOrderRequest")]
    [InlineData("Reply", "Reply")]
    [InlineData("System.Collections.Generic.List<Shop.Order>", "ListOfOrder")]
    [InlineData("System.Collections.Generic.Dictionary<string, Shop.Order[]>", "DictionaryOfstringAndOrderArray")]
    [InlineData("Shop.Outer.Inner", "Inner")]
    public void AComponentName_IsTheTypesName_InTheCharactersOpenApiAllows(string typeName, string expected)
        => Assert.Equal(expected, SchemaSet.ComponentName(typeName));

    [Fact]
    public void TwoHandlersOfOneMethodName_GetDistinctOperationIds()
    {
        var ids = new OperationIds();

        Assert.Equal("Get", ids.Next("A.Scoped.Get"));
        Assert.Equal("Stateless_Get", ids.Next("A.Stateless.Get"));
        Assert.Equal("Stateless_Get2", ids.Next("B.Stateless.Get"));
    }

    private static IEnumerable<JsonNode> Operations()
        => Paths.SelectMany(path => path.Value!.AsObject().Select(operation => operation.Value!));
}
