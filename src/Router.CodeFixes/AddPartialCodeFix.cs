using System.Collections.Immutable;
using System.Composition;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Router.Generator.Diagnostics;

namespace Router.CodeFixes;

/// <summary>RTR011: adds <c>partial</c> to every declaration of the <c>[GeneratedRouter]</c> class that lacks it.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(AddPartialCodeFix)), Shared]
public sealed class AddPartialCodeFix : CodeFixProvider
{
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticDescriptors.InvalidRouterClass.Id);

    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        foreach (var diagnostic in context.Diagnostics)
        {
            if (!diagnostic.Properties.ContainsKey(DiagnosticProperties.AddPartial)
                || root?.FindToken(diagnostic.Location.SourceSpan.Start).Parent?.FirstAncestorOrSelf<ClassDeclarationSyntax>() is not { } declaration)
            {
                continue;
            }

            context.RegisterCodeFix(
                CodeAction.Create(
                    "Make the router class partial",
                    cancellationToken => AddPartialAsync(context.Document.Project.Solution, context.Document, declaration, cancellationToken),
                    equivalenceKey: nameof(AddPartialCodeFix)),
                diagnostic);
        }
    }

    private static async Task<Solution> AddPartialAsync(Solution solution, Document document, ClassDeclarationSyntax declaration, CancellationToken cancellationToken)
    {
        var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        if (model?.GetDeclaredSymbol(declaration, cancellationToken) is not { } type)
        {
            return solution;
        }

        // Every part must say partial, wherever it is declared.
        foreach (var group in type.DeclaringSyntaxReferences.GroupBy(r => r.SyntaxTree))
        {
            var partDocument = solution.GetDocument(group.Key);
            if (partDocument is null || await group.Key.GetRootAsync(cancellationToken).ConfigureAwait(false) is not { } root)
            {
                continue;
            }

            var parts = group.Select(r => r.GetSyntax(cancellationToken)).OfType<ClassDeclarationSyntax>().Where(c => !c.Modifiers.Any(SyntaxKind.PartialKeyword));
            var newRoot = root.ReplaceNodes(parts, static (_, part) => part.AddModifiers(SyntaxFactory.Token(SyntaxKind.PartialKeyword).WithTrailingTrivia(SyntaxFactory.Space)));
            solution = solution.WithDocumentSyntaxRoot(partDocument.Id, newRoot);
        }

        return solution;
    }
}
