using Microsoft.CodeAnalysis;

namespace Router.Generator.Tests;

/// <summary>
/// The route-table diagnostics: each fires at the exact span (marked <c>[|...|]</c> in the input) on
/// a minimal bad input, and the fixed input reports nothing.
/// </summary>
public sealed class DiagnosticTests
{
    private const string Prelude = """
        using System.Text.Json.Serialization;
        using System.Threading.Tasks;
        using Router;
        namespace App;
        public sealed class Mw : IRouteMiddleware { public ValueTask InvokeAsync(RouteContext c, RouteHandler n) => n(c); }

        """;

    [Theory]
    // RTR001: both claimants are reported.
    [InlineData("RTR001", """
        [GeneratedRouter] public sealed partial class R;
        public static class H
        {
            [[|Route("pay/pay")|]] public static void A() { }
            [[|Route("pay/pay")|]] public static void B() { }
        }
        """, """
        [GeneratedRouter] public sealed partial class R;
        public static class H
        {
            [Route("pay/pay")] public static void A() { }
            [Route("pay/refund")] public static void B() { }
        }
        """)]
    // RTR001 across a class prefix: "pay" + "pay" is "pay/pay".
    [InlineData("RTR001", """
        [GeneratedRouter] public sealed partial class R;
        public static class H { [[|Route("pay/pay")|]] public static void A() { } }
        [Route("pay")] public static class P { [[|Route("pay")|]] public static void B() { } }
        """, """
        [GeneratedRouter] public sealed partial class R;
        public static class H { [Route("pay/pay")] public static void A() { } }
        [Route("pay")] public static class P { [Route("refund")] public static void B() { } }
        """)]
    [InlineData("RTR002", """
        [GeneratedRouter] public sealed partial class R;
        public static class H { [[|Route("/pay//x")|]] public static void A() { } }
        """, """
        [GeneratedRouter] public sealed partial class R;
        public static class H { [Route("pay/x")] public static void A() { } }
        """)]
    [InlineData("RTR002", """
        [GeneratedRouter] public sealed partial class R;
        public static class H { [[|Route("pay order")|]] public static void A() { } }
        """, """
        [GeneratedRouter] public sealed partial class R;
        public static class H { [Route("pay-order")] public static void A() { } }
        """)]
    [InlineData("RTR002", """
        [GeneratedRouter] public sealed partial class R;
        [[|Middleware("pay/")|]] public sealed class G : IRouteMiddleware { public ValueTask InvokeAsync(RouteContext c, RouteHandler n) => n(c); }
        public static class H { [Route("pay/x")] public static void A() { } }
        """, """
        [GeneratedRouter] public sealed partial class R;
        [Middleware("pay/*")] public sealed class G : IRouteMiddleware { public ValueTask InvokeAsync(RouteContext c, RouteHandler n) => n(c); }
        public static class H { [Route("pay/x")] public static void A() { } }
        """)]
    [InlineData("RTR004", """
        [GeneratedRouter] public sealed partial class R;
        public static class H { [Route("a")] public static void A(ref int [|x|]) { } }
        """, """
        [GeneratedRouter] public sealed partial class R;
        public static class H { [Route("a")] public static void A() { } }
        """)]
    [InlineData("RTR004", """
        [GeneratedRouter] public sealed partial class R;
        public static class H { [[|Route("a")|]] public static async void A() { await Task.Yield(); } }
        """, """
        [GeneratedRouter] public sealed partial class R;
        public static class H { [Route("a")] public static async Task A() { await Task.Yield(); } }
        """)]
    [InlineData("RTR004", """
        [GeneratedRouter] public sealed partial class R;
        public static class H { [[|Route("a")|]] public static void A<T>() { } }
        """, """
        [GeneratedRouter] public sealed partial class R;
        public static class H { [Route("a")] public static void A() { } }
        """)]
    [InlineData("RTR004", """
        [GeneratedRouter] public sealed partial class R;
        public sealed class Q1; public sealed class Q2;
        [JsonSerializable(typeof(Q1))] public partial class J : JsonSerializerContext;
        public static class H { [Route("a")] public static void A(Q1 first, Q2 [|second|]) { } }
        """, """
        [GeneratedRouter] public sealed partial class R;
        public sealed class Q1; public sealed class Q2;
        [JsonSerializable(typeof(Q1))] public partial class J : JsonSerializerContext;
        public static class H { [Route("a")] public static void A(RouteContext context) { } }
        """)]
    [InlineData("RTR004", """
        [GeneratedRouter] public sealed partial class R;
        public static class H { [Route("a")] public static void A(string [|name|]) { } }
        """, """
        [GeneratedRouter] public sealed partial class R;
        public static class H { [Route("a")] public static void A(System.Threading.CancellationToken token) { } }
        """)]
    [InlineData("RTR006", """
        [GeneratedRouter] public sealed partial class R;
        public sealed class NotMw;
        public static class H { [Route("a")] [[|UseMiddleware(typeof(NotMw))|]] public static void A() { } }
        """, """
        [GeneratedRouter] public sealed partial class R;
        public static class H { [Route("a")] [UseMiddleware(typeof(Mw))] public static void A() { } }
        """)]
    // A class-level reference is reported once, not once per handler method.
    [InlineData("RTR006", """
        [GeneratedRouter] public sealed partial class R;
        public sealed class NotMw;
        [[|UseMiddleware(typeof(NotMw))|]] public static class H { [Route("a")] public static void A() { } [Route("b")] public static void B() { } }
        """, """
        [GeneratedRouter] public sealed partial class R;
        [UseMiddleware(typeof(Mw))] public static class H { [Route("a")] public static void A() { } [Route("b")] public static void B() { } }
        """)]
    [InlineData("RTR006", """
        [GeneratedRouter] public sealed partial class R;
        [[|Middleware|]] public sealed class NotMw;
        public static class H { [Route("a")] public static void A() { } }
        """, """
        [GeneratedRouter] public sealed partial class R;
        [Middleware] public sealed class NowMw : IRouteMiddleware { public ValueTask InvokeAsync(RouteContext c, RouteHandler n) => n(c); }
        public static class H { [Route("a")] public static void A() { } }
        """)]
    [InlineData("RTR008", """
        [GeneratedRouter] public sealed partial class [|R|];
        public sealed record Q(int X);
        public static class H { [Route("a")] public static void A(Q request) { } }
        """, """
        [GeneratedRouter] public sealed partial class R;
        public sealed record Q(int X);
        public static class H { [Route("a")] public static void A(RouteContext context) { } }
        """)]
    [InlineData("RTR011", """
        [GeneratedRouter] public sealed class [|R|] { }
        public static class H { [Route("a")] public static void A() { } }
        """, """
        [GeneratedRouter] public sealed partial class R { }
        public static class H { [Route("a")] public static void A() { } }
        """)]
    [InlineData("RTR013", """
        [GeneratedRouter] public sealed partial class R;
        public sealed class H { private H() { } [[|Route("a")|]] public void A() { } }
        """, """
        [GeneratedRouter] public sealed partial class R;
        public sealed class H { [Route("a")] public void A() { } }
        """)]
    [InlineData("RTR014", """
        [GeneratedRouter] public sealed partial class R;
        public static class H { [[|Route("*")|]] public static void A() { } }
        """, """
        [GeneratedRouter] public sealed partial class R;
        public static class H { [Route("all")] public static void A() { } }
        """)]
    public void Diagnostic_FiresAtExactSpan_AndNotOnFixedInput(string id, string bad, string fixedSource)
    {
        var (source, spans) = ParseMarkup(Prelude + bad);
        var diagnostics = Generate(source);

        Assert.Equal(spans.Count, diagnostics.Length);
        Assert.All(diagnostics, d => Assert.Equal(id, d.Id));
        Assert.Equal(spans, diagnostics.Select(d => (d.Location.SourceSpan.Start, d.Location.SourceSpan.Length)).OrderBy(s => s.Start));
        Assert.All(diagnostics, d => Assert.Equal("App.cs", d.Location.GetLineSpan().Path));

        Assert.Empty(Generate(Prelude + fixedSource));
    }

    [Fact]
    public void DuplicateRoute_MessageNamesRouteAndBothHandlers()
    {
        var diagnostics = Generate(Prelude + """
            [GeneratedRouter] public sealed partial class R;
            public static class H { [Route("x")] public static void A() { } [Route("x")] public static void B() { } }
            """);

        Assert.Equal(2, diagnostics.Length);
        Assert.Equal("Route 'x' is claimed by both App.H.A and App.H.B; give one of them another route", diagnostics[0].GetMessage(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(DiagnosticSeverity.Error, diagnostics[0].Severity);
    }

    [Fact]
    public void SeveralJsonContexts_WithoutChoice_IsRtr008_NamingThem()
    {
        var diagnostics = Generate(Prelude + """
            [GeneratedRouter] public sealed partial class R;
            public sealed record Q(int X);
            [JsonSerializable(typeof(Q))] public partial class J1 : JsonSerializerContext;
            [JsonSerializable(typeof(Q))] public partial class J2 : JsonSerializerContext;
            public static class H { [Route("a")] public static void A(Q request) { } }
            """);

        var diagnostic = Assert.Single(diagnostics);
        Assert.Equal("RTR008", diagnostic.Id);
        Assert.Contains("App.J1, App.J2", diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
    }

    private static Diagnostic[] Generate(string source)
        => GeneratorHarness.Run(GeneratorHarness.CreateCompilation(("App.cs", source))).Result.Diagnostics.ToArray();

    /// <summary>Removes the <c>[|</c> <c>|]</c> markers and returns the spans they enclosed.</summary>
    private static (string Source, List<(int Start, int Length)> Spans) ParseMarkup(string markup)
    {
        var spans = new List<(int, int)>();
        var builder = new System.Text.StringBuilder();
        var start = -1;
        for (var i = 0; i < markup.Length; i++)
        {
            if (markup.AsSpan(i).StartsWith("[|"))
            {
                start = builder.Length;
                i++;
            }
            else if (markup.AsSpan(i).StartsWith("|]"))
            {
                spans.Add((start, builder.Length - start));
                i++;
            }
            else
            {
                builder.Append(markup[i]);
            }
        }

        return (builder.ToString(), spans);
    }
}
