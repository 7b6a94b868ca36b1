using System.Collections.Concurrent;

namespace ShopFunction;

/// <summary>Where the shop keeps orders. Injected into <see cref="Handlers.PayHandlers"/> through its constructor.</summary>
public interface IOrderBook
{
    /// <summary>Records a new order and returns its id.</summary>
    string Create(string itemId, int amount);

    /// <summary>Marks an order paid; returns false when it was already paid.</summary>
    bool Pay(string orderId);
}

/// <summary>
/// Orders in process memory: they live as long as the function instance. Real storage (SQLite,
/// PostgreSQL) replaces this in a later version of the sample.
/// </summary>
internal sealed class InMemoryOrderBook : IOrderBook
{
    private readonly ConcurrentDictionary<string, bool> _paid = new(StringComparer.Ordinal);
    private int _nextId;

    public string Create(string itemId, int amount)
    {
        var orderId = "order-" + Interlocked.Increment(ref _nextId).ToString(System.Globalization.CultureInfo.InvariantCulture);
        _paid[orderId] = false;
        return orderId;
    }

    // Like the article's handler, an order this instance has not seen (made by another instance) is
    // accepted; only paying the same order twice here is refused.
    public bool Pay(string orderId) => _paid.TryGetValue(orderId, out var paid) ? !paid && _paid.TryUpdate(orderId, true, false) : _paid.TryAdd(orderId, true);
}

/// <summary>The sample's services: any <see cref="IServiceProvider"/> works; this one needs no container.</summary>
public sealed class ShopServices : IServiceProvider
{
    private readonly IOrderBook _orders = new InMemoryOrderBook();

    public object? GetService(Type serviceType) => serviceType == typeof(IOrderBook) ? _orders : null;
}
