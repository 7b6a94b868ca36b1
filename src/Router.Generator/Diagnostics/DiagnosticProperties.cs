namespace Router.Generator.Diagnostics;

/// <summary>Keys of <c>Diagnostic.Properties</c> that the code fixes read.</summary>
public static class DiagnosticProperties
{
    /// <summary>RTR007: the JSON context's metadata name (<c>Namespace.Type</c>).</summary>
    public const string JsonContext = nameof(JsonContext);

    /// <summary>RTR007: the missing type, fully qualified with <c>global::</c>.</summary>
    public const string Type = nameof(Type);

    /// <summary>RTR012: the namespace of the first handler, where the fix declares the router (empty for the global namespace).</summary>
    public const string Namespace = nameof(Namespace);

    /// <summary>RTR011: present (value <c>true</c>) when adding <c>partial</c> fixes the class.</summary>
    public const string AddPartial = nameof(AddPartial);
}
