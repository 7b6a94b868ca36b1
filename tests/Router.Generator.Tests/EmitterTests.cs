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
}
