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
    [InlineData("RTR003", """
        [GeneratedRouter] public sealed partial class R;
        public static class H
        {
            [[|Route("pay/makeOrder")|]] public static void A() { }
            [[|Route("pay/MakeOrder")|]] public static void B() { }
        }
        """, """
        [GeneratedRouter] public sealed partial class R;
        public static class H
        {
            [Route("pay/makeOrder")] public static void A() { }
            [Route("pay/makeRefund")] public static void B() { }
        }
        """)]
    // RTR005: a private handler method.
    [InlineData("RTR005", """
        [GeneratedRouter] public sealed partial class R;
        public static class H { [[|Route("a")|]] private static void A() { } }
        """, """
        [GeneratedRouter] public sealed partial class R;
        public static class H { [Route("a")] internal static void A() { } }
        """)]
    // RTR005: a handler in a private nested class.
    [InlineData("RTR005", """
        [GeneratedRouter] public sealed partial class R;
        public static class Outer { private static class H { [[|Route("a")|]] public static void A() { } } }
        """, """
        [GeneratedRouter] public sealed partial class R;
        public static class Outer { internal static class H { [Route("a")] public static void A() { } } }
        """)]
    // RTR005: a request type nested privately in the handler's class (C# then needs the handler private too).
    [InlineData("RTR005", """
        [GeneratedRouter] public sealed partial class R;
        [JsonSerializable(typeof(H))] public partial class J : JsonSerializerContext;
        public static class H { private sealed class Q; [[|Route("a")|]] private static void A(Q [|request|]) { } }
        """, """
        [GeneratedRouter] public sealed partial class R;
        [JsonSerializable(typeof(H.Q))] public partial class J : JsonSerializerContext;
        public static class H { internal sealed class Q; [Route("a")] internal static void A(Q request) { } }
        """)]
    // RTR005: a private nested middleware.
    [InlineData("RTR005", """
        [GeneratedRouter] public sealed partial class R;
        public static class Outer { [[|Middleware|]] private sealed class G : IRouteMiddleware { public ValueTask InvokeAsync(RouteContext c, RouteHandler n) => n(c); } }
        public static class H { [Route("a")] public static void A() { } }
        """, """
        [GeneratedRouter] public sealed partial class R;
        public static class Outer { [Middleware] internal sealed class G : IRouteMiddleware { public ValueTask InvokeAsync(RouteContext c, RouteHandler n) => n(c); } }
        public static class H { [Route("a")] public static void A() { } }
        """)]
    // RTR007: the request type.
    [InlineData("RTR007", """
        [GeneratedRouter] public sealed partial class R;
        public sealed record Q(int X); public sealed record P(int Y);
        [JsonSerializable(typeof(P))] public partial class J : JsonSerializerContext;
        public static class H { [Route("a")] public static P A(Q [|request|]) => new(request.X); }
        """, """
        [GeneratedRouter] public sealed partial class R;
        public sealed record Q(int X); public sealed record P(int Y);
        [JsonSerializable(typeof(P))] [JsonSerializable(typeof(Q))] public partial class J : JsonSerializerContext;
        public static class H { [Route("a")] public static P A(Q request) => new(request.X); }
        """)]
    // RTR007: the response type, through Task<T>.
    [InlineData("RTR007", """
        [GeneratedRouter] public sealed partial class R;
        public sealed record Q(int X); public sealed record P(int Y);
        [JsonSerializable(typeof(Q))] public partial class J : JsonSerializerContext;
        public static class H { [Route("a")] public static [|Task<P>|] A(Q request) => Task.FromResult(new P(request.X)); }
        """, """
        [GeneratedRouter] public sealed partial class R;
        public sealed record Q(int X); public sealed record P(int Y);
        [JsonSerializable(typeof(Q))] [JsonSerializable(typeof(P))] public partial class J : JsonSerializerContext;
        public static class H { [Route("a")] public static Task<P> A(Q request) => Task.FromResult(new P(request.X)); }
        """)]
    [InlineData("RTR009", """
        [GeneratedRouter] public sealed partial class R;
        [[|Middleware("shop/*")|]] public sealed class G : IRouteMiddleware { public ValueTask InvokeAsync(RouteContext c, RouteHandler n) => n(c); }
        public static class H { [Route("pay/x")] public static void A() { } }
        """, """
        [GeneratedRouter] public sealed partial class R;
        [Middleware("pay/*")] public sealed class G : IRouteMiddleware { public ValueTask InvokeAsync(RouteContext c, RouteHandler n) => n(c); }
        public static class H { [Route("pay/x")] public static void A() { } }
        """)]
    // RTR010: same Order, one route, two files (a line "//// file: Name.cs" starts another file).
    [InlineData("RTR010", """
        [GeneratedRouter] public sealed partial class R;
        [[|Middleware("pay/*", Order = 1)|]] public sealed class Audit : IRouteMiddleware { public ValueTask InvokeAsync(RouteContext c, RouteHandler n) => n(c); }
        public static class H { [Route("pay/x")] public static void A() { } }
        //// file: Session.cs
        using System.Threading.Tasks;
        using Router;
        namespace App;
        [[|Middleware("pay/*", Order = 1)|]] public sealed class Session : IRouteMiddleware { public ValueTask InvokeAsync(RouteContext c, RouteHandler n) => n(c); }
        """, """
        [GeneratedRouter] public sealed partial class R;
        [Middleware("pay/*", Order = 2)] public sealed class Audit : IRouteMiddleware { public ValueTask InvokeAsync(RouteContext c, RouteHandler n) => n(c); }
        public static class H { [Route("pay/x")] public static void A() { } }
        //// file: Session.cs
        using System.Threading.Tasks;
        using Router;
        namespace App;
        [Middleware("pay/*", Order = 1)] public sealed class Session : IRouteMiddleware { public ValueTask InvokeAsync(RouteContext c, RouteHandler n) => n(c); }
        """)]
    // RTR010 among global middleware too.
    [InlineData("RTR010", """
        [GeneratedRouter] public sealed partial class R;
        [[|Middleware|]] public sealed class Log : IRouteMiddleware { public ValueTask InvokeAsync(RouteContext c, RouteHandler n) => n(c); }
        public static class H { [Route("pay/x")] public static void A() { } }
        //// file: Timing.cs
        using System.Threading.Tasks;
        using Router;
        namespace App;
        [[|Middleware|]] public sealed class Timing : IRouteMiddleware { public ValueTask InvokeAsync(RouteContext c, RouteHandler n) => n(c); }
        """, """
        [GeneratedRouter] public sealed partial class R;
        [Middleware(Order = -1)] public sealed class Log : IRouteMiddleware { public ValueTask InvokeAsync(RouteContext c, RouteHandler n) => n(c); }
        public static class H { [Route("pay/x")] public static void A() { } }
        //// file: Timing.cs
        using System.Threading.Tasks;
        using Router;
        namespace App;
        [Middleware] public sealed class Timing : IRouteMiddleware { public ValueTask InvokeAsync(RouteContext c, RouteHandler n) => n(c); }
        """)]
    // RTR011: more than one router; the second (by name) is reported.
    [InlineData("RTR011", """
        [GeneratedRouter] public sealed partial class R;
        [GeneratedRouter] public sealed partial class [|S|];
        public static class H { [Route("a")] public static void A() { } }
        """, """
        [GeneratedRouter] public sealed partial class R;
        public static class H { [Route("a")] public static void A() { } }
        """)]
    // RTR011: nested.
    [InlineData("RTR011", """
        public static partial class Outer { [GeneratedRouter] public sealed partial class [|R|]; }
        public static class H { [Route("a")] public static void A() { } }
        """, """
        [GeneratedRouter] public sealed partial class R;
        public static class H { [Route("a")] public static void A() { } }
        """)]
    public void Diagnostic_FiresAtExactSpan_AndNotOnFixedInput(string id, string bad, string fixedSource)
        => AssertFiresExactly(id, OutputKind.DynamicallyLinkedLibrary, bad, fixedSource);

    [Fact]
    public void Rtr012_ExecutableWithHandlersButNoRouter_FiresAtFirstRoute()
        => AssertFiresExactly("RTR012", OutputKind.ConsoleApplication, """
            public static class H { [[|Route("a")|]] public static void A() { } [Route("b")] public static void B() { } }
            """, """
            [GeneratedRouter] public sealed partial class R;
            public static class H { [Route("a")] public static void A() { } [Route("b")] public static void B() { } }
            """);

    [Fact]
    public void Rtr012_ClassLibraryOfHandlers_IsFine()
        => Assert.Empty(Generate(OutputKind.DynamicallyLinkedLibrary, Prelude + """
            public static class H { [Route("a")] public static void A() { } }
            """));

    [Fact]
    public void Rtr007_TypeReachableThroughAListedType_IsKnown()
    {
        // System.Text.Json gives metadata for the types of a listed type's properties, element types
        // and type arguments; so does the check.
        Assert.Empty(Generate(OutputKind.DynamicallyLinkedLibrary, Prelude + """
            [GeneratedRouter] public sealed partial class R;
            public sealed record Q(int X); public sealed record P(int Y);
            public sealed class Envelope { public Q? Request { get; set; } public System.Collections.Generic.List<P> Items { get; } = new(); }
            [JsonSerializable(typeof(Envelope))] public partial class J : JsonSerializerContext;
            public static class H { [Route("a")] public static System.Collections.Generic.List<P> A(Q request) => []; }
            """));
    }

    [Fact]
    public void Rtr007_CarriesTheContextAndTypeForTheCodeFix()
    {
        var diagnostic = Assert.Single(Generate(OutputKind.DynamicallyLinkedLibrary, Prelude + """
            [GeneratedRouter] public sealed partial class R;
            public sealed record Q(int X);
            [JsonSerializable(typeof(string))] public partial class J : JsonSerializerContext;
            public static class H { [Route("pay/a")] public static void A(Q request) { } }
            """));

        Assert.Equal("App.J", diagnostic.Properties["JsonContext"]);
        Assert.Equal("global::App.Q", diagnostic.Properties["Type"]);
        Assert.Equal(
            "Request type App.Q of route 'pay/a' is not in App.J; add [JsonSerializable(typeof(App.Q))] to it",
            diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Rtr010_SameOrderInOneFile_IsNotReported()
        => Assert.Empty(Generate(OutputKind.DynamicallyLinkedLibrary, Prelude + """
            [GeneratedRouter] public sealed partial class R;
            [Middleware("pay/*", Order = 1)] public sealed class A1 : IRouteMiddleware { public ValueTask InvokeAsync(RouteContext c, RouteHandler n) => n(c); }
            [Middleware("pay/*", Order = 1)] public sealed class A2 : IRouteMiddleware { public ValueTask InvokeAsync(RouteContext c, RouteHandler n) => n(c); }
            public static class H { [Route("pay/x")] public static void A() { } }
            """));

    [Fact]
    public void ErrorsInTheTable_StillEmitThePublicSurface_WithNoCompilerErrorsInIt()
    {
        var compilation = GeneratorHarness.CreateCompilation(("App.cs", Prelude + """
            [GeneratedRouter] public sealed partial class R;
            public static class H { [Route("x")] public static void A() { } [Route("x")] public static void B() { } }
            public static class Use { public static System.Collections.Generic.IReadOnlyList<RouteDescriptor> Routes => R.Routes; public static IRouteDispatcher D => new R(); }
            """));
        var (result, output) = GeneratorHarness.Run(compilation);

        Assert.Contains("has errors", GeneratorHarness.GeneratedText(result), StringComparison.Ordinal);
        Assert.Empty(output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
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

    private static Diagnostic[] Generate(string source) => Generate(OutputKind.DynamicallyLinkedLibrary, source);

    private static Diagnostic[] Generate(OutputKind outputKind, string source)
        => GeneratorHarness.Diagnose(GeneratorHarness.CreateCompilation(outputKind, SplitFiles(source).ToArray())).ToArray();

    /// <summary>
    /// Asserts that the router reports exactly the spans marked <c>[|...|]</c> in <paramref name="bad"/>,
    /// all with <paramref name="id"/> and in the right file, and nothing at all on <paramref name="fixedSource"/>.
    /// </summary>
    private static void AssertFiresExactly(string id, OutputKind outputKind, string bad, string fixedSource)
    {
        var files = SplitFiles(Prelude + bad).Select(f => (f.Path, Markup: ParseMarkup(f.Text))).ToList();
        var diagnostics = GeneratorHarness.Diagnose(GeneratorHarness.CreateCompilation(outputKind, files.Select(f => (f.Path, f.Markup.Source)).ToArray()));

        var expected = files.SelectMany(f => f.Markup.Spans.Select(span => (f.Path, span.Start, span.Length))).OrderBy(s => s.Path, StringComparer.Ordinal).ThenBy(s => s.Start);
        var actual = diagnostics.Select(d => (d.Location.SourceTree?.FilePath ?? d.Location.GetLineSpan().Path, d.Location.SourceSpan.Start, d.Location.SourceSpan.Length));
        Assert.Equal(expected, actual);
        Assert.All(diagnostics, d => Assert.Equal(id, d.Id));
        Assert.All(diagnostics, d => Assert.Equal(LocationKind.SourceFile, d.Location.Kind)); // pragmas apply only to these

        Assert.Empty(Generate(outputKind, Prelude + fixedSource));
    }

    /// <summary>Splits a source at lines <c>//// file: Name.cs</c>; the first part is App.cs.</summary>
    private static IEnumerable<(string Path, string Text)> SplitFiles(string source)
    {
        var parts = source.Split("//// file: ");
        yield return ("App.cs", parts[0]);
        foreach (var part in parts.Skip(1))
        {
            var newline = part.IndexOf('\n', StringComparison.Ordinal);
            yield return (part[..newline].Trim(), part[(newline + 1)..]);
        }
    }

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
