using System.Text.Json.Serialization;

namespace Router.Runtime.Output;

/// <summary>
/// Array types that System.Text.Json asks reflection for at the first invocation, compiled into a NativeAOT
/// binary so that reflection finds them instead of having NativeAOT's type loader build them at run time.
/// </summary>
/// <remarks>
/// Building a type's JSON metadata, even a source-generated type's, reads its <see cref="JsonDerivedTypeAttribute"/>s
/// (<c>GetCustomAttributes&lt;JsonDerivedTypeAttribute&gt;</c>, which returns a <c>JsonDerivedTypeAttribute[]</c>).
/// No code of a function allocates that array type, so NativeAOT left it out and its type loader built it at the
/// first invocation: 0.34 M instructions of the smallest function's 5.13 M from <c>exec</c> to its first answer
/// (callgrind; docs/performance.md, "An array type the type loader built"). Referencing the type here is enough for the
/// compiler to include it; on the JIT the call costs nothing that matters.
/// </remarks>
internal static class CompiledArrayTypes
{
    /// <summary>Keeps the array types in the binary: called once per invoker, so the compiler sees it used.</summary>
    public static void Keep() => GC.KeepAlive(Array.Empty<JsonDerivedTypeAttribute>());
}
