using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace Router.Generator.Model;

/// <summary>One entry of <see cref="Diagnostic.Properties"/>, read by the code fixes.</summary>
public sealed record DiagnosticProperty(string Key, string Value);

/// <summary>
/// A diagnostic to report, as data. Equality: the descriptor's id, the location by value, the
/// message arguments in order and the properties in order.
/// </summary>
public sealed record DiagnosticInfo(
    DiagnosticDescriptor Descriptor,
    LocationInfo? Location,
    EquatableArray<string> MessageArgs,
    EquatableArray<DiagnosticProperty> Properties)
{
    public bool IsError => Descriptor.DefaultSeverity == DiagnosticSeverity.Error;

    public static DiagnosticInfo Create(DiagnosticDescriptor descriptor, LocationInfo? location, params string[] messageArgs)
        => new(descriptor, location, messageArgs.ToEquatableArray(), EquatableArray<DiagnosticProperty>.Empty);

    public DiagnosticInfo WithProperties(params DiagnosticProperty[] properties)
        => this with { Properties = properties.ToEquatableArray() };

    /// <summary>
    /// The diagnostic, located in <paramref name="compilation"/>'s syntax tree of the same path, so that
    /// <c>#pragma warning disable</c> and <c>.editorconfig</c> severities apply to it (they only apply to
    /// source locations; a location made from a path alone is an external-file location).
    /// </summary>
    public Diagnostic ToDiagnostic(Compilation? compilation)
    {
        var properties = ImmutableDictionary<string, string?>.Empty;
        foreach (var property in Properties)
        {
            properties = properties.SetItem(property.Key, property.Value);
        }

        return Diagnostic.Create(Descriptor, Location?.ToLocation(compilation), properties, MessageArgs.Cast<object>().ToArray());
    }
}
