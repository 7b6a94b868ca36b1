using Router;

namespace ShopFunction;

/// <summary>The shop's router: the generator fills in this class from the [Route] handlers and [Middleware].</summary>
[GeneratedRouter(JsonContext = typeof(ShopJson))]
public sealed partial class ShopRouter;
