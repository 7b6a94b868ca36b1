using System.Globalization;
using Router.Generator.Model;
using static Router.Generator.Emitting.GeneratedNames;

namespace Router.Generator.Emitting;

/// <summary>Emits the JSON type information the handler calls bind and serialize with.</summary>
internal static class JsonTypesEmitter
{
    internal static void EmitJsonTypes(CodeWriter w, RouterModel model, MemberNames names)
    {
        for (var i = 0; i < model.JsonTypes.Count; i++)
        {
            var type = model.JsonTypes[i];
            var typeInfo = $"global::System.Text.Json.Serialization.Metadata.JsonTypeInfo<{type}>";
            var field = names.Field(names.Json(i));
            w.Line();
            w.Line($"private static {typeInfo}? {field};");
            w.Line();
            w.Line($"private static {typeInfo} {names.Json(i)} => {field} ??= {GlobalPipeline}.GetTypeInfo<{type}>({model.JsonContext}.Default);");
        }
    }
}
