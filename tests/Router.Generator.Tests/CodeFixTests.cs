using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using Router.CodeFixes;
using Router.Generator.Tests.Verifiers;

namespace Router.Generator.Tests;

/// <summary>
/// Each code fix, applied as the IDE applies it (Roslyn's code-fix test library): the diagnostic comes
/// from the analyzer or the generator run on the project, the fix's action is applied, and every
/// document must then be exactly the fixed text, reporting no router diagnostic and no compiler error.
/// </summary>
public sealed class CodeFixTests
{
    [Fact]
    public Task Rtr011_AddsPartial_ToEveryPartThatLacksIt()
        => new RouterCodeFixTest<AddPartialCodeFix>
        {
            TestCode = """
                using Router;
                namespace App;
                [GeneratedRouter]
                public sealed class {|RTR011:ShopRouter|} { }
                public static class H { [Route("a")] public static void A() { } }
                """,
            FixedCode = """
                using Router;
                namespace App;
                [GeneratedRouter]
                public sealed partial class ShopRouter { }
                public static class H { [Route("a")] public static void A() { } }
                """,
        }.RunAsync();

    [Fact]
    public Task Rtr007_AddsJsonSerializable_AfterTheLastOne_InTheContextsFile()
        => new RouterCodeFixTest<AddJsonSerializableCodeFix>
        {
            TestState =
            {
                Sources =
                {
                    ("App.cs", """
                        using Router;
                        namespace App;
                        [GeneratedRouter] public sealed partial class R;
                        public sealed record MakeOrderRequest(string Id, int Amount);
                        public sealed record Reply(int Code);
                        public static class Pay { [Route("pay/makeOrder")] public static Reply MakeOrder(MakeOrderRequest {|RTR007:request|}) => new(0); }
                        """),
                    ("ShopJson.cs", """
                        using System.Text.Json.Serialization;

                        namespace App;

                        [JsonSerializable(typeof(Reply))]
                        internal sealed partial class ShopJson : JsonSerializerContext;
                        """),
                },
            },
            FixedState =
            {
                Sources =
                {
                    ("App.cs", """
                        using Router;
                        namespace App;
                        [GeneratedRouter] public sealed partial class R;
                        public sealed record MakeOrderRequest(string Id, int Amount);
                        public sealed record Reply(int Code);
                        public static class Pay { [Route("pay/makeOrder")] public static Reply MakeOrder(MakeOrderRequest request) => new(0); }
                        """),
                    ("ShopJson.cs", """
                        using System.Text.Json.Serialization;

                        namespace App;

                        [JsonSerializable(typeof(Reply))]
                        [JsonSerializable(typeof(MakeOrderRequest))]
                        internal sealed partial class ShopJson : JsonSerializerContext;
                        """),
                },
            },
        }.RunAsync();

    [Fact]
    public Task Rtr012_AddsAFunctionRouter_InTheHandlersNamespace()
        => new RouterCodeFixTest<AddGeneratedRouterCodeFix>
        {
            TestState =
            {
                OutputKind = OutputKind.ConsoleApplication,
                Sources =
                {
                    ("Handlers.cs", """
                        using Router;
                        namespace Shop.Functions;
                        public static class Program { public static void Main() { } }
                        public static class H { [{|RTR012:Route("a")|}] public static void A() { } }
                        """),
                },
            },
            FixedState =
            {
                Sources =
                {
                    ("Handlers.cs", """
                        using Router;
                        namespace Shop.Functions;
                        public static class Program { public static void Main() { } }
                        public static class H { [Route("a")] public static void A() { } }
                        """),
                    ("FunctionRouter.cs", """
                        namespace Shop.Functions
                        {
                            /// <summary>The function's router: the generator fills in this class from every [Route] handler.</summary>
                            [Router.GeneratedRouter]
                            public sealed partial class FunctionRouter
                            {
                            }
                        }

                        """),
                },
            },
        }.RunAsync();

    [Fact]
    public Task Rtr011_ForAGenericRouter_OffersNoFix()
    {
        // Adding partial would not help: the class must also not be generic.
        const string source = """
            using Router;
            namespace App;
            [GeneratedRouter] public sealed partial class {|RTR011:R|}<T> { }
            """;
        return new RouterCodeFixTest<AddPartialCodeFix> { TestCode = source, FixedCode = source }.RunAsync();
    }
}
