using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Router.Binding;

/// <summary>
/// The metadata a request type is bound with: the router's, with
/// <see cref="JsonSerializerOptions.AllowDuplicateProperties"/> off, so that a member the request reads and
/// the event names twice is refused as it binds (System.Text.Json reads the last value, other parsers the
/// first; a gateway or middleware in front of the function could have acted on the other one).
/// </summary>
/// <remarks>
/// Made once per request type and JSON context, on the first request: one strict copy of the context's options
/// per context (the source-generated context makes the type's metadata for it, no reflection), then one field
/// read and one reference comparison per request. A member the request type does not have is skipped, and so
/// is a duplicate of it: nobody reads it.
/// </remarks>
internal static class StrictBinding<T>
{
    private static Entry? s_entry;

    /// <summary>The strict twin of <paramref name="typeInfo"/>.</summary>
    public static JsonTypeInfo<T> For(JsonTypeInfo<T> typeInfo)
    {
        var entry = s_entry;
        if (entry is not null && ReferenceEquals(entry.Source, typeInfo))
        {
            return entry.Strict;
        }

        var strict = typeInfo.Options.AllowDuplicateProperties
            ? (JsonTypeInfo<T>)StrictOptions.For(typeInfo.Options).GetTypeInfo(typeof(T))
            : typeInfo;
        s_entry = new Entry(typeInfo, strict);
        return strict;
    }

    private sealed record Entry(JsonTypeInfo<T> Source, JsonTypeInfo<T> Strict);
}

/// <summary>One strict copy of each JSON context's options (<see cref="StrictBinding{T}"/>).</summary>
internal static class StrictOptions
{
    private static readonly ConditionalWeakTable<JsonSerializerOptions, JsonSerializerOptions> s_copies = [];

    public static JsonSerializerOptions For(JsonSerializerOptions options)
        => s_copies.GetValue(options, static lenient => new JsonSerializerOptions(lenient) { AllowDuplicateProperties = false });
}
