using System.Diagnostics;
using System.IO.Compression;
using System.Text.RegularExpressions;

namespace ShopFunction.Tests;

/// <summary>
/// What CI's native publish ships: function.zip holds the executable with mode 0755 and nothing but ELF
/// files, and every one of them needs at most glibc 2.28 (Alibaba FC custom.debian10), read from its
/// dynamic symbol versions by binutils' <c>objdump -T</c>, a reader independent of the publish's own check.
/// The journey inside a Debian 11 userland is <see cref="JourneyTests"/>' "debian11" rows.
/// </summary>
public sealed partial class DeployableTests
{
    private static readonly Version s_floor = new(2, 28);

    [Fact]
    public void FunctionZip_HoldsAnExecutableBootstrap_AndOnlyElfFiles_EachNeedingAtMostGlibc228()
    {
        if (System.Environment.GetEnvironmentVariable(FunctionProcess.NativeVariable) is not { Length: > 0 })
        {
            return; // no native publish in this run (CI always has one)
        }

        using var zip = ZipFile.OpenRead(OlderImage.FunctionZip);
        var bootstrap = zip.GetEntry("bootstrap");
        Assert.NotNull(bootstrap);
        // The upper 16 bits of a Unix zip entry's external attributes are its st_mode: a regular file, 0755.
        Assert.Equal(Convert.ToInt32("100755", 8), (bootstrap.ExternalAttributes >> 16) & 0xFFFF);

        var folder = ScratchFolders.Create("function-zip-");
        zip.ExtractToDirectory(folder);
        foreach (var file in Directory.EnumerateFiles(folder))
        {
            var header = new byte[4];
            using (var stream = File.OpenRead(file))
            {
                stream.ReadExactly(header);
            }

            Assert.True(header is [0x7F, (byte)'E', (byte)'L', (byte)'F'], $"{Path.GetFileName(file)} in function.zip is not an ELF file");
            var highest = HighestGlibc(file);
            Assert.True(highest <= s_floor, $"{Path.GetFileName(file)} needs GLIBC_{highest}, above the floor {s_floor}");
        }
    }

    [Fact]
    public void Bootstrap_IsLinkedToStartFastest_AtAFixedAddress_WithItsTypeDataReadyToUse()
    {
        if (System.Environment.GetEnvironmentVariable(FunctionProcess.NativeVariable) is not { Length: > 0 })
        {
            return; // no native publish in this run (CI always has one)
        }

        var folder = ScratchFolders.Create("function-zip-");
        ZipFile.ExtractToDirectory(OlderImage.FunctionZip, folder);
        var bootstrap = Path.Combine(folder, "bootstrap");
        // Router.Serverless.targets' defaults (docs/performance.md, "The link that starts fastest"): an
        // ET_EXEC executable (a position-independent one is ET_DYN, "DYN"), and no ".hydrated" section,
        // the space NativeAOT decompresses its type data into at every start when it was dehydrated.
        Assert.Matches(@"Type:\s+EXEC ", Readelf("-h", bootstrap));
        var sections = Readelf("-SW", bootstrap);
        Assert.Contains(".text", sections);
        Assert.DoesNotContain(".hydrated", sections);
    }

    [Fact]
    public void Bootstrap_PlacesTheStartUpMethodsFirst_InOneBlock()
    {
        if (NativeObjectFile() is not { } objectFile)
        {
            return; // no native publish in this run (CI always has one)
        }

        var package = StartupOrder(Path.Combine(RepositoryFolders.Root, "src", "Router.Runtime", "build", "Router.StartupOrder.txt"));
        var own = StartupOrder(Path.Combine(RepositoryFolders.Root, "samples", "ShopFunction", "startup-order.txt"));

        // Router.Serverless.targets (docs/performance.md, "Start-up code in one place"): the shop's own
        // start-up methods (RouterStartupOrderFile), then the package's, come first in its managed code.
        // ILCompiler's own layout puts them anywhere among its ~40,000 methods: about 1 in 13 of the first
        // methods would be listed.
        var methods = ManagedMethods(objectFile).OrderBy(m => m.Offset).ToList();
        var ownPresent = methods.Count(m => own.Contains(m.Name));
        var present = ownPresent + methods.Count(m => package.Contains(m.Name));
        Assert.True(ownPresent > 50, $"only {ownPresent} of the shop's own start-up methods are in it");
        Assert.True(present > 1_000, $"only {present} of the order files' methods are in the shop");
        var firstOwn = methods.Take(ownPresent).Count(m => own.Contains(m.Name));
        Assert.True(firstOwn >= ownPresent * 0.95, $"{firstOwn} of the first {ownPresent} methods are the shop's own start-up methods");
        var firstListed = methods.Take(present).Count(m => own.Contains(m.Name) || package.Contains(m.Name));
        Assert.True(firstListed >= present * 0.95, $"{firstListed} of the first {present} methods are listed start-up methods");
    }

    [Fact]
    public void Bootstrap_HasJsonDerivedTypeAttributeArrays_CompiledIn()
    {
        if (NativeObjectFile() is not { } objectFile)
        {
            return; // no native publish in this run (CI always has one)
        }

        // docs/performance.md, "An array type the type loader built": System.Text.Json's first metadata asks
        // reflection for JsonDerivedTypeAttribute[]; without Output/CompiledArrayTypes.cs ILCompiler leaves the
        // type out and NativeAOT's type loader builds it at the first invocation (0.34 M instructions).
        Assert.Contains("__Array<System_Text_Json_System_Text_Json_Serialization_JsonDerivedTypeAttribute>", Objdump("-t", objectFile), StringComparison.Ordinal);
    }

    [Fact]
    public void HighestGlibc_ReadsTheNewestVersionAnElfFileNeeds()
    {
        // The reader itself, on a binary of this machine's glibc (Debian 12: 2.36): a reader that always
        // answered "2.2.5" or nothing would pass the test above.
        var highest = HighestGlibc("/bin/ls");
        Assert.True(highest >= new Version(2, 3), $"/bin/ls needs GLIBC_{highest}");
    }

    /// <summary>
    /// The object file ILCompiler wrote for this run's native publish of the shop (the shipped bootstrap has
    /// no symbol table), or <see langword="null"/> when the run has no native publish.
    /// </summary>
    private static string? NativeObjectFile()
    {
        if (System.Environment.GetEnvironmentVariable(FunctionProcess.NativeVariable) is not { Length: > 0 })
        {
            return null;
        }

        var objectFile = Path.Combine(RepositoryFolders.Root, "samples", "ShopFunction", "obj", "Release", "net10.0", "linux-x64", "native", "ShopFunction.o");
        Assert.True(File.Exists(objectFile), $"{objectFile} is missing: the native publish writes it");
        return objectFile;
    }

    private static HashSet<string> StartupOrder(string file)
        => File.ReadLines(file).Where(line => !line.StartsWith('#')).ToHashSet(StringComparer.Ordinal);

    // objdump -t: "OFFSET FLAGS F __managedcode<TAB>SIZE [.hidden] NAME" for each managed method.
    private static IEnumerable<(long Offset, string Name)> ManagedMethods(string objectFile)
    {
        foreach (Match match in ManagedMethodLine().Matches(Objdump("-t", objectFile)))
        {
            yield return (Convert.ToInt64(match.Groups[1].Value, 16), match.Groups[2].Value);
        }
    }

    [GeneratedRegex(@"^([0-9a-f]+) .* F __managedcode\t[0-9a-f]+\s+(?:\.hidden\s+)?(\S.*)$", RegexOptions.Multiline)]
    private static partial Regex ManagedMethodLine();

    private static string Readelf(string option, string file) => BinUtil("readelf", option, file);

    private static string Objdump(string option, string file) => BinUtil("objdump", option, file);

    /// <summary>The output of one of binutils' readers (readelf, objdump) on <paramref name="file"/>.</summary>
    private static string BinUtil(string tool, string option, string file)
    {
        var start = new ProcessStartInfo(tool) { ArgumentList = { option, file }, RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"{tool} {option} {file}: {error.Result}");
        return output;
    }

    private static Version HighestGlibc(string file)
        => GlibcVersion().Matches(Objdump("-T", file)).Select(m => Version.Parse(m.Groups[1].Value)).DefaultIfEmpty(new Version(0, 0)).Max()!;

    [GeneratedRegex(@"GLIBC_([0-9]+\.[0-9]+(?:\.[0-9]+)?)")]
    private static partial Regex GlibcVersion();
}
