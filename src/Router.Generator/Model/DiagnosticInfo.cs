using Microsoft.CodeAnalysis;

namespace Router.Generator.Model;

/// <summary>
/// A diagnostic to report, as data. Equality: the descriptor's id, the location by value and the
/// message arguments in order.
/// </summary>
public sealed record DiagnosticInfo(DiagnosticDescriptor Descriptor, LocationInfo? Location, EquatableArray<string> MessageArgs)
{
    public static DiagnosticInfo Create(DiagnosticDescriptor descriptor, LocationInfo? location, params string[] messageArgs)
        => new(descriptor, location, messageArgs.ToEquatableArray());

    public Diagnostic ToDiagnostic()
        => Diagnostic.Create(Descriptor, Location?.ToLocation(), MessageArgs.Cast<object>().ToArray());
}
