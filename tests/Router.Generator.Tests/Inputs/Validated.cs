using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;
using System.Threading.Tasks;
using Router;

namespace Validated;

[GeneratedRouter]
public sealed partial class ValidatedRouter;

/// <summary>A type-level rule: a ValidationAttribute of the user's own.</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class NotSameSkuTwiceAttribute : ValidationAttribute
{
    public override bool IsValid(object? value) => value is not Order order || order.Lines is null || order.Lines.Select(l => l.Sku).Distinct().Count() == order.Lines.Count;
}

public sealed record Address([property: Required, StringLength(40, MinimumLength = 2)] string? City, [property: RegularExpression("^[0-9]{6}$")] string? PostCode);

public sealed class Line
{
    [Required]
    [JsonPropertyName("sku_code")]
    public string? Sku { get; set; }

    [Range(1, 99)]
    public int Quantity { get; set; }

    [Range(0.5, 10.0)]
    public double? Weight { get; set; }
}

[NotSameSkuTwice]
public sealed class Order : IValidatableObject
{
    [Required, EmailAddress, Display(Name = "e-mail")]
    public string? Email { get; set; }

    [MinLength(1), MaxLength(20)]
    public List<Line>? Lines { get; set; }

    public Address? Ship { get; set; }

    [AllowedValues("card", "wallet")]
    public string? Payment { get; set; }

    [JsonPropertyName("coupon_code")]
    public string? Coupon { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Coupon is { Length: > 0 } && Payment == "wallet")
        {
            yield return new ValidationResult("A coupon cannot be used with a wallet.", [nameof(Coupon), nameof(Payment)]);
        }
    }
}

/// <summary>No attributes anywhere: its route binds and calls the handler, nothing more.</summary>
public sealed record Plain(string? Name, List<string>? Tags);

public sealed record Placed(string OrderId);

// A hand-written stand-in for the System.Text.Json source generator's output, as in Shop.cs.
[JsonSerializable(typeof(Order))]
[JsonSerializable(typeof(Plain))]
[JsonSerializable(typeof(Placed))]
public sealed class ValidatedJson() : JsonSerializerContext(null)
{
    public static ValidatedJson Default { get; } = new();

    protected override JsonSerializerOptions? GeneratedSerializerOptions => null;

    public override System.Text.Json.Serialization.Metadata.JsonTypeInfo? GetTypeInfo(Type type) => null;
}

public static class Handlers
{
    [Route("order/place")]
    [Idempotent]
    public static ValueTask<Placed> Place(Order order) => new(new Placed("o1"));

    [Route("order/check")]
    public static Placed Check(Order order) => new("o0");

    [Route("order/touch")]
    [Idempotent(KeyMember = "touchKey", ExpirySeconds = 600)]
    public static void Touch() { }

    [Route("plain")]
    public static Placed Plain(Plain request) => new(request.Name ?? "");
}
