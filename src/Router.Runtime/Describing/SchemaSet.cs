using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Router.Runtime.Describing;

/// <summary>
/// The document's <c>components/schemas</c>: one schema per request or answer type, exported once from the
/// router's JSON context and named after the type (<c>MakeOrderRequest</c>; a second type of the same
/// name gets <c>2</c> appended), and the runtime's error object.
/// </summary>
internal sealed class SchemaSet(JsonSerializerOptions? options, IReadOnlyList<SchemaConstraint>? constraints = null)
{
    private readonly SchemaConstraints _constraints = new(constraints ?? [], options?.PropertyNamingPolicy);

    /// <summary>The name of the runtime's error object (<c>{"errorType", "errorMessage"}</c>).</summary>
    public const string ErrorSchemaName = "RouterError";

    private const string Pointer = "#/components/schemas/";

    private readonly Dictionary<Type, string> _names = [];
    private readonly Dictionary<string, JsonNode> _schemas = new(StringComparer.Ordinal);

    /// <summary>A <c>$ref</c> to the schema of <paramref name="type"/>, exported on first use.</summary>
    /// <param name="type">The type, from the route table.</param>
    /// <param name="typeName">Its name as the route table writes it (<c>ShopFunction.MakeOrderRequest</c>).</param>
    /// <exception cref="InvalidOperationException">The router has no JSON context, or it has no metadata for <paramref name="type"/>.</exception>
    public string Reference(Type type, string typeName)
    {
        if (!_names.TryGetValue(type, out var name))
        {
            var typeInfo = options?.TryGetTypeInfo(type, out var found) == true ? found
                : throw new InvalidOperationException($"The router's JSON context has no metadata for {typeName}; add [JsonSerializable(typeof({typeName}))] to it.");
            name = ComponentName(typeName);
            for (var n = 2; _schemas.ContainsKey(name); n++)
            {
                name = ComponentName(typeName) + n.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }

            _names.Add(type, name);
            _schemas.Add(name, OpenApiDocument.SchemaOf(typeInfo, Pointer + name, _constraints));
        }

        return Pointer + name;
    }

    /// <summary>The exported schema of a type <see cref="Reference"/> has named.</summary>
    public JsonNode Schema(Type type) => _schemas[_names[type]];

    public void WriteComponents(Utf8JsonWriter writer)
    {
        writer.WriteStartObject("schemas");
        foreach (var (name, schema) in _schemas.OrderBy(pair => pair.Key, StringComparer.Ordinal))
        {
            writer.WritePropertyName(name);
            schema.WriteTo(writer);
        }

        writer.WriteStartObject(ErrorSchemaName);
        writer.WriteString("type", "object");
        writer.WriteString("description", "An error the runtime answers with: its type (one of Router.Runtime.ErrorTypes) and a message that names the cause.");
        writer.WriteStartArray("required");
        writer.WriteStringValue("errorType");
        writer.WriteStringValue("errorMessage");
        writer.WriteEndArray();
        writer.WriteStartObject("properties");
        writer.WriteStartObject("errorType");
        writer.WriteString("type", "string");
        writer.WriteStartArray("examples");
        foreach (var type in new[] { ErrorTypes.InvalidEvent, ErrorTypes.InvalidRequest, ErrorTypes.MissingRoute, ErrorTypes.RouteNotFound, ErrorTypes.MethodNotAllowed, ErrorTypes.IdempotencyKeyReused, ErrorTypes.IdempotencyInProgress, ErrorTypes.HandlerError })
        {
            writer.WriteStringValue(type);
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
        writer.WriteStartObject("errorMessage");
        writer.WriteString("type", "string");
        writer.WriteEndObject();
        writer.WriteStartObject("errors");
        writer.WriteString("type", "object");
        writer.WriteString("description", "For a request that failed validation (InvalidRequest): the messages of each failing member, by JSON path ($.lines[0].sku).");
        writer.WriteStartObject("additionalProperties");
        writer.WriteString("type", "array");
        writer.WriteStartObject("items");
        writer.WriteString("type", "string");
        writer.WriteEndObject();
        writer.WriteEndObject();
        writer.WriteEndObject();
        writer.WriteEndObject();
        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    /// <summary>
    /// A component name from a type name: namespaces dropped, generic arguments spelled out
    /// (<c>List&lt;Shop.Order&gt;</c>: <c>ListOfOrder</c>), only the characters OpenAPI allows in one.
    /// </summary>
    internal static string ComponentName(string typeName)
    {
        var name = new StringBuilder();
        var identifier = new StringBuilder();
        foreach (var c in typeName)
        {
            if (char.IsLetterOrDigit(c) || c == '_')
            {
                identifier.Append(c);
                continue;
            }

            if (c == '.')
            {
                identifier.Clear();
                continue;
            }

            name.Append(identifier);
            identifier.Clear();
            name.Append(c switch
            {
                '<' => "Of",
                ',' => "And",
                '[' => "Array",
                _ => "",
            });
        }

        name.Append(identifier);
        return name.Length == 0 ? "Schema" : name.ToString();
    }
}
