using System.Text.Json;
using System.Text.Json.Serialization;

namespace ShopFunction;

/// <summary>
/// JSON metadata for every request and response type, generated at compile time (no reflection).
/// Web defaults: camelCase members, case-insensitive reading, and numbers accepted as strings, so
/// <c>"amount": "3"</c> binds to an <c>int</c> the way mini-program clients send it.
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(Credentials))]
[JsonSerializable(typeof(MakeOrderRequest))]
[JsonSerializable(typeof(PayRequest))]
[JsonSerializable(typeof(Reply))]
[JsonSerializable(typeof(OrderReply))]
internal sealed partial class ShopJson : JsonSerializerContext;
