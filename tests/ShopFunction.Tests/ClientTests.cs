namespace ShopFunction.Tests;

/// <summary>
/// The typed TypeScript client (<c>clients/</c>) as CI runs it: its tests on Node's test runner (each
/// transport against a fake <c>wx</c>, <c>my</c>, <c>uni</c> or <c>fetch</c>; the <c>@ts-expect-error</c>
/// lines compiled by <c>tsc --strict</c>; the shop's journey over <c>fetch</c> against the real <c>serve</c>),
/// and the shop's generated types, which must be what openapi-typescript writes from its document.
/// </summary>
public sealed class ClientTests
{
    private static readonly string ShopClient = Path.Combine(RepositoryFolders.Root, "samples", "ShopFunction", "client", "shop-api.d.ts");

    [Fact]
    public async Task TheClientsTests_Pass_TheJourneyAgainstServeIncluded()
    {
        await NodePackages.EnsureInstalledAsync(NodePackages.Clients);
        var port = LoopbackPorts.Free();
        await using var server = await FunctionProcess.ServeAsync("jit", new Dictionary<string, string>(), port);

        var (exitCode, output, error) = await NodePackages.RunAsync(
            NodePackages.Clients, "npm", ["test"], TimeSpan.FromMinutes(3),
            new Dictionary<string, string> { ["SHOP_URL"] = $"http://127.0.0.1:{port}" });

        Assert.True(exitCode == 0, $"npm test exited {exitCode}:\n{output}\n{error}\nserve:\n{server.Error}");
        Assert.Contains("# fail 0", output, StringComparison.Ordinal);
        // The journey ran: nothing skipped (it skips only without SHOP_URL).
        Assert.Contains("# skipped 0", output, StringComparison.Ordinal);
        Assert.Matches(@"(?m)^ok \d+ - register, log in, make an order, pay it and list it", output);
    }

    [Fact]
    public async Task TheShopsGeneratedTypes_AreWhatOpenapiTypescriptWritesFromItsDocument()
    {
        await NodePackages.EnsureInstalledAsync(NodePackages.Clients);
        var written = Path.Combine(ScratchFolders.Create("shop-client-"), "shop-api.d.ts");
        var document = Path.Combine(RepositoryFolders.Root, "samples", "ShopFunction", "openapi.json");

        var (exitCode, output, error) = await NodePackages.RunAsync(
            NodePackages.Clients, Path.Combine(NodePackages.Clients, "node_modules", ".bin", "openapi-typescript"), [document, "-o", written], TimeSpan.FromMinutes(2));

        Assert.True(exitCode == 0, $"openapi-typescript exited {exitCode}:\n{output}\n{error}");
        // After the document changed: npm run generate:shop --prefix clients
        Assert.Equal((await File.ReadAllTextAsync(ShopClient)).ReplaceLineEndings("\n"), (await File.ReadAllTextAsync(written)).ReplaceLineEndings("\n"));
    }
}
