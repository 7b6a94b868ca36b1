using System.Reflection;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using Microsoft.CodeAnalysis.Text;
using Router.Generator.Tests.Verifiers;
using Xunit.Sdk;

namespace Router.Generator.Tests;

/// <summary>
/// The checked-in snapshots under <c>Snapshots/</c> are the expected generated text. On a mismatch the
/// test writes <c>NAME.received.cs</c> beside the snapshot and fails; review the diff, then set
/// <c>ROUTER_ACCEPT_SNAPSHOTS=1</c> and run again to accept (never commit a received file).
/// </summary>
internal static class SnapshotAssert
{
    private static readonly string s_directory = typeof(SnapshotAssert).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "SnapshotDirectory").Value!;

    private static bool Accepting => Environment.GetEnvironmentVariable("ROUTER_ACCEPT_SNAPSHOTS") == "1";

    /// <summary>Compares text (the emitter's, from a hand-built model) with the snapshot <paramref name="name"/>.</summary>
    public static void Matches(string actual, string name)
    {
        var normalized = Normalize(actual);
        if (Read(name) == normalized)
        {
            File.Delete(ReceivedPath(name));
            return;
        }

        if (Accepting)
        {
            Accept(name, normalized);
            return;
        }

        Assert.Fail(Reject(name, normalized));
    }

    /// <summary>
    /// Runs the generator through Roslyn's source-generator test library on <paramref name="sources"/>, with
    /// the snapshot <paramref name="name"/> stated as the one expected generated source (<paramref name="hintName"/>)
    /// and <paramref name="expected"/> as the only diagnostics; the library fails on any other difference,
    /// a compiler warning in the output included. When the generated text is what differs, the actual text
    /// (from <see cref="GeneratorHarness"/>) is written as the received file.
    /// </summary>
    public static async Task GeneratedMatchesAsync(string name, string hintName, (string Path, string Text)[] sources, params DiagnosticResult[] expected)
    {
        string Actual() => Normalize(GeneratorHarness.GeneratedText(
            GeneratorHarness.Run(GeneratorHarness.CreateCompilation(sources)).Result));

        if (Accepting && Read(name) != Actual())
        {
            Accept(name, Actual());
        }

        var test = new RouterGeneratorTest();
        foreach (var source in sources)
        {
            test.TestState.Sources.Add(source);
        }

        test.TestState.GeneratedSources.Add((typeof(RouterGenerator), hintName, SourceText.From(Read(name) ?? string.Empty, Encoding.UTF8, SourceHashAlgorithm.Sha256)));
        test.ExpectedDiagnostics.AddRange(expected);
        try
        {
            await test.RunAsync();
        }
        catch (Exception ex) when (ex is not XunitException && Read(name) != Actual())
        {
            throw new XunitException(Reject(name, Actual()) + Environment.NewLine + ex.Message);
        }

        File.Delete(ReceivedPath(name));
    }

    private static string Normalize(string text) => text.Replace("\r\n", "\n", StringComparison.Ordinal);

    private static string VerifiedPath(string name) => Path.Combine(s_directory, name + ".verified.cs");

    private static string ReceivedPath(string name) => Path.Combine(s_directory, name + ".received.cs");

    private static string? Read(string name) => File.Exists(VerifiedPath(name)) ? File.ReadAllText(VerifiedPath(name)) : null;

    private static void Accept(string name, string text)
    {
        File.WriteAllText(VerifiedPath(name), text);
        File.Delete(ReceivedPath(name));
    }

    /// <summary>Writes the received file and returns the failure message.</summary>
    private static string Reject(string name, string actual)
    {
        File.WriteAllText(ReceivedPath(name), actual);
        return File.Exists(VerifiedPath(name))
            ? $"The generated source differs from {VerifiedPath(name)}. Compare it with {ReceivedPath(name)}; if the change is intended, accept it with ROUTER_ACCEPT_SNAPSHOTS=1."
            : $"No snapshot {VerifiedPath(name)} yet. Review {ReceivedPath(name)} and accept it with ROUTER_ACCEPT_SNAPSHOTS=1.";
    }
}
