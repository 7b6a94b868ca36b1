using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using Router;

namespace Router.Runtime.Tests;

/// <summary>
/// The dispatch path uses no System.Reflection: the runtime libraries reference no type from that
/// namespace (other than assembly-level attributes) and no <see cref="Activator"/>. Reflection-based
/// JSON is ruled out by the trim and AOT analyzers, which run as errors on these projects.
/// </summary>
public sealed class NoReflectionTests
{
    [Theory]
    [InlineData(typeof(RouteContext))]
    [InlineData(typeof(FunctionInvoker))]
    public void RuntimeAssembly_ReferencesNoReflectionTypes(Type typeInAssembly)
    {
        using var stream = File.OpenRead(typeInAssembly.Assembly.Location);
        using var pe = new PEReader(stream);
        var metadata = pe.GetMetadataReader();

        var offending = metadata.TypeReferences
            .Select(handle => metadata.GetTypeReference(handle))
            .Select(reference => metadata.GetString(reference.Namespace) + "." + metadata.GetString(reference.Name))
            .Where(name => (name.StartsWith("System.Reflection.", StringComparison.Ordinal) && !name.EndsWith("Attribute", StringComparison.Ordinal))
                || name == "System.Activator")
            .ToList();

        Assert.Empty(offending);
        Assert.NotEmpty(metadata.TypeReferences); // the scan itself saw the assembly's references
    }
}
