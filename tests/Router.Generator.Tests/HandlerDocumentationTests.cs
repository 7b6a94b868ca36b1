using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Router.Generator.Tests;

/// <summary>
/// A handler's doc comment reaches the route table (<c>Summary</c>, <c>Description</c>), which the
/// <c>openapi</c> command writes: as plain text, whether or not the project generates a documentation file.
/// </summary>
public sealed class HandlerDocumentationTests
{
    private const string Source = """
        using Router;

        namespace Shop;

        public sealed class Order { }

        public static class PayHandlers
        {
            /// <summary>
            ///   Makes an <see cref="Order"/> for <paramref name="context"/>'s caller,
            ///   as <see langword="null"/> never is.
            /// </summary>
            /// <remarks>
            /// <para>Priced from the catalog.</para>
            /// <para>Paid with <c>pay/pay</c>.</para>
            /// </remarks>
            [Route("pay/makeOrder")]
            public static void MakeOrder(RouteContext context) { }

            // Not a doc comment.
            [Route("pay/none")]
            public static void None(RouteContext context) { }
        }

        [GeneratedRouter]
        public partial class ShopRouter { }
        """;

    [Theory]
    [InlineData(DocumentationMode.Parse)]
    [InlineData(DocumentationMode.None)]
    public void TheSummaryAndRemarks_ReachTheRouteTable_AsPlainText(DocumentationMode mode)
    {
        var compilation = CSharpCompilation.Create(
            "TestFunction",
            [CSharpSyntaxTree.ParseText(Source, GeneratorHarness.ParseOptions.WithDocumentationMode(mode), "Shop.cs")],
            GeneratorHarness.References,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));

        var generated = GeneratorHarness.GeneratedText(GeneratorHarness.Run(compilation).Result);

        Assert.Contains("""Summary = "Makes an Order for context's caller, as null never is.", Description = "Priced from the catalog.\n\nPaid with pay/pay." }""", generated, StringComparison.Ordinal);
        var none = Assert.Single(generated.Split('\n'), line => line.Contains("\"pay/none\"", StringComparison.Ordinal) && line.Contains("RouteDescriptor", StringComparison.Ordinal));
        Assert.DoesNotContain("Summary", none, StringComparison.Ordinal);
    }
}
