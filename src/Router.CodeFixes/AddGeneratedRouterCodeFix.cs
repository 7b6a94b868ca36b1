using System.Collections.Immutable;
using System.Composition;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Text;
using Router.Generator.Diagnostics;

namespace Router.CodeFixes;

/// <summary>
/// RTR012: adds <c>FunctionRouter.cs</c> with a <c>[GeneratedRouter]</c> class, in the namespace of the
/// handler the diagnostic points at. Run it with <c>FunctionHost.RunAsync(new FunctionRouter(), args)</c>.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(AddGeneratedRouterCodeFix)), Shared]
public sealed class AddGeneratedRouterCodeFix : CodeFixProvider
{
    /// <summary>The name of the class and of the file the fix adds.</summary>
    public const string RouterName = "FunctionRouter";

    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticDescriptors.NoRouter.Id);

    public override FixAllProvider? GetFixAllProvider() => null; // there is one router per project

    public override Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        foreach (var diagnostic in context.Diagnostics)
        {
            diagnostic.Properties.TryGetValue(DiagnosticProperties.Namespace, out var ns);
            context.RegisterCodeFix(
                CodeAction.Create(
                    $"Add a [GeneratedRouter] class '{RouterName}'",
                    cancellationToken => Task.FromResult(AddRouter(context.Document, ns ?? string.Empty)),
                    equivalenceKey: nameof(AddGeneratedRouterCodeFix)),
                diagnostic);
        }

        return Task.CompletedTask;
    }

    private static Solution AddRouter(Document near, string ns)
    {
        var body = $$"""
            /// <summary>The function's router: the generator fills in this class from every [Route] handler.</summary>
            [Router.GeneratedRouter]
            public sealed partial class {{RouterName}}
            {
            }
            """;
        var text = ns.Length == 0
            ? body + "\n"
            : $"namespace {ns}\n{{\n{Indent(body)}\n}}\n";
        var folder = near.Folders;
        return near.Project.AddDocument(RouterName + ".cs", SourceText.From(text), folder).Project.Solution;
    }

    private static string Indent(string text) => string.Join("\n", text.Split('\n').Select(line => line.Length == 0 ? line : "    " + line));
}
