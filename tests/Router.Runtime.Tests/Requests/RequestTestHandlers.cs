using System.Collections.Concurrent;
using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;

namespace Router.Runtime.Tests.Requests;

/// <summary>Every kind of validation attribute, at the top level, in a nested object and in a collection's items.</summary>
[NoReservedName]
public sealed class SignUp : IValidatableObject
{
    [Required, StringLength(20, MinimumLength = 3)]
    public string? Name { get; set; }

    [Required, EmailAddress, Display(Name = "e-mail address")]
    public string? Email { get; set; }

    [Range(18, 130)]
    public int Age { get; set; }

    [RegularExpression("^[0-9]{11}$", ErrorMessage = "{0} must be 11 digits.")]
    public string? Phone { get; set; }

    [AllowedValues("wechat", "alipay")]
    public string? Platform { get; set; }

    [Url]
    public string? Homepage { get; set; }

    [MinLength(1), MaxLength(3)]
    public string[]? Tags { get; set; }

    [Length(1, 2)]
    public List<Pet>? Pets { get; set; }

    public Address? Address { get; set; }

    [JsonPropertyName("invite_code")]
    [StringLength(8)]
    public string? InviteCode { get; set; }

    public string? Password { get; set; }

    public string? PasswordAgain { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Password != PasswordAgain)
        {
            yield return new ValidationResult("The passwords differ.", [nameof(PasswordAgain)]);
        }

        if (InviteCode == "expired")
        {
            yield return new ValidationResult("The invite has expired.", [nameof(InviteCode)]);
        }
    }
}

public sealed record Address([property: Required] string? City, [property: RegularExpression("^[0-9]{6}$")] string? PostCode);

public sealed record Pet([Required] string? Name, [Range(0.1, 100.0)] double Kg);

/// <summary>A type-level attribute of the user's own: the name "admin" is reserved.</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class NoReservedNameAttribute : ValidationAttribute
{
    public NoReservedNameAttribute() : base("The name is reserved.") { }

    public override bool IsValid(object? value) => value is not SignUp { Name: "admin" };
}

public sealed record SignedUp(string Name, int Pets);

/// <summary>A type that holds itself: its items are validated at every depth the event has.</summary>
public sealed record Folder([property: Required, StringLength(8)] string? Name, List<Folder>? Children);

/// <summary>An idempotent route's request: what to order, and how the handler should behave.</summary>
public sealed record OrderRequest(string? Item, int Amount, string? Behave);

public sealed record OrderPlaced(string OrderId, string Item, int Amount, int Run);

/// <summary>What the idempotent routes did, by item: how many times each handler ran, and gates a test opens.</summary>
public static class OrderLedger
{
    public static readonly ConcurrentDictionary<string, int> Runs = new(StringComparer.Ordinal);

    public static readonly ConcurrentDictionary<string, TaskCompletionSource> Gates = new(StringComparer.Ordinal);

    public static TaskCompletionSource Gate(string item) => Gates.GetOrAdd(item, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
}

[Route("test")]
public static class RequestTestHandlers
{
    /// <summary>Signs a user up: answered only when every attribute passed.</summary>
    [Route("signup")]
    public static SignedUp SignUp(SignUp request) => new(request.Name!, request.Pets?.Count ?? 0);

    /// <summary>Takes a tree of folders; answers how many it holds.</summary>
    [Route("folders")]
    public static SignedUp Folders(Folder request) => new(request.Name!, Count(request) - 1);

    private static int Count(Folder folder) => 1 + (folder.Children?.Sum(Count) ?? 0);

    /// <summary>
    /// Places an order once per idempotency key: counts its runs per item, answers 201 with a header over HTTP,
    /// throws for <c>behave: "fail"</c> and waits for its item's gate for <c>behave: "wait"</c>.
    /// </summary>
    [Route("order")]
    [Idempotent]
    public static async Task<OrderPlaced> Order(OrderRequest request, RouteContext context)
    {
        var item = request.Item ?? "";
        var run = OrderLedger.Runs.AddOrUpdate(item, 1, (_, n) => n + 1);
        if (request.Behave == "fail")
        {
            throw new InvalidOperationException("the order failed");
        }

        if (request.Behave == "wait")
        {
            await OrderLedger.Gate(item).Task.WaitAsync(context.CancellationToken);
        }

        if (context.Http is not null)
        {
            context.Response.StatusCode = 201;
            context.Response.Headers.Set("X-Order-Run", run.ToString(System.Globalization.CultureInfo.InvariantCulture));
            context.Response.Cookies.Add("last-order=" + item + "; Path=/");
        }

        return new OrderPlaced("o-" + item + "-" + run.ToString(System.Globalization.CultureInfo.InvariantCulture), item, request.Amount, run);
    }

    /// <summary>Idempotent with the key in another member and a one-minute expiry, and no request type.</summary>
    [Route("ping")]
    [Idempotent(KeyMember = "pingKey", ExpirySeconds = 60)]
    public static OrderPlaced Ping() => new("ping", "ping", 0, OrderLedger.Runs.AddOrUpdate("ping", 1, (_, n) => n + 1));
}
