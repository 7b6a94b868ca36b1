using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;

namespace Router.Runtime.Describing;

/// <summary>
/// The validation attributes' JSON Schema keywords (<see cref="IRouteDispatcher.SchemaConstraints"/>, read by the
/// generator from the source), put into the schemas the JSON context exports: each member's keywords on its
/// property's schema, and its type's <c>[Required]</c> members into the object's <c>required</c>.
/// </summary>
internal sealed class SchemaConstraints
{
    private readonly Dictionary<(Type, string), JsonObject> _keywords = [];
    private readonly Dictionary<Type, List<string>> _required = [];

    public SchemaConstraints(IReadOnlyList<SchemaConstraint> constraints, JsonNamingPolicy? namingPolicy)
    {
        foreach (var constraint in constraints)
        {
            var name = constraint.JsonName ?? namingPolicy?.ConvertName(constraint.Member) ?? constraint.Member;
            if (JsonNode.Parse(constraint.Keywords) is JsonObject keywords && keywords.Count > 0)
            {
                _keywords[(constraint.DeclaringType, name)] = keywords;
            }

            if (constraint.IsRequired)
            {
                if (!_required.TryGetValue(constraint.DeclaringType, out var names))
                {
                    _required.Add(constraint.DeclaringType, names = []);
                }

                names.Add(name);
            }
        }
    }

    /// <summary>Adds what is known of <paramref name="property"/> and of <paramref name="type"/> to <paramref name="node"/>, the schema of both.</summary>
    public void Apply(JsonObject node, JsonPropertyInfo? property, Type type)
    {
        if (property?.DeclaringType is { } declaring && _keywords.TryGetValue((declaring, property.Name), out var keywords))
        {
            foreach (var (keyword, value) in keywords)
            {
                node[keyword] = value?.DeepClone();
            }
        }

        if (_required.TryGetValue(type, out var required) && node["properties"] is JsonObject)
        {
            if (node["required"] is not JsonArray list)
            {
                node["required"] = list = [];
            }

            foreach (var name in required)
            {
                if (!list.Any(n => n?.GetValue<string>() == name))
                {
                    list.Add((JsonNode?)JsonValue.Create(name));
                }
            }
        }
    }
}
