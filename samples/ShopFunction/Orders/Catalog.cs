namespace ShopFunction.Orders;

/// <summary>An item the shop sells, priced in whole cents (never a floating-point amount).</summary>
internal sealed record CatalogItem(string Id, string Name, long PriceCents);

/// <summary>
/// The items <c>pay/makeOrder</c> accepts. <c>xxxx</c> is the item of the tcb-router article's own
/// event, so that event succeeds once the caller has a session.
/// </summary>
internal static class Catalog
{
    /// <summary>The longest item id a request may send (<c>[StringLength]</c> on <c>MakeOrderRequest.Id</c>); no catalog id is longer.</summary>
    public const int MaxIdLength = 64;

    /// <summary>The longest order id a request may send; the shop's are 34 characters (<c>o_</c> and 32 hex digits).</summary>
    public const int MaxOrderIdLength = 64;

    private static readonly Dictionary<string, CatalogItem> Items = new(StringComparer.Ordinal)
    {
        ["xxxx"] = new("xxxx", "Oolong tea, 250 g", 1_590),
        ["green-tea"] = new("green-tea", "Longjing green tea, 100 g", 2_800),
        ["teapot"] = new("teapot", "Yixing clay teapot", 12_900),
    };

    /// <summary>Every item, for listings and tests.</summary>
    public static IEnumerable<CatalogItem> All => Items.Values;

    /// <summary>The item with <paramref name="id"/> (ids compare exactly), or <see langword="null"/>.</summary>
    public static CatalogItem? Find(string? id) => id is not null && Items.TryGetValue(id, out var item) ? item : null;
}
