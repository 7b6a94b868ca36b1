using Router.Generator.Emitting;
using Router.Generator.Model;

namespace Router.Generator.Tests;

/// <summary>The emitter alone, from hand-built models: no Roslyn, no parsing.</summary>
public sealed class EmitterTests
{
    [Fact]
    public void GlobalNamespaceRouter_WithoutJsonContext_MatchesSnapshot()
    {
        var model = new RouterModel(
            Namespace: "",
            Name: "TinyRouter",
            JsonContext: null,
            IsFallback: false,
            Routes: new[]
            {
                new RouteModel("ping", "Handlers.Ping", "global::Handlers", "Ping", -1,
                    new[] { new ParameterSpec(ParameterKind.Context, "global::Router.RouteContext") }.ToEquatableArray(),
                    ReturnKind.Void, new[] { 0 }.ToEquatableArray(), -1, -1),
            }.ToEquatableArray(),
            HandlerClasses: EquatableArray<InstanceModel>.Empty,
            Middleware: new[] { new InstanceModel("global::Log", "Log", EquatableArray<string>.Empty) }.ToEquatableArray(),
            JsonTypes: EquatableArray<string>.Empty);

        var source = RouterEmitter.Emit(model);

        SnapshotAssert.Matches(source, "TinyRouter");
        Assert.Equal("TinyRouter.Router.g.cs", RouterEmitter.HintName(model));
    }

    [Fact]
    public void Emit_IsDeterministic_AndIndependentOfCulture()
    {
        var model = new RouterModel("N", "R", null, false,
            Enumerable.Range(0, 12).Select(i => new RouteModel($"r{i}", "H.M", "global::H", "M", -1, EquatableArray<ParameterSpec>.Empty,
                ReturnKind.Void, EquatableArray<int>.Empty, -1, -1)).ToEquatableArray(),
            EquatableArray<InstanceModel>.Empty, EquatableArray<InstanceModel>.Empty, EquatableArray<string>.Empty);

        var invariant = RouterEmitter.Emit(model);
        var previous = System.Globalization.CultureInfo.CurrentCulture;
        try
        {
            // A culture whose digits are not ASCII would change route indexes if the emitter used it.
            System.Globalization.CultureInfo.CurrentCulture = new System.Globalization.CultureInfo("ar-SA");
            Assert.Equal(invariant, RouterEmitter.Emit(model));
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentCulture = previous;
        }

        Assert.Contains("return __Handle_r11(context);", invariant, StringComparison.Ordinal);
    }
}
