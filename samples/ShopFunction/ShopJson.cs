using System.Text.Json;
using System.Text.Json.Serialization;

namespace ShopFunction;

/// <summary>
/// JSON metadata for every request and response type, generated at compile time (no reflection).
/// Web defaults: camelCase members and case-insensitive reading.
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(Credentials))]
[JsonSerializable(typeof(CodeLogin))]
[JsonSerializable(typeof(MakeOrderRequest))]
[JsonSerializable(typeof(PayRequest))]
[JsonSerializable(typeof(Reply))]
[JsonSerializable(typeof(LoginReply))]
[JsonSerializable(typeof(OrderReply))]
[JsonSerializable(typeof(OrdersReply))]
internal sealed partial class ShopJson : JsonSerializerContext;
