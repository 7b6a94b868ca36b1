namespace Router.Generator.Tests;

/// <summary>
/// The generated members are named for what they are, and names that would collide are told apart: two
/// middleware of one simple name, routes that differ only in characters a C# name cannot hold, and a
/// middleware that implements <c>InvokeAsync</c> explicitly (called through the interface).
/// </summary>
public sealed class MemberNameTests
{
    private const string Source = """
        using System.Threading.Tasks;
        using Router;

        namespace Names
        {
            [GeneratedRouter]
            public sealed partial class NamesRouter;

            public static class Handlers
            {
                [Route("a/b")] public static void Slash() { }
                [Route("a_b")] public static void Underscore() { }
                [Route("a-b")] [UseMiddleware<Audit.Log>] [UseMiddleware<Timing.Log>] [UseMiddleware<Hidden>] public static void Dash() { }
            }

            public sealed class Hidden : IRouteMiddleware
            {
                ValueTask IRouteMiddleware.InvokeAsync(RouteContext context, RouteHandler next) => next(context);
            }
        }

        namespace Names.Audit
        {
            public sealed class Log : IRouteMiddleware
            {
                public ValueTask InvokeAsync(RouteContext context, RouteHandler next) => next(context);
            }
        }

        namespace Names.Timing
        {
            public sealed class Log : IRouteMiddleware
            {
                public ValueTask InvokeAsync(RouteContext context, RouteHandler next) => next(context);
            }
        }
        """;

    [Fact]
    public void CollidingNames_AreToldApart_AndTheRouterCompiles()
    {
        var (result, output) = GeneratorHarness.Run(GeneratorHarness.CreateCompilation(("Names.cs", Source)));
        var generated = GeneratorHarness.GeneratedText(result);

        Assert.Empty(output.GetDiagnostics().Where(d => d.Severity == Microsoft.CodeAnalysis.DiagnosticSeverity.Error));
        Assert.Contains("private global::System.Threading.Tasks.ValueTask __Handle_a_b(", generated, StringComparison.Ordinal);
        Assert.Contains("private global::System.Threading.Tasks.ValueTask __Handle_a_b_1(", generated, StringComparison.Ordinal);
        Assert.Contains("private global::System.Threading.Tasks.ValueTask __Handle_a_b_2(", generated, StringComparison.Ordinal);
        Assert.Contains("private global::Names.Audit.Log __Log(", generated, StringComparison.Ordinal);
        Assert.Contains("private global::Names.Timing.Log __Log_", generated, StringComparison.Ordinal);
        // The explicit implementation is reached through the interface; the others directly.
        Assert.Contains("((global::Router.IRouteMiddleware)__Hidden(context.RootServices)).InvokeAsync(", generated, StringComparison.Ordinal);
        Assert.Contains("return __Log(context.RootServices).InvokeAsync(", generated, StringComparison.Ordinal);
    }
}
