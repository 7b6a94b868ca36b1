namespace Router.Generator.Model;

// What the generator checks of a request before its handler (docs/guide.md, "Validation"): the types
// reachable from a handler's request type that have something to check, as equatable data.

/// <summary>One validation attribute, as the C# that creates it.</summary>
/// <param name="Creation">The expression that creates it: <c>new global::System.ComponentModel.DataAnnotations.RangeAttribute(1, 99)</c>.</param>
/// <param name="MeasuresWithoutReflection">
/// Whether its constructor is marked <c>[RequiresUnreferencedCode]</c> for measuring values that are not
/// strings or <c>ICollection</c>s (<c>MinLength</c>, <c>MaxLength</c>, <c>Length</c>) and the member is one of
/// those: generated code then creates it where that warning is suppressed, with the reason.
/// </param>
/// <param name="SchemaKeywords">What it says in JSON Schema, for the OpenAPI document: one JSON member per keyword (<c>"minLength":3</c>); empty when it says nothing there.</param>
/// <param name="MarksRequired">Whether it is <c>[Required]</c>: the member goes into its object's <c>required</c>.</param>
public sealed record ValidationAttributeSpec(string Creation, bool MeasuresWithoutReflection, EquatableArray<string> SchemaKeywords = default, bool MarksRequired = false);

/// <summary>How a member's value reaches the types it holds.</summary>
public enum ValidatedValueKind
{
    /// <summary>Only its own attributes are checked.</summary>
    Value,

    /// <summary>An object whose type has something to check.</summary>
    Object,

    /// <summary>A collection whose items' type has something to check.</summary>
    Collection,
}

/// <summary>A member of a validated type.</summary>
/// <param name="Name">Its C# name.</param>
/// <param name="JsonName">Its <c>[JsonPropertyName]</c>, or null (the naming policy decides at run time).</param>
/// <param name="DisplayName">Its <c>[Display(Name = ...)]</c>, or null.</param>
/// <param name="Attributes">Its validation attributes, in declaration order.</param>
/// <param name="Kind">Whether generated code goes into its value.</param>
/// <param name="NestedType">For <see cref="ValidatedValueKind.Object"/>, the type; for <see cref="ValidatedValueKind.Collection"/>, the items' type (fully qualified, without nullable annotation).</param>
/// <param name="NestedIsReference">Whether the object or item can be null (a reference type or <c>Nullable&lt;T&gt;</c>).</param>
public sealed record ValidatedMemberSpec(
    string Name,
    string? JsonName,
    string? DisplayName,
    EquatableArray<ValidationAttributeSpec> Attributes,
    ValidatedValueKind Kind,
    string? NestedType,
    bool NestedIsReference)
{
    /// <summary>
    /// What its attributes say in JSON Schema, as one object's text (<c>{"minLength":3}</c>); the first attribute to name a
    /// keyword wins, <c>[Required]</c>'s <c>minLength</c> of 1 last, so that a <c>[StringLength]</c> minimum is kept.
    /// </summary>
    public string SchemaKeywords
    {
        get
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            var kept = new List<string>();
            foreach (var attribute in Attributes.OrderBy(a => a.MarksRequired ? 1 : 0))
            {
                foreach (var keyword in attribute.SchemaKeywords)
                {
                    if (seen.Add(keyword.Substring(0, keyword.IndexOf(':'))))
                    {
                        kept.Add(keyword);
                    }
                }
            }

            return "{" + string.Join(",", kept) + "}";
        }
    }

    /// <summary>Whether one of its attributes is <c>[Required]</c>.</summary>
    public bool IsRequired => Attributes.Any(a => a.MarksRequired);
}

/// <summary>A type that has something to check: member attributes, its own attributes, <c>IValidatableObject</c>, or members that hold such types.</summary>
/// <param name="TypeName">Fully qualified, with <c>global::</c>.</param>
/// <param name="DisplayName">Its simple name, for <c>ValidationContext.DisplayName</c>.</param>
/// <param name="Members">The members with something to check.</param>
/// <param name="TypeAttributes">The type's own validation attributes.</param>
/// <param name="IsValidatableObject">Whether it implements <c>IValidatableObject</c>.</param>
/// <param name="JsonNames">The <c>[JsonPropertyName]</c>s of all its members, as C# name and JSON name pairs (for <c>IValidatableObject</c> results).</param>
public sealed record ValidatedTypeSpec(
    string TypeName,
    string DisplayName,
    EquatableArray<ValidatedMemberSpec> Members,
    EquatableArray<ValidationAttributeSpec> TypeAttributes,
    bool IsValidatableObject,
    EquatableArray<string> JsonNames);

/// <summary>An <c>[Idempotent]</c> handler's settings.</summary>
/// <param name="KeyMember">The event member that carries the key of a direct invocation.</param>
/// <param name="ExpirySeconds">How long a key's record is kept.</param>
public sealed record IdempotencySpec(string KeyMember, int ExpirySeconds);
