using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;
using Router.CodeFixes;

namespace Router.Generator.Tests;

/// <summary>
/// Each code fix, applied through an <see cref="AdhocWorkspace"/> as the IDE applies it: the diagnostic
/// comes from the generator and analyzer run on the workspace's compilation, the fix's action is
/// applied, and the new text must be exactly the expected one and report no router diagnostic.
/// </summary>
public sealed class CodeFixTests
{
    [Fact]
    public async Task Rtr011_AddsPartial_ToEveryPartThatLacksIt()
    {
        var fixedDocuments = await FixAsync(new AddPartialCodeFix(), "RTR011", OutputKind.DynamicallyLinkedLibrary, ("App.cs", """
            using Router;
            namespace App;
            [GeneratedRouter]
            public sealed class ShopRouter { }
            public static class H { [Route("a")] public static void A() { } }
            """));

        Assert.Equal("""
            using Router;
            namespace App;
            [GeneratedRouter]
            public sealed partial class ShopRouter { }
            public static class H { [Route("a")] public static void A() { } }
            """, fixedDocuments["App.cs"]);
    }

    [Fact]
    public async Task Rtr007_AddsJsonSerializable_AfterTheLastOne_InTheContextsFile()
    {
        var fixedDocuments = await FixAsync(new AddJsonSerializableCodeFix(), "RTR007", OutputKind.DynamicallyLinkedLibrary,
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
                internal sealed partial class ShopJson : JsonSerializerContext;
                """));

        Assert.Equal("""
            using System.Text.Json.Serialization;

            namespace App;

            [JsonSerializable(typeof(Reply))]
            [JsonSerializable(typeof(MakeOrderRequest))]
            internal sealed partial class ShopJson : JsonSerializerContext;
            """, fixedDocuments["ShopJson.cs"]);
    }

    [Fact]
    public async Task Rtr012_AddsAFunctionRouter_InTheHandlersNamespace()
    {
        var fixedDocuments = await FixAsync(new AddGeneratedRouterCodeFix(), "RTR012", OutputKind.ConsoleApplication, ("Handlers.cs", """
            using Router;
            namespace Shop.Functions;
            public static class H { [Route("a")] public static void A() { } }
            """));

        Assert.Equal("""
            namespace Shop.Functions
            {
                /// <summary>The function's router: the generator fills in this class from every [Route] handler.</summary>
                [Router.GeneratedRouter]
                public sealed partial class FunctionRouter
                {
                }
            }

            """, fixedDocuments["FunctionRouter.cs"].ReplaceLineEndings("\n"));
    }

    [Fact]
    public async Task Rtr011_ForAGenericRouter_OffersNoFix()
    {
        // Adding partial would not help: the class must also not be generic.
        var actions = await ActionsAsync(new AddPartialCodeFix(), "RTR011", OutputKind.DynamicallyLinkedLibrary, ("App.cs", """
            using Router;
            namespace App;
            [GeneratedRouter] public sealed partial class R<T> { }
            """));

        Assert.Empty(actions.Actions);
    }

    /// <summary>Applies the only fix offered for the only <paramref name="id"/> diagnostic; returns every document's new text, after checking the fixed project reports no router diagnostic.</summary>
    private static async Task<Dictionary<string, string>> FixAsync(CodeFixProvider provider, string id, OutputKind outputKind, params (string Name, string Text)[] documents)
    {
        var (workspace, actions) = await ActionsAsync(provider, id, outputKind, documents);
        using (workspace)
        {
            var action = Assert.Single(actions);
            var operation = Assert.Single((await action.GetOperationsAsync(CancellationToken.None)).OfType<ApplyChangesOperation>());
            var project = operation.ChangedSolution.Projects.Single();

            var compilation = (CSharpCompilation)(await project.GetCompilationAsync())!;
            Assert.Empty(GeneratorHarness.Diagnose(compilation));

            var texts = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var document in project.Documents)
            {
                texts[document.Name] = (await document.GetTextAsync()).ToString();
            }

            return texts;
        }
    }

    private static async Task<(AdhocWorkspace Workspace, List<CodeAction> Actions)> ActionsAsync(CodeFixProvider provider, string id, OutputKind outputKind, params (string Name, string Text)[] documents)
    {
        var workspace = new AdhocWorkspace();
        var projectId = ProjectId.CreateNewId();
        var solution = workspace.CurrentSolution.AddProject(ProjectInfo.Create(
            projectId, VersionStamp.Default, "TestFunction", "TestFunction", LanguageNames.CSharp,
            compilationOptions: GeneratorHarness.CreateCompilation(outputKind).Options,
            parseOptions: GeneratorHarness.ParseOptions,
            metadataReferences: GeneratorHarness.References));
        foreach (var (name, text) in documents)
        {
            solution = solution.AddDocument(DocumentId.CreateNewId(projectId), name, SourceText.From(text), filePath: name);
        }

        Assert.True(workspace.TryApplyChanges(solution));
        var project = workspace.CurrentSolution.GetProject(projectId)!;
        var compilation = (CSharpCompilation)(await project.GetCompilationAsync())!;
        var diagnostic = Assert.Single(GeneratorHarness.Diagnose(compilation), d => d.Id == id);
        Assert.Contains(id, provider.FixableDiagnosticIds);

        var document = project.GetDocument(diagnostic.Location.SourceTree)!;
        var actions = new List<CodeAction>();
        await provider.RegisterCodeFixesAsync(new CodeFixContext(document, diagnostic, (action, _) => actions.Add(action), CancellationToken.None));
        return (workspace, actions);
    }
}
