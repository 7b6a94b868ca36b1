using ShopFunction.Errors;

namespace ShopFunction.Orders;

/// <summary>The <c>amount</c> of <c>pay/makeOrder</c>: how many of the item, from 1 to <see cref="Max"/>.</summary>
internal static class Quantity
{
    /// <summary>The largest quantity one order takes.</summary>
    public const int Max = 99;

    /// <summary>Returns <paramref name="amount"/>, or throws <see cref="ShopError"/> with <see cref="ShopErrorCodes.InvalidAmount"/>.</summary>
    public static int Validate(int amount)
        => amount is >= 1 and <= Max
            ? amount
            : throw new ShopError(ShopErrorCodes.InvalidAmount, $"amount must be a whole number from 1 to {Max}");
}
