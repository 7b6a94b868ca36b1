using System.Collections.Immutable;
using System.Composition;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Simplification;
using Router.Generator.Diagnostics;

namespace Router.CodeFixes;

/// <summary>
/// RTR007: adds <c>[JsonSerializable(typeof(T))]</c> for the missing request or response type to the
/// router's JSON context, after its last <c>[JsonSerializable]</c>. The type is written fully qualified
/// and then simplified against the context file's usings.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(AddJsonSerializableCodeFix)), Shared]
public sealed class AddJsonSerializableCodeFix : CodeFixProvider
{
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticDescriptors.MissingJsonType.Id);

    public override FixAllProvider? GetFixAllProvider() => null; // each fix edits the context's attribute list; one at a time keeps them ordered

    public override Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        foreach (var diagnostic in context.Diagnostics)
        {
            if (diagnostic.Properties.TryGetValue(DiagnosticProperties.JsonContext, out var contextName) && contextName is not null
                && diagnostic.Properties.TryGetValue(DiagnosticProperties.Type, out var typeName) && typeName is not null)
            {
                context.RegisterCodeFix(
                    CodeAction.Create(
                        $"Add [JsonSerializable(typeof({typeName.Replace("global::", "")}))] to {contextName}",
                        cancellationToken => AddAsync(context.Document.Project, contextName, typeName, cancellationToken),
                        equivalenceKey: nameof(AddJsonSerializableCodeFix) + typeName),
                    diagnostic);
            }
        }

        return Task.CompletedTask;
    }

    private static async Task<Solution> AddAsync(Project project, string contextName, string typeName, CancellationToken cancellationToken)
    {
        var solution = project.Solution;
        var compilation = await project.GetCompilationAsync(cancellationToken).ConfigureAwait(false);
        var contextType = compilation?.GetTypeByMetadataName(contextName);
        var reference = contextType?.DeclaringSyntaxReferences.FirstOrDefault();
        if (reference is null || solution.GetDocument(reference.SyntaxTree) is not { } document
            || await reference.GetSyntaxAsync(cancellationToken).ConfigureAwait(false) is not ClassDeclarationSyntax declaration)
        {
            return solution;
        }

        var attribute = SyntaxFactory.AttributeList(SyntaxFactory.SingletonSeparatedList(
            SyntaxFactory.Attribute(
                SyntaxFactory.ParseName("global::System.Text.Json.Serialization.JsonSerializable").WithAdditionalAnnotations(Simplifier.Annotation),
                SyntaxFactory.AttributeArgumentList(SyntaxFactory.SingletonSeparatedList(
                    SyntaxFactory.AttributeArgument(SyntaxFactory.TypeOfExpression(
                        SyntaxFactory.ParseTypeName(typeName).WithAdditionalAnnotations(Simplifier.Annotation))))))));

        // After the last [JsonSerializable] list, on its own line with the same indentation.
        var lists = declaration.AttributeLists;
        var last = lists.LastOrDefault(l => l.Attributes.Any(a => a.Name.ToString().Contains("JsonSerializable")));
        SyntaxList<AttributeListSyntax> newLists;
        if (last is null)
        {
            newLists = lists.Add(attribute.WithTrailingTrivia(SyntaxFactory.ElasticCarriageReturnLineFeed));
        }
        else
        {
            var indentation = last.GetLeadingTrivia().Where(t => t.IsKind(SyntaxKind.WhitespaceTrivia));
            newLists = lists.Insert(lists.IndexOf(last) + 1, attribute.WithLeadingTrivia(indentation).WithTrailingTrivia(last.GetTrailingTrivia()));
        }

        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        var newRoot = root!.ReplaceNode(declaration, declaration.WithAttributeLists(newLists));
        var newDocument = await Simplifier.ReduceAsync(document.WithSyntaxRoot(newRoot), Simplifier.Annotation, cancellationToken: cancellationToken).ConfigureAwait(false);
        return newDocument.Project.Solution;
    }
}
