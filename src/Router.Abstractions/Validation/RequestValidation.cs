using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Text.Json;

namespace Router;

/// <summary>
/// One request's validation, as generated routers run it after binding and before the handler: each
/// <see cref="ValidationAttribute"/> of a member is checked with the rules of
/// <see cref="Validator.TryValidateObject(object, ValidationContext, ICollection{ValidationResult}?, bool)"/>
/// (member attributes, then the type's own, then <see cref="IValidatableObject.Validate"/> when the object's
/// members passed), and every failure is kept under the member's JSON path (<c>$.lines[0].sku</c>).
/// Not meant to be called from user code; its shape may change between versions.
/// </summary>
/// <remarks>
/// Members are named as the request's JSON names them: an explicit <c>[JsonPropertyName]</c>, else the
/// JSON context's <see cref="JsonSerializerOptions.PropertyNamingPolicy"/> applied to the member's name, else
/// the name itself. The display name in a message (<c>The amount field is required.</c>) is that JSON name
/// unless the member has <c>[Display(Name = ...)]</c>. Names and paths are computed only for a failure: a
/// valid request allocates this object and, for a value-type member, the boxed value its attribute reads.
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class RequestValidation
{
    private readonly RouteContext _context;
    private readonly JsonNamingPolicy? _namingPolicy;
    private Dictionary<string, List<string>>? _errors;

    /// <summary>Starts the validation of the request bound for <paramref name="context"/>.</summary>
    /// <param name="context">The invocation.</param>
    /// <param name="options">The options the request was bound with (their naming policy names members).</param>
    public RequestValidation(RouteContext context, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(options);
        _context = context;
        _namingPolicy = options.PropertyNamingPolicy;
    }

    /// <summary>The number of failures found so far.</summary>
    public int ErrorCount { get; private set; }

    /// <summary>The JSON path of member <paramref name="member"/> of the object at <paramref name="path"/>.</summary>
    /// <param name="path">The object's path, <c>$</c> for the request.</param>
    /// <param name="member">The member's C# name.</param>
    /// <param name="jsonName">Its <c>[JsonPropertyName]</c>, or <see langword="null"/>.</param>
    public string Member(string path, string member, string? jsonName) => path + "." + JsonName(member, jsonName);

    /// <summary>The JSON path of item <paramref name="index"/> of the collection at <paramref name="path"/>.</summary>
    public static string Item(string path, int index) => path + "[" + index.ToString(System.Globalization.CultureInfo.InvariantCulture) + "]";

    /// <summary>Checks one member's value against one attribute; a failure is kept under the member's path.</summary>
    /// <param name="attribute">The attribute, created once by the generated router.</param>
    /// <param name="value">The member's value.</param>
    /// <param name="instance">The object that holds the member (<see cref="ValidationContext.ObjectInstance"/>).</param>
    /// <param name="path">The object's JSON path.</param>
    /// <param name="member">The member's C# name (<see cref="ValidationContext.MemberName"/>).</param>
    /// <param name="jsonName">Its <c>[JsonPropertyName]</c>, or <see langword="null"/>.</param>
    /// <param name="displayName">Its <c>[Display(Name = ...)]</c>, or <see langword="null"/> for its JSON name.</param>
    public void Check(ValidationAttribute attribute, object? value, object instance, string path, string member, string? jsonName, string? displayName)
    {
        ArgumentNullException.ThrowIfNull(attribute);
        if (!attribute.RequiresValidationContext && attribute.IsValid(value))
        {
            return;
        }

        var name = JsonName(member, jsonName);
        var context = NewContext(instance, displayName ?? name);
        context.MemberName = member;
        if (attribute.GetValidationResult(value, context) is { } failure)
        {
            Add(path + "." + name, failure.ErrorMessage ?? attribute.FormatErrorMessage(displayName ?? name));
        }
    }

    /// <summary>Checks an object against one of its type's attributes; a failure is kept under the object's path.</summary>
    /// <param name="attribute">The attribute.</param>
    /// <param name="instance">The object.</param>
    /// <param name="path">The object's JSON path.</param>
    /// <param name="typeName">The type's name, for the message.</param>
    public void CheckObject(ValidationAttribute attribute, object instance, string path, string typeName)
    {
        ArgumentNullException.ThrowIfNull(attribute);
        if (!attribute.RequiresValidationContext && attribute.IsValid(instance))
        {
            return;
        }

        if (attribute.GetValidationResult(instance, NewContext(instance, typeName)) is { } failure)
        {
            AddResult(failure, path, null);
        }
    }

    /// <summary>
    /// Runs <see cref="IValidatableObject.Validate"/>; each result is kept under the paths of the members it
    /// names (their C# names, mapped to JSON names), or under the object's path when it names none.
    /// </summary>
    /// <param name="instance">The object.</param>
    /// <param name="path">Its JSON path.</param>
    /// <param name="typeName">The type's name (<see cref="ValidationContext.DisplayName"/>).</param>
    /// <param name="jsonNames">The type's <c>[JsonPropertyName]</c>s by C# member name, or <see langword="null"/> when it has none.</param>
    public void Validate(IValidatableObject instance, string path, string typeName, Func<string, string?>? jsonNames)
    {
        ArgumentNullException.ThrowIfNull(instance);
        foreach (var result in instance.Validate(NewContext(instance, typeName)))
        {
            if (result != ValidationResult.Success && result is not null)
            {
                AddResult(result, path, jsonNames);
            }
        }
    }

    /// <summary>Throws when anything failed.</summary>
    /// <exception cref="InvalidRequestException">
    /// The request is not valid: <see cref="InvalidRequestException.Errors"/> holds every failure by JSON path, in
    /// the order found, and the message names them all.
    /// </exception>
    public void ThrowIfInvalid()
    {
        if (_errors is null)
        {
            return;
        }

        var errors = new Dictionary<string, string[]>(_errors.Count, StringComparer.Ordinal);
        var message = new System.Text.StringBuilder($"The event for route '{_context.Url}' is not valid:");
        foreach (var (path, messages) in _errors)
        {
            errors.Add(path, [.. messages]);
            foreach (var text in messages)
            {
                message.Append(' ').Append(path).Append(": ").Append(text);
            }
        }

        throw new InvalidRequestException(message.ToString(), errors);
    }

    private void AddResult(ValidationResult result, string path, Func<string, string?>? jsonNames)
    {
        var message = result.ErrorMessage ?? "The value is not valid.";
        var named = false;
        foreach (var member in result.MemberNames)
        {
            if (string.IsNullOrEmpty(member))
            {
                continue;
            }

            named = true;
            Add(path + "." + JsonName(member, jsonNames?.Invoke(member)), message);
        }

        if (!named)
        {
            Add(path, message);
        }
    }

    private void Add(string path, string message)
    {
        _errors ??= new Dictionary<string, List<string>>(StringComparer.Ordinal);
        if (!_errors.TryGetValue(path, out var messages))
        {
            _errors.Add(path, messages = []);
        }

        messages.Add(message);
        ErrorCount++;
    }

    private string JsonName(string member, string? jsonName) => jsonName ?? _namingPolicy?.ConvertName(member) ?? member;

    // The constructor that takes a display name reads nothing through reflection (the others look up
    // [Display] on the type, which trimming may remove).
    private ValidationContext NewContext(object instance, string displayName) => new(instance, displayName, _context.Services, items: null);
}
