using System.Collections;
using System.Reflection;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Router.Generator.Tests;

/// <summary>
/// No cached step holds what pins a compilation: walking every field of every output of every tracked
/// step finds no <see cref="ISymbol"/>, <see cref="SyntaxNode"/>, <see cref="SyntaxTree"/>,
/// <see cref="Compilation"/>, <see cref="SemanticModel"/> or <see cref="Location"/>. Such an object would
/// keep a whole compilation alive in the IDE, and compare by reference, so the step would never be cached.
/// </summary>
public sealed class ModelGraphTests
{
    private static readonly Type[] s_forbidden =
    [
        typeof(ISymbol), typeof(SyntaxNode), typeof(SyntaxTree), typeof(Compilation), typeof(SemanticModel),
        typeof(Location), typeof(SyntaxToken), typeof(SyntaxTrivia), typeof(SyntaxReference),
    ];

    private static readonly string[] s_trackedSteps =
    [
        TrackingNames.Routers, TrackingNames.Handlers, TrackingNames.Middleware, TrackingNames.JsonContexts,
        TrackingNames.ReferencedHandlers, TrackingNames.RouteTable, TrackingNames.RouterModel, TrackingNames.EmittedSource, TrackingNames.Diagnostics,
    ];

    public static TheoryData<string> Functions => ["shop", "table with diagnostics", "handlers from a referenced library"];

    [Theory]
    [MemberData(nameof(Functions))]
    public void NoTrackedStepOutput_ReachesASymbolSyntaxCompilationOrLocation(string function)
    {
        var compilation = Compilation(function);
        var driver = GeneratorHarness.CreateDriver().RunGenerators(compilation);
        // The second run, after an edit, is what the IDE keeps between keystrokes.
        var tree = compilation.SyntaxTrees.First();
        var edited = compilation.ReplaceSyntaxTree(tree, tree.WithChangedText(Microsoft.CodeAnalysis.Text.SourceText.From("// edited\n" + tree.GetText())));

        foreach (var result in new[] { driver.GetRunResult().Results.Single(), driver.RunGenerators(edited).GetRunResult().Results.Single() })
        {
            // A step with no input (no middleware, no JSON context) is not tracked; the table's steps always are,
            // and the diagnostics' step where the table has diagnostics (Roslyn finds steps through the outputs').
            string[] always = function == "table with diagnostics"
                ? [TrackingNames.Routers, TrackingNames.Handlers, TrackingNames.RouteTable, TrackingNames.Diagnostics]
                : [TrackingNames.Routers, TrackingNames.Handlers, TrackingNames.RouteTable];
            Assert.All(always, step => Assert.True(result.TrackedSteps.ContainsKey(step), step));
            foreach (var step in s_trackedSteps.Where(result.TrackedSteps.ContainsKey))
            {
                foreach (var output in result.TrackedSteps[step].SelectMany(s => s.Outputs))
                {
                    var found = FindForbidden(output.Value, $"{step}.Outputs");
                    Assert.True(found is null, $"{function}: {found}");
                }
            }
        }
    }

    [Fact]
    public void TheWalk_FindsALocationInsideAnEquatableArrayOfRecords()
    {
        // Guards the test above: a model that held a Location would be caught, however deep.
        var location = Microsoft.CodeAnalysis.Location.Create("a.cs", default, default);
        var model = Router.Generator.Model.EquatableArrayExtensions.ToEquatableArray(new[] { new Holder("x", location) });

        Assert.Contains("Location", FindForbidden(model, "model"), StringComparison.Ordinal);
    }

    private static CSharpCompilation Compilation(string function) => function switch
    {
        "shop" => GeneratorHarness.CreateCompilation(("Shop.cs", GeneratorHarness.ReadInput("Shop.cs"))),
        "table with diagnostics" => GeneratorHarness.CreateCompilation(("Bad.cs", """
            using System.Threading.Tasks;
            using Router;
            namespace Bad;
            [GeneratedRouter] public sealed partial class BadRouter;
            public sealed record Q(int X);
            [Middleware("shop/*")] public sealed class G : IRouteMiddleware { public ValueTask InvokeAsync(RouteContext c, RouteHandler n) => n(c); }
            public static class Handlers
            {
                [Route("a")] public static void A() { }
                [Route("a")] public static void B(Q request) { }
                [Route("pay/x")] public static void C() { }
                [Route("pay/X")] public static void D() { }
            }
            """)),
        _ => GeneratorHarness.CreateCompilation(("App.cs", """
            using Router;
            namespace App;
            [GeneratedRouter] public sealed partial class R;
            public static class H { [Route("own")] public static void Own() { } }
            """)).AddReferences(ReferencedLibrary()),
    };

    private static MetadataReference ReferencedLibrary()
    {
        var library = CSharpCompilation.Create(
            "Lib",
            [CSharpSyntaxTree.ParseText("namespace Lib; public static class LibHandlers { [Router.Route(\"lib/greet\")] public static void Greet() { } }", GeneratorHarness.ParseOptions)],
            GeneratorHarness.References,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        using var image = new MemoryStream();
        Assert.True(library.Emit(image).Success);
        return MetadataReference.CreateFromImage(image.ToArray());
    }

    /// <summary>The path to the first forbidden object reachable from <paramref name="root"/>, or null.</summary>
    private static string? FindForbidden(object? root, string path)
    {
        var visited = new HashSet<object>(ReferenceEqualityComparer.Instance);
        var pending = new Stack<(object Value, string Path)>();
        if (root is not null)
        {
            pending.Push((root, path));
        }

        while (pending.TryPop(out var current))
        {
            var type = current.Value.GetType();
            if (s_forbidden.FirstOrDefault(f => f.IsAssignableFrom(type)) is { } forbidden)
            {
                return $"{current.Path} is a {type} ({forbidden.Name})";
            }

            if (!type.IsValueType && !visited.Add(current.Value))
            {
                continue;
            }

            if (current.Value is IEnumerable items and not string)
            {
                var i = 0;
                foreach (var item in items)
                {
                    if (item is not null)
                    {
                        pending.Push((item, $"{current.Path}[{i}]"));
                    }

                    i++;
                }
            }

            if (!Descends(type))
            {
                continue;
            }

            for (var t = type; t is not null && t != typeof(object); t = t.BaseType)
            {
                foreach (var field in t.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
                {
                    if (field.FieldType.IsPointer || field.FieldType.IsByRefLike)
                    {
                        continue;
                    }

                    if (field.GetValue(current.Value) is { } value)
                    {
                        pending.Push((value, $"{current.Path}.{field.Name}"));
                    }
                }
            }
        }

        return null;
    }

    /// <summary>
    /// Whose fields are walked: the generator's models, Roslyn's own data types (a forbidden one is caught
    /// before this), tuples and collections. Not strings, reflection objects or resource managers (what a
    /// <see cref="DiagnosticDescriptor"/>'s localizable text holds), which cannot lead back to a compilation.
    /// </summary>
    private static bool Descends(Type type)
        => !type.IsPrimitive && !type.IsEnum && type != typeof(string)
            && !typeof(MemberInfo).IsAssignableFrom(type) && !typeof(Delegate).IsAssignableFrom(type)
            && (type.Namespace?.StartsWith("Router.", StringComparison.Ordinal) == true
                || type.Namespace?.StartsWith("Microsoft.CodeAnalysis", StringComparison.Ordinal) == true
                || type.Namespace?.StartsWith("System.Collections", StringComparison.Ordinal) == true
                || type.IsArray
                || typeof(ITuple).IsAssignableFrom(type)
                || (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(Nullable<>)));

    /// <summary>A record that holds what a model must not, for the walk to find.</summary>
    private sealed record Holder(string Name, object Value);
}
