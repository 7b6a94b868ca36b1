using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using Router.Generator.Diagnostics;
using Router.Generator.Tests.Verifiers;

namespace Router.Generator.Tests;

/// <summary>
/// Every router diagnostic, from the analyzer and the generator alike: each fires at the exact span
/// marked <c>{|RTR001:...|}</c> on a minimal bad input (Roslyn's markup), and the fixed input reports
/// nothing, not even a compiler error. The test library also checks each expected diagnostic disappears
/// under <c>#pragma warning disable</c> at the top of its file.
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
            [{|RTR001:Route("pay/pay")|}] public static void A() { }
            [{|RTR001:Route("pay/pay")|}] public static void B() { }
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
        public static class H { [{|RTR001:Route("pay/pay")|}] public static void A() { } }
        [Route("pay")] public static class P { [{|RTR001:Route("pay")|}] public static void B() { } }
        """, """
        [GeneratedRouter] public sealed partial class R;
        public static class H { [Route("pay/pay")] public static void A() { } }
        [Route("pay")] public static class P { [Route("refund")] public static void B() { } }
        """)]
    [InlineData("RTR002", """
        [GeneratedRouter] public sealed partial class R;
        public static class H { [{|RTR002:Route("/pay//x")|}] public static void A() { } }
        """, """
        [GeneratedRouter] public sealed partial class R;
        public static class H { [Route("pay/x")] public static void A() { } }
        """)]
    [InlineData("RTR002", """
        [GeneratedRouter] public sealed partial class R;
        public static class H { [{|RTR002:Route("pay order")|}] public static void A() { } }
        """, """
        [GeneratedRouter] public sealed partial class R;
        public static class H { [Route("pay-order")] public static void A() { } }
        """)]
    [InlineData("RTR002", """
        [GeneratedRouter] public sealed partial class R;
        [{|RTR002:Middleware("pay/")|}] public sealed class G : IRouteMiddleware { public ValueTask InvokeAsync(RouteContext c, RouteHandler n) => n(c); }
        public static class H { [Route("pay/x")] public static void A() { } }
        """, """
        [GeneratedRouter] public sealed partial class R;
        [Middleware("pay/*")] public sealed class G : IRouteMiddleware { public ValueTask InvokeAsync(RouteContext c, RouteHandler n) => n(c); }
        public static class H { [Route("pay/x")] public static void A() { } }
        """)]
    [InlineData("RTR004", """
        [GeneratedRouter] public sealed partial class R;
        public static class H { [Route("a")] public static void A(ref int {|RTR004:x|}) { } }
        """, """
        [GeneratedRouter] public sealed partial class R;
        public static class H { [Route("a")] public static void A() { } }
        """)]
    [InlineData("RTR004", """
        [GeneratedRouter] public sealed partial class R;
        public static class H { [{|RTR004:Route("a")|}] public static async void A() { await Task.Yield(); } }
        """, """
        [GeneratedRouter] public sealed partial class R;
        public static class H { [Route("a")] public static async Task A() { await Task.Yield(); } }
        """)]
    [InlineData("RTR004", """
        [GeneratedRouter] public sealed partial class R;
        public static class H { [{|RTR004:Route("a")|}] public static void A<T>() { } }
        """, """
        [GeneratedRouter] public sealed partial class R;
        public static class H { [Route("a")] public static void A() { } }
        """)]
    [InlineData("RTR004", """
        [GeneratedRouter] public sealed partial class R;
        public sealed class Q1; public sealed class Q2;
        [JsonSerializable(typeof(Q1))] public partial class J : JsonSerializerContext;
        public static class H { [Route("a")] public static void A(Q1 first, Q2 {|RTR004:second|}) { } }
        """, """
        [GeneratedRouter] public sealed partial class R;
        public sealed class Q1; public sealed class Q2;
        [JsonSerializable(typeof(Q1))] public partial class J : JsonSerializerContext;
        public static class H { [Route("a")] public static void A(RouteContext context) { } }
        """)]
    [InlineData("RTR004", """
        [GeneratedRouter] public sealed partial class R;
        public static class H { [Route("a")] public static void A(string {|RTR004:name|}) { } }
        """, """
        [GeneratedRouter] public sealed partial class R;
        public static class H { [Route("a")] public static void A(System.Threading.CancellationToken token) { } }
        """)]
    [InlineData("RTR006", """
        [GeneratedRouter] public sealed partial class R;
        public sealed class NotMw;
        public static class H { [Route("a")] [{|RTR006:UseMiddleware(typeof(NotMw))|}] public static void A() { } }
        """, """
        [GeneratedRouter] public sealed partial class R;
        public static class H { [Route("a")] [UseMiddleware(typeof(Mw))] public static void A() { } }
        """)]
    // A class-level reference is reported once, not once per handler method.
    [InlineData("RTR006", """
        [GeneratedRouter] public sealed partial class R;
        public sealed class NotMw;
        [{|RTR006:UseMiddleware(typeof(NotMw))|}] public static class H { [Route("a")] public static void A() { } [Route("b")] public static void B() { } }
        """, """
        [GeneratedRouter] public sealed partial class R;
        [UseMiddleware(typeof(Mw))] public static class H { [Route("a")] public static void A() { } [Route("b")] public static void B() { } }
        """)]
    [InlineData("RTR006", """
        [GeneratedRouter] public sealed partial class R;
        [{|RTR006:Middleware|}] public sealed class NotMw;
        public static class H { [Route("a")] public static void A() { } }
        """, """
        [GeneratedRouter] public sealed partial class R;
        [Middleware] public sealed class NowMw : IRouteMiddleware { public ValueTask InvokeAsync(RouteContext c, RouteHandler n) => n(c); }
        public static class H { [Route("a")] public static void A() { } }
        """)]
    [InlineData("RTR008", """
        [GeneratedRouter] public sealed partial class {|RTR008:R|};
        public sealed record Q(int X);
        public static class H { [Route("a")] public static void A(Q request) { } }
        """, """
        [GeneratedRouter] public sealed partial class R;
        public sealed record Q(int X);
        public static class H { [Route("a")] public static void A(RouteContext context) { } }
        """)]
    [InlineData("RTR011", """
        [GeneratedRouter] public sealed class {|RTR011:R|} { }
        public static class H { [Route("a")] public static void A() { } }
        """, """
        [GeneratedRouter] public sealed partial class R { }
        public static class H { [Route("a")] public static void A() { } }
        """)]
    [InlineData("RTR013", """
        [GeneratedRouter] public sealed partial class R;
        public sealed class H { private H() { } [{|RTR013:Route("a")|}] public void A() { } }
        """, """
        [GeneratedRouter] public sealed partial class R;
        public sealed class H { [Route("a")] public void A() { } }
        """)]
    [InlineData("RTR014", """
        [GeneratedRouter] public sealed partial class R;
        public static class H { [{|RTR014:Route("*")|}] public static void A() { } }
        """, """
        [GeneratedRouter] public sealed partial class R;
        public static class H { [Route("all")] public static void A() { } }
        """)]
    [InlineData("RTR003", """
        [GeneratedRouter] public sealed partial class R;
        public static class H
        {
            [{|RTR003:Route("pay/makeOrder")|}] public static void A() { }
            [{|RTR003:Route("pay/MakeOrder")|}] public static void B() { }
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
        public static class H { [{|RTR005:Route("a")|}] private static void A() { } }
        """, """
        [GeneratedRouter] public sealed partial class R;
        public static class H { [Route("a")] internal static void A() { } }
        """)]
    // RTR005: a handler in a private nested class.
    [InlineData("RTR005", """
        [GeneratedRouter] public sealed partial class R;
        public static class Outer { private static class H { [{|RTR005:Route("a")|}] public static void A() { } } }
        """, """
        [GeneratedRouter] public sealed partial class R;
        public static class Outer { internal static class H { [Route("a")] public static void A() { } } }
        """)]
    // RTR005: a request type nested privately in the handler's class (C# then needs the handler private too).
    [InlineData("RTR005", """
        [GeneratedRouter] public sealed partial class R;
        [JsonSerializable(typeof(int))] public partial class J : JsonSerializerContext;
        public static class H { private sealed class Q; [{|RTR005:Route("a")|}] private static void A(Q {|RTR005:request|}) { } }
        """, """
        [GeneratedRouter] public sealed partial class R;
        [JsonSerializable(typeof(H.Q))] internal partial class J : JsonSerializerContext;
        public static class H { internal sealed class Q; [Route("a")] internal static void A(Q request) { } }
        """)]
    // RTR005: a private nested middleware.
    [InlineData("RTR005", """
        [GeneratedRouter] public sealed partial class R;
        public static class Outer { [{|RTR005:Middleware|}] private sealed class G : IRouteMiddleware { public ValueTask InvokeAsync(RouteContext c, RouteHandler n) => n(c); } }
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
        public static class H { [Route("a")] public static P A(Q {|RTR007:request|}) => new(request.X); }
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
        public static class H { [Route("a")] public static {|RTR007:Task<P>|} A(Q request) => Task.FromResult(new P(request.X)); }
        """, """
        [GeneratedRouter] public sealed partial class R;
        public sealed record Q(int X); public sealed record P(int Y);
        [JsonSerializable(typeof(Q))] [JsonSerializable(typeof(P))] public partial class J : JsonSerializerContext;
        public static class H { [Route("a")] public static Task<P> A(Q request) => Task.FromResult(new P(request.X)); }
        """)]
    [InlineData("RTR009", """
        [GeneratedRouter] public sealed partial class R;
        [{|RTR009:Middleware("shop/*")|}] public sealed class G : IRouteMiddleware { public ValueTask InvokeAsync(RouteContext c, RouteHandler n) => n(c); }
        public static class H { [Route("pay/x")] public static void A() { } }
        """, """
        [GeneratedRouter] public sealed partial class R;
        [Middleware("pay/*")] public sealed class G : IRouteMiddleware { public ValueTask InvokeAsync(RouteContext c, RouteHandler n) => n(c); }
        public static class H { [Route("pay/x")] public static void A() { } }
        """)]
    // RTR010: same Order, one route, two files (a line "//// file: Name.cs" starts another file).
    [InlineData("RTR010", """
        [GeneratedRouter] public sealed partial class R;
        [{|RTR010:Middleware("pay/*", Order = 1)|}] public sealed class Audit : IRouteMiddleware { public ValueTask InvokeAsync(RouteContext c, RouteHandler n) => n(c); }
        public static class H { [Route("pay/x")] public static void A() { } }
        //// file: Session.cs
        using System.Threading.Tasks;
        using Router;
        namespace App;
        [{|RTR010:Middleware("pay/*", Order = 1)|}] public sealed class Session : IRouteMiddleware { public ValueTask InvokeAsync(RouteContext c, RouteHandler n) => n(c); }
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
        [{|RTR010:Middleware|}] public sealed class Log : IRouteMiddleware { public ValueTask InvokeAsync(RouteContext c, RouteHandler n) => n(c); }
        public static class H { [Route("pay/x")] public static void A() { } }
        //// file: Timing.cs
        using System.Threading.Tasks;
        using Router;
        namespace App;
        [{|RTR010:Middleware|}] public sealed class Timing : IRouteMiddleware { public ValueTask InvokeAsync(RouteContext c, RouteHandler n) => n(c); }
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
        [GeneratedRouter] public sealed partial class {|RTR011:S|};
        public static class H { [Route("a")] public static void A() { } }
        """, """
        [GeneratedRouter] public sealed partial class R;
        public static class H { [Route("a")] public static void A() { } }
        """)]
    // RTR011: nested.
    [InlineData("RTR011", """
        public static partial class Outer { [GeneratedRouter] public sealed partial class {|RTR011:R|}; }
        public static class H { [Route("a")] public static void A() { } }
        """, """
        [GeneratedRouter] public sealed partial class R;
        public static class H { [Route("a")] public static void A() { } }
        """)]
    [InlineData("RTR015", """
        [GeneratedRouter] public sealed partial class R;
        public static class H { [{|RTR015:Route("orders", Methods = "get")|}] public static void A() { } }
        """, """
        [GeneratedRouter] public sealed partial class R;
        public static class H { [Route("orders", Methods = "GET")] public static void A() { } }
        """)]
    [InlineData("RTR015", """
        [GeneratedRouter] public sealed partial class R;
        public static class H { [{|RTR015:Route("orders", Methods = "GET,,POST")|}] public static void A() { } [{|RTR015:Route("pay", Methods = "POST,POST")|}] public static void B() { } }
        """, """
        [GeneratedRouter] public sealed partial class R;
        public static class H { [Route("orders", Methods = "GET, POST")] public static void A() { } [Route("pay", Methods = "POST")] public static void B() { } }
        """)]
    // RTR015: a class prefix takes no methods.
    [InlineData("RTR015", """
        [GeneratedRouter] public sealed partial class R;
        [{|RTR015:Route("pay", Methods = "POST")|}] public static class H { [Route("x")] public static void A() { } }
        """, """
        [GeneratedRouter] public sealed partial class R;
        [Route("pay")] public static class H { [Route("x", Methods = "POST")] public static void A() { } }
        """)]
    // RTR016: [Compare] reads the other member through reflection.
    [InlineData("RTR016", """
        [GeneratedRouter] public sealed partial class R;
        public sealed class Q { public string? A { get; set; } [{|RTR016:System.ComponentModel.DataAnnotations.Compare("A")|}] public string? B { get; set; } }
        [JsonSerializable(typeof(Q))] public partial class J : JsonSerializerContext;
        public static class H { [Route("a")] public static void A(Q request) { } }
        """, """
        [GeneratedRouter] public sealed partial class R;
        public sealed class Q { public string? A { get; set; } [System.ComponentModel.DataAnnotations.Required] public string? B { get; set; } }
        [JsonSerializable(typeof(Q))] public partial class J : JsonSerializerContext;
        public static class H { [Route("a")] public static void A(Q request) { } }
        """)]
    // RTR016: Range(Type, string, string) converts through TypeDescriptor; found in a nested collection's items too.
    [InlineData("RTR016", """
        [GeneratedRouter] public sealed partial class R;
        public sealed class Line { [{|RTR016:System.ComponentModel.DataAnnotations.Range(typeof(decimal), "0", "9")|}] public decimal Price { get; set; } }
        public sealed class Q { public System.Collections.Generic.List<Line>? Lines { get; set; } }
        [JsonSerializable(typeof(Q))] public partial class J : JsonSerializerContext;
        public static class H { [Route("a")] public static void A(Q request) { } }
        """, """
        [GeneratedRouter] public sealed partial class R;
        public sealed class Line { [System.ComponentModel.DataAnnotations.Range(0.0, 9.0)] public decimal Price { get; set; } }
        public sealed class Q { public System.Collections.Generic.List<Line>? Lines { get; set; } }
        [JsonSerializable(typeof(Q))] public partial class J : JsonSerializerContext;
        public static class H { [Route("a")] public static void A(Q request) { } }
        """)]
    // RTR016: a message from resources is looked up through reflection.
    [InlineData("RTR016", """
        [GeneratedRouter] public sealed partial class R;
        public static class Texts { public static string Needed => "needed"; }
        public sealed record Q([{|RTR016:System.ComponentModel.DataAnnotations.Required(ErrorMessageResourceType = typeof(Texts), ErrorMessageResourceName = "Needed")|}] string? Name);
        [JsonSerializable(typeof(Q))] public partial class J : JsonSerializerContext;
        public static class H { [Route("a")] public static void A(Q request) { } }
        """, """
        [GeneratedRouter] public sealed partial class R;
        public static class Texts { public static string Needed => "needed"; }
        public sealed record Q([System.ComponentModel.DataAnnotations.Required(ErrorMessage = "needed")] string? Name);
        [JsonSerializable(typeof(Q))] public partial class J : JsonSerializerContext;
        public static class H { [Route("a")] public static void A(Q request) { } }
        """)]
    // RTR017: [Range] on a positional record member that is no number.
    [InlineData("RTR017", """
        [GeneratedRouter] public sealed partial class R;
        public sealed record Q([{|RTR017:System.ComponentModel.DataAnnotations.Range(1, 2)|}] bool Flag);
        [JsonSerializable(typeof(Q))] public partial class J : JsonSerializerContext;
        public static class H { [Route("a")] public static void A(Q request) { } }
        """, """
        [GeneratedRouter] public sealed partial class R;
        public sealed record Q([System.ComponentModel.DataAnnotations.Range(1, 2)] int Flag);
        [JsonSerializable(typeof(Q))] public partial class J : JsonSerializerContext;
        public static class H { [Route("a")] public static void A(Q request) { } }
        """)]
    // RTR017: [MinLength] on a set, which it would measure through reflection.
    [InlineData("RTR017", """
        [GeneratedRouter] public sealed partial class R;
        public sealed class Q { [{|RTR017:System.ComponentModel.DataAnnotations.MinLength(1)|}] public System.Collections.Generic.HashSet<int>? Ids { get; set; } }
        [JsonSerializable(typeof(Q))] public partial class J : JsonSerializerContext;
        public static class H { [Route("a")] public static void A(Q request) { } }
        """, """
        [GeneratedRouter] public sealed partial class R;
        public sealed class Q { [System.ComponentModel.DataAnnotations.MinLength(1)] public System.Collections.Generic.List<int>? Ids { get; set; } }
        [JsonSerializable(typeof(Q))] public partial class J : JsonSerializerContext;
        public static class H { [Route("a")] public static void A(Q request) { } }
        """)]
    // RTR017: [StringLength] on a number.
    [InlineData("RTR017", """
        [GeneratedRouter] public sealed partial class R;
        public sealed class Q { [{|RTR017:System.ComponentModel.DataAnnotations.StringLength(3)|}] public int Code { get; set; } }
        [JsonSerializable(typeof(Q))] public partial class J : JsonSerializerContext;
        public static class H { [Route("a")] public static void A(Q request) { } }
        """, """
        [GeneratedRouter] public sealed partial class R;
        public sealed class Q { [System.ComponentModel.DataAnnotations.Range(0, 999)] public int Code { get; set; } }
        [JsonSerializable(typeof(Q))] public partial class J : JsonSerializerContext;
        public static class H { [Route("a")] public static void A(Q request) { } }
        """)]
    public Task Diagnostic_FiresAtExactSpan_AndNotOnFixedInput(string id, string bad, string fixedSource)
        => AssertFiresExactly(id, OutputKind.DynamicallyLinkedLibrary, bad, fixedSource);

    [Fact]
    public Task Rtr012_ExecutableWithHandlersButNoRouter_FiresAtFirstRoute()
        => AssertFiresExactly("RTR012", OutputKind.ConsoleApplication, """
            public static class Program { public static void Main() { } }
            public static class H { [{|RTR012:Route("a")|}] public static void A() { } [Route("b")] public static void B() { } }
            """, """
            public static class Program { public static void Main() { } }
            [GeneratedRouter] public sealed partial class R;
            public static class H { [Route("a")] public static void A() { } [Route("b")] public static void B() { } }
            """);

    [Fact]
    public Task Rtr012_ClassLibraryOfHandlers_IsFine()
        => VerifyAsync(OutputKind.DynamicallyLinkedLibrary, Prelude + """
            public static class H { [Route("a")] public static void A() { } }
            """);

    [Fact]
    public Task Rtr007_TypeReachableThroughAListedType_IsKnown()
        // System.Text.Json gives metadata for the types of a listed type's properties, element types
        // and type arguments; so does the check.
        => VerifyAsync(OutputKind.DynamicallyLinkedLibrary, Prelude + """
            [GeneratedRouter] public sealed partial class R;
            public sealed record Q(int X); public sealed record P(int Y);
            public sealed class Envelope { public Q? Request { get; set; } public System.Collections.Generic.List<P> Items { get; } = new(); }
            [JsonSerializable(typeof(Envelope))] public partial class J : JsonSerializerContext;
            public static class H { [Route("a")] public static System.Collections.Generic.List<P> A(Q request) => []; }
            """);

    [Fact]
    public async Task Rtr007_CarriesTheContextAndTypeForTheCodeFix()
    {
        const string source = Prelude + """
            [GeneratedRouter] public sealed partial class R;
            public sealed record Q(int X);
            [JsonSerializable(typeof(string))] public partial class J : JsonSerializerContext;
            public static class H { [Route("pay/a")] public static void A(Q {|#0:request|}) { } }
            """;
        await VerifyAsync(OutputKind.DynamicallyLinkedLibrary, source, new DiagnosticResult(DiagnosticDescriptors.MissingJsonType).WithLocation(0)
            .WithMessage("Request type App.Q of route 'pay/a' is not in App.J; add [JsonSerializable(typeof(App.Q))] to it"));

        // What the code fix reads; the test library does not compare properties.
        var diagnostic = Assert.Single(GeneratorHarness.Diagnose(GeneratorHarness.CreateCompilation(("App.cs", source.Replace("{|#0:", "", StringComparison.Ordinal).Replace("|}", "", StringComparison.Ordinal)))));
        Assert.Equal("App.J", diagnostic.Properties["JsonContext"]);
        Assert.Equal("global::App.Q", diagnostic.Properties["Type"]);
    }

    [Fact]
    public Task Rtr010_SameOrderInOneFile_IsNotReported()
        => VerifyAsync(OutputKind.DynamicallyLinkedLibrary, Prelude + """
            [GeneratedRouter] public sealed partial class R;
            [Middleware("pay/*", Order = 1)] public sealed class A1 : IRouteMiddleware { public ValueTask InvokeAsync(RouteContext c, RouteHandler n) => n(c); }
            [Middleware("pay/*", Order = 1)] public sealed class A2 : IRouteMiddleware { public ValueTask InvokeAsync(RouteContext c, RouteHandler n) => n(c); }
            public static class H { [Route("pay/x")] public static void A() { } }
            """);

    [Fact]
    public Task ErrorsInTheTable_StillEmitThePublicSurface_WithNoCompilerErrorsInIt()
        // Only the two RTR001: code using the router's public surface compiles, so no CS error cascades.
        => VerifyAsync(OutputKind.DynamicallyLinkedLibrary, Prelude + """
            [GeneratedRouter] public sealed partial class R;
            public static class H { [{|RTR001:Route("x")|}] public static void A() { } [{|RTR001:Route("x")|}] public static void B() { } }
            public static class Use { public static System.Collections.Generic.IReadOnlyList<RouteDescriptor> Routes => R.Routes; public static IRouteDispatcher D => new R(); }
            """);

    [Fact]
    public Task DuplicateRoute_MessageNamesRouteAndBothHandlers_AsAnError()
        => VerifyAsync(OutputKind.DynamicallyLinkedLibrary, Prelude + """
            [GeneratedRouter] public sealed partial class R;
            public static class H { [{|#0:Route("x")|}] public static void A() { } [{|#1:Route("x")|}] public static void B() { } }
            """,
            new DiagnosticResult(DiagnosticDescriptors.DuplicateRoute).WithLocation(0).WithSeverity(DiagnosticSeverity.Error)
                .WithMessage("Route 'x' is claimed by both App.H.A and App.H.B; give one of them another route"),
            new DiagnosticResult(DiagnosticDescriptors.DuplicateRoute).WithLocation(1).WithSeverity(DiagnosticSeverity.Error)
                .WithMessage("Route 'x' is claimed by both App.H.B and App.H.A; give one of them another route"));

    [Fact]
    public Task SeveralJsonContexts_WithoutChoice_IsRtr008_NamingThem()
        => VerifyAsync(OutputKind.DynamicallyLinkedLibrary, Prelude + """
            [GeneratedRouter] public sealed partial class {|#0:R|};
            public sealed record Q(int X);
            [JsonSerializable(typeof(Q))] public partial class J1 : JsonSerializerContext;
            [JsonSerializable(typeof(Q))] public partial class J2 : JsonSerializerContext;
            public static class H { [Route("a")] public static void A(Q request) { } }
            """,
            new DiagnosticResult(DiagnosticDescriptors.NoJsonContext).WithLocation(0)
                .WithMessage("Router App.R needs a JsonSerializerContext for its request and response types: several were found (App.J1, App.J2); choose one with [GeneratedRouter(JsonContext = typeof(...))]"));

    /// <summary>
    /// Asserts that the router reports exactly the diagnostics marked in <paramref name="bad"/> (each
    /// <paramref name="id"/>, at its span, in its file), and nothing at all on <paramref name="fixedSource"/>.
    /// </summary>
    private static async Task AssertFiresExactly(string id, OutputKind outputKind, string bad, string fixedSource)
    {
        Assert.Contains("{|" + id + ":", bad, StringComparison.Ordinal);
        Assert.DoesNotMatch(@"\{\|(?!" + id + ":)", bad); // every marked span is this row's ID
        await VerifyAsync(outputKind, Prelude + bad);
        await VerifyAsync(outputKind, Prelude + fixedSource);
    }

    /// <summary>Runs the analyzer and the generator on <paramref name="source"/>, split into files at <c>//// file: Name.cs</c> lines.</summary>
    private static Task VerifyAsync(OutputKind outputKind, string source, params DiagnosticResult[] expected)
    {
        var test = new RouterDiagnosticTest { TestState = { OutputKind = outputKind } };
        foreach (var file in SplitFiles(source))
        {
            test.TestState.Sources.Add(file);
        }

        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
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
}
