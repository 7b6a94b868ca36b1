using System.Buffers;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Schema;
using System.Text.Json.Serialization.Metadata;

namespace Router.Runtime.Describing;

/// <summary>
/// Writes an OpenAPI 3.1 document (JSON) of a router's routes, for the <c>openapi</c> command: one path
/// <c>/{route}</c> per route, its methods, its request type as the JSON body (and, for <c>GET</c>, as query
/// parameters), its return type as the <c>200</c> answer, and the runtime's error answers.
/// </summary>
/// <remarks>
/// <para>
/// Schemas come from the router's JSON context through <see cref="JsonSchemaExporter"/>: the same metadata
/// that binds requests and writes answers, so the naming policy, number handling (<c>"3"</c> read as 3),
/// nullability and required members are described as the function applies them, without reflection.
/// Each request and answer type is one entry of <c>components/schemas</c>, named after the type.
/// </para>
/// <para>
/// A route taking every method is described by <c>post</c> (the body) and <c>get</c> (the query), the two
/// ways a client sends its request, and marked <c>x-router-any-method</c>. The direct invocation (the
/// request's members plus <c>"$url": "&lt;route&gt;"</c>, answered with the body or an error object) is
/// described by the document's <c>x-router-direct-invocation</c> and each operation's <c>x-router-route</c>.
/// </para>
/// </remarks>
internal static class OpenApiDocument
{
    /// <summary>The error answers every operation can give, as the HTTP hosts send them (docs/hosting.md, "The answer").</summary>
    private static readonly (string Status, string Description, string[] Types)[] ErrorAnswers =
    [
        ("400", "The request is not usable: not JSON or form fields, a member of the wrong type, a member its validation refuses (\"errors\" names each by JSON path), or no route named.", [ErrorTypes.InvalidEvent, ErrorTypes.InvalidRequest, ErrorTypes.MissingRoute]),
        ("404", "No route has this name.", [ErrorTypes.RouteNotFound]),
        ("405", "The route does not take this method; the Allow header lists those it takes.", [ErrorTypes.MethodNotAllowed]),
        ("409", "A request with this Idempotency-Key still runs; retry later for its answer.", [ErrorTypes.IdempotencyInProgress]),
        ("422", "This Idempotency-Key was used with another request.", [ErrorTypes.IdempotencyKeyReused]),
        ("413", "The body is larger than the function accepts.", [ErrorTypes.InvalidEvent]),
        ("500", "The handler failed.", [ErrorTypes.HandlerError]),
    ];

    // Only what JSON requires is escaped, so the document reads as written ("$url", not "\u0022$url\u0022").
    private static readonly JsonWriterOptions WriterOptions = new() { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The document of <paramref name="router"/>'s routes, as UTF-8 JSON.</summary>
    /// <param name="router">The router: its route table and its JSON context's options.</param>
    /// <param name="title">The API's title (<c>info.title</c>).</param>
    /// <param name="version">The API's version (<c>info.version</c>).</param>
    /// <param name="server">The function's HTTP address (<c>servers[0].url</c>); <c>/</c>, relative to wherever the document is served, when it is not known.</param>
    /// <exception cref="InvalidOperationException">A route has a request or answer type the router's JSON context has no metadata for.</exception>
    public static byte[] Write(IRouteDispatcher router, string title, string version, string server = "/")
    {
        var schemas = new SchemaSet(router.JsonOptions, router.SchemaConstraints);
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteString("openapi", "3.1.0");
            writer.WriteStartObject("info");
            writer.WriteString("title", title);
            writer.WriteString("version", version);
            writer.WriteEndObject();
            WriteServers(writer, server);
            // Routes carry no HTTP-level scheme (a session, where a route wants one, is a request member its
            // middleware checks), which the document says rather than leaves out.
            writer.WriteStartArray("security");
            writer.WriteEndArray();
            WriteDirectInvocation(writer);
            writer.WriteStartObject("paths");
            var operationIds = new OperationIds();
            foreach (var route in router.Routes)
            {
                OpenApiOperation.WritePath(writer, route, schemas, operationIds);
            }

            writer.WriteEndObject();
            writer.WriteStartObject("components");
            schemas.WriteComponents(writer);
            WriteErrorAnswers(writer);
            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>The references of the error answers an operation lists.</summary>
    internal static IEnumerable<string> ErrorStatuses => ErrorAnswers.Select(answer => answer.Status);

    private static void WriteServers(Utf8JsonWriter writer, string server)
    {
        writer.WriteStartArray("servers");
        writer.WriteStartObject();
        writer.WriteString("url", server);
        writer.WriteString("description", "The function's HTTP address: its API gateway, function URL or HTTP trigger (a configured base path included); serve answers on http://127.0.0.1:9000.");
        writer.WriteEndObject();
        writer.WriteEndArray();
    }

    private static void WriteDirectInvocation(Utf8JsonWriter writer)
    {
        writer.WriteStartObject("x-router-direct-invocation");
        writer.WriteString("routeMember", "$url");
        writer.WriteString("description",
            "The function also takes a direct invocation (AWS Lambda Invoke, SCF and FC invoke, CloudBase callFunction): "
            + "an event of the operation's request members plus \"$url\" naming its route (the operation's x-router-route), "
            + "answered with the 200 answer's body; an error is {\"errorType\", \"errorMessage\"} through the platform's error channel.");
        writer.WriteEndObject();
    }

    /// <summary>The error answers only an idempotent route gives (409, 422).</summary>
    internal static bool IsIdempotencyStatus(string status) => status is "409" or "422";

    private static void WriteErrorAnswers(Utf8JsonWriter writer)
    {
        writer.WriteStartObject("responses");
        foreach (var (status, description, types) in ErrorAnswers)
        {
            writer.WriteStartObject(ErrorResponseName(status));
            writer.WriteString("description", description);
            writer.WriteStartObject("content");
            writer.WriteStartObject("application/json");
            writer.WriteStartObject("schema");
            writer.WriteString("$ref", "#/components/schemas/" + SchemaSet.ErrorSchemaName);
            writer.WriteEndObject();
            writer.WriteStartObject("examples");
            foreach (var type in types)
            {
                writer.WriteStartObject(type);
                writer.WriteStartObject("value");
                writer.WriteString("errorType", type);
                writer.WriteString("errorMessage", "...");
                writer.WriteEndObject();
                writer.WriteEndObject();
            }

            writer.WriteEndObject();
            writer.WriteEndObject();
            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        writer.WriteEndObject();
    }

    /// <summary>The name of an error answer in <c>components/responses</c> (<c>Error400</c>).</summary>
    internal static string ErrorResponseName(string status) => "Error" + status;

    /// <summary>The schema of <paramref name="typeInfo"/> as the exporter writes it, references made relative to the document.</summary>
    internal static JsonNode SchemaOf(JsonTypeInfo typeInfo, string componentPointer, SchemaConstraints? constraints = null)
    {
        var schema = typeInfo.GetJsonSchemaAsNode(new JsonSchemaExporterOptions
        {
            // A recursive type refers to itself with a pointer into its own schema ("#/properties/next"),
            // which in the document lives under components/schemas/<name>.
            TransformSchemaNode = (context, node) =>
            {
                if (node is JsonObject obj && obj["$ref"] is JsonValue reference && reference.TryGetValue<string>(out var pointer) && pointer.StartsWith('#'))
                {
                    obj["$ref"] = componentPointer + pointer[1..];
                }
                else if (node is JsonObject described && constraints is not null)
                {
                    // The validation attributes' constraints (minLength, maximum, pattern, required), which the
                    // generator read from the source: the member's own, and its type's required members.
                    constraints.Apply(described, context.PropertyInfo, context.TypeInfo.Type);
                }

                return node;
            },
        });
        // The root is never null: a request body must be an object, and an answer without a body has no schema.
        if (schema is JsonObject root && root["type"] is JsonArray kinds && kinds.Count == 2 && kinds.Any(k => k?.GetValue<string>() == "null"))
        {
            root["type"] = kinds.First(k => k?.GetValue<string>() != "null")!.GetValue<string>();
        }

        return schema;
    }
}
