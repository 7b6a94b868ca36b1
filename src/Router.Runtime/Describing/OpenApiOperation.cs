using System.Text.Json;
using System.Text.Json.Nodes;

namespace Router.Runtime.Describing;

/// <summary>
/// One route's path item (<c>/pay/makeOrder</c>): an operation per method it takes, with its request, its
/// answer and the error answers it can give (<see cref="OpenApiDocument"/>).
/// </summary>
internal static class OpenApiOperation
{
    /// <summary>What a request is sent as: the media types the HTTP hosts bind a body from.</summary>
    private static readonly string[] BodyMediaTypes = ["application/json", "application/x-www-form-urlencoded"];

    public static void WritePath(Utf8JsonWriter writer, RouteDescriptor route, SchemaSet schemas, OperationIds operationIds)
    {
        writer.WriteStartObject("/" + route.Path);
        var anyMethod = route.Methods.Count == 0;
        IReadOnlyList<string> methods = anyMethod ? ["POST", "GET"] : route.Methods;
        for (var i = 0; i < methods.Count; i++)
        {
            // The first method's operation is named after the handler; the others add their method (OrdersPost).
            var suffix = i == 0 ? "" : methods[i][..1] + methods[i][1..].ToLowerInvariant();
            WriteOperation(writer, route, methods[i], anyMethod, operationIds.Next(route.Handler, suffix), schemas);
        }

        writer.WriteEndObject();
    }

    private static void WriteOperation(Utf8JsonWriter writer, RouteDescriptor route, string method, bool anyMethod, string operationId, SchemaSet schemas)
    {
        writer.WriteStartObject(method.ToLowerInvariant());
        writer.WriteString("operationId", operationId);
        // A handler without a doc comment is summed up by its route.
        writer.WriteString("summary", route.Summary ?? route.Path);

        if (route.Description is { } description)
        {
            writer.WriteString("description", description);
        }

        writer.WriteStartArray("tags");
        writer.WriteStringValue(Tag(route.Path));
        writer.WriteEndArray();
        writer.WriteString("x-router-route", route.Path);
        if (anyMethod)
        {
            writer.WriteBoolean("x-router-any-method", true);
        }

        var hasBody = method is not ("GET" or "HEAD" or "DELETE" or "OPTIONS");
        JsonNode? querySchema = null;
        if (route.RequestClrType is { } requestType && route.RequestType is { } requestName)
        {
            var reference = schemas.Reference(requestType, requestName);
            if (hasBody)
            {
                WriteRequestBody(writer, reference);
            }
            else
            {
                querySchema = schemas.Schema(requestType);
            }
        }

        if (querySchema is not null || route.IsIdempotent)
        {
            writer.WriteStartArray("parameters");
            if (route.IsIdempotent)
            {
                WriteIdempotencyKey(writer);
            }

            if (querySchema is not null)
            {
                WriteQueryParameters(writer, querySchema);
            }

            writer.WriteEndArray();
        }

        writer.WriteStartObject("responses");
        WriteSuccess(writer, route, schemas);
        foreach (var status in OpenApiDocument.ErrorStatuses)
        {
            if ((status == "405" && anyMethod) || (status == "413" && !hasBody) || (OpenApiDocument.IsIdempotencyStatus(status) && !route.IsIdempotent))
            {
                continue;
            }

            writer.WriteStartObject(status);
            writer.WriteString("$ref", "#/components/responses/" + OpenApiDocument.ErrorResponseName(status));
            writer.WriteEndObject();
        }

        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    private static void WriteRequestBody(Utf8JsonWriter writer, string reference)
    {
        writer.WriteStartObject("requestBody");
        writer.WriteBoolean("required", true);
        writer.WriteStartObject("content");
        foreach (var mediaType in BodyMediaTypes)
        {
            writer.WriteStartObject(mediaType);
            writer.WriteStartObject("schema");
            writer.WriteString("$ref", reference);
            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    /// <summary>The <c>Idempotency-Key</c> header of an <c>[Idempotent]</c> route (the IETF httpapi draft; docs/guide.md, "Idempotency").</summary>
    private static void WriteIdempotencyKey(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        writer.WriteString("name", "Idempotency-Key");
        writer.WriteString("in", "header");
        writer.WriteBoolean("required", false);
        writer.WriteString("description",
            "A key the client makes for one request (a UUID) and sends again with each retry of it: the first answer is stored and every retry "
            + "with the same request gets it again, byte for byte. A direct invocation sends it as the event's key member (idempotencyKey unless the route names another).");
        writer.WriteStartObject("schema");
        writer.WriteString("type", "string");
        writer.WriteNumber("minLength", 1);
        writer.WriteNumber("maxLength", 255);
        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    /// <summary>A <c>GET</c>'s request members as query parameters: those of a scalar type (an object or list cannot travel in a query).</summary>
    private static void WriteQueryParameters(Utf8JsonWriter writer, JsonNode schema)
    {
        if (schema["properties"] is not JsonObject properties)
        {
            return;
        }

        var required = schema["required"] is JsonArray names ? names.Select(n => n?.GetValue<string>()).ToHashSet(StringComparer.Ordinal) : [];
        foreach (var (name, property) in properties)
        {
            if (property is null || !IsScalar(property))
            {
                continue;
            }

            writer.WriteStartObject();
            writer.WriteString("name", name);
            writer.WriteString("in", "query");
            writer.WriteBoolean("required", required.Contains(name));
            writer.WritePropertyName("schema");
            property.WriteTo(writer);
            writer.WriteEndObject();
        }
    }

    private static bool IsScalar(JsonNode property)
    {
        var type = property["type"];
        var kinds = type switch
        {
            JsonValue one => [one.GetValue<string>()],
            JsonArray many => many.Select(kind => kind?.GetValue<string>() ?? "null").ToArray(),
            _ => [],
        };
        return kinds.Length > 0 && kinds.All(kind => kind is not ("object" or "array"));
    }

    private static void WriteSuccess(Utf8JsonWriter writer, RouteDescriptor route, SchemaSet schemas)
    {
        writer.WriteStartObject("200");
        if (route.ResponseClrType is { } responseType && route.ResponseType is { } responseName)
        {
            writer.WriteString("description", "The handler's answer.");
            writer.WriteStartObject("content");
            writer.WriteStartObject("application/json");
            writer.WriteStartObject("schema");
            writer.WriteString("$ref", schemas.Reference(responseType, responseName));
            writer.WriteEndObject();
            writer.WriteEndObject();
            writer.WriteEndObject();
        }
        else
        {
            writer.WriteString("description", "The handler answers with no body.");
        }

        writer.WriteEndObject();
    }

    /// <summary>The route's first segment (<c>pay</c> of <c>pay/makeOrder</c>), which groups its operations.</summary>
    private static string Tag(string route) => route.Split('/')[0];
}
