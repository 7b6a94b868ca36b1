using System.Text.Json;
using System.Text.Json.Serialization;
using Router;

namespace RouterFunction;

/// <summary>The router: the generator writes its dispatcher from every [Route] and [Middleware] here.</summary>
[GeneratedRouter(JsonContext = typeof(FunctionJson))]
public sealed partial class FunctionRouter;

/// <summary>
/// JSON metadata for every request and body, so nothing is serialized by reflection (NativeAOT).
/// The web defaults: camelCase names, and numbers may arrive as strings ("3").
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(GreetRequest))]
[JsonSerializable(typeof(GreetReply))]
internal sealed partial class FunctionJson : JsonSerializerContext;
