using System.Runtime.Loader;
using System.Text;
using Microsoft.CodeAnalysis;
using Router.Generator.Emitting;

namespace Router.Generator.Tests;

/// <summary>
/// Above <see cref="RouterEmitter.MaxStringSwitchRoutes"/> routes the dispatcher looks the route up by
/// its hash in a hash table: compiled, loaded and run here, every route must still reach its own handler, including
/// two routes whose hashes collide, and a route that is not in the table must still be RouteNotFound.
/// </summary>
public class LargeTableDispatchTests
{
    // Found by search: the 32-bit FNV-1a hashes of these two routes are equal (0x30EEFCFC).
    private const string CollidingA = "c/r49079";
    private const string CollidingB = "c/r681220";

    [Fact]
    public void TheTwoCollidingRoutes_ShareAHash_AndOthersDoNot()
    {
        Assert.Equal(RouterEmitter.RouteHash(CollidingA), RouterEmitter.RouteHash(CollidingB));
        Assert.Equal(0x30EEFCFCu, RouterEmitter.RouteHash(CollidingA));
        Assert.NotEqual(RouterEmitter.RouteHash("a/b"), RouterEmitter.RouteHash("b/a"));
    }

    [Fact]
    public async Task EveryRouteOfALargeTable_ReachesItsOwnHandler()
    {
        var paths = Enumerable.Range(0, RouterEmitter.MaxStringSwitchRoutes * 2).Select(i => $"area{i / 10}/op{i % 10}")
            .Append(CollidingA).Append(CollidingB).ToList();
        var source = new StringBuilder("""
            using Router;
            namespace Big;
            [GeneratedRouter] public sealed partial class BigRouter;
            public static class Handlers
            {
            """);
        for (var i = 0; i < paths.Count; i++)
        {
            // The first route takes GET only: the lookup dispatcher checks methods too.
            var methods = i == 0 ? ", Methods = \"GET\"" : "";
            source.AppendLine($"    [Route(\"{paths[i]}\"{methods})] public static void H{i}(RouteContext context) => context.Items[\"hit\"] = \"{paths[i]}\";");
        }

        source.AppendLine("}");
        var (_, output) = GeneratorHarness.Run(GeneratorHarness.CreateCompilation(("Big.cs", source.ToString())));
        Assert.Contains("var buckets = __Lookup.Buckets;", output.SyntaxTrees.Last().ToString(), StringComparison.Ordinal);

        using var stream = new MemoryStream();
        var emitted = output.Emit(stream);
        Assert.True(emitted.Success, string.Join("\n", emitted.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)));
        var context = new AssemblyLoadContext("big-router", isCollectible: true);
        try
        {
            stream.Position = 0;
            var router = (IRouteDispatcher)Activator.CreateInstance(context.LoadFromStream(stream).GetType("Big.BigRouter")!)!;
            foreach (var path in paths)
            {
                var routeContext = new RouteContext(path, "{}"u8.ToArray());
                await router.DispatchAsync(routeContext);
                Assert.Equal(path, routeContext.Items["hit"]);
            }

            var get = new RouteContext(paths[0], "{}"u8.ToArray()) { Http = new HttpRequestInfo("GET", "/" + paths[0]) };
            await router.DispatchAsync(get);
            Assert.Equal(paths[0], get.Items["hit"]);
            var post = await Assert.ThrowsAsync<MethodNotAllowedException>(async () => await router.DispatchAsync(new RouteContext(paths[0], "{}"u8.ToArray()) { Http = new HttpRequestInfo("POST", "/" + paths[0]) }));
            Assert.Equal(["GET"], post.AllowedMethods);
            await Assert.ThrowsAsync<RouteNotFoundException>(async () => await router.DispatchAsync(new RouteContext("area0/op10", "{}"u8.ToArray())));
            await Assert.ThrowsAsync<RouteNotFoundException>(async () => await router.DispatchAsync(new RouteContext("AREA0/op1", "{}"u8.ToArray())));
        }
        finally
        {
            context.Unload();
        }
    }
}
