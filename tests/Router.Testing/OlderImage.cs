using System.Diagnostics;
using System.IO.Compression;
using System.Security.Cryptography;

namespace Router.Testing;

/// <summary>
/// A Debian 11 userland (glibc 2.31, older than the build machine's), made by the package's own
/// <c>glibc-sysroot.sh</c> with debootstrap and cached where a rerun finds it
/// (<c>~/.cache/router-serverless/sysroot/bullseye-amd64</c>, outside the repository), with the contents
/// of the <c>function.zip</c> CI published beside <c>ROUTER_NATIVE_BOOTSTRAP</c> unpacked into it. The
/// function then runs as <c>chroot ROOT /fn-HASH/bootstrap ...</c>, as on an image whose glibc is older
/// than the build machine's (Alibaba FC custom.debian11). Available when the native bootstrap was
/// published, on x64 Linux, as root (chroot needs it; CI runs as root).
/// </summary>
public static class OlderImage
{
    public const string Kind = "debian11";

    private static readonly Lazy<(string Root, string FunctionPath)> s_image = new(Prepare);

    public static bool IsAvailable
        => System.Environment.GetEnvironmentVariable(FunctionProcess.NativeVariable) is { Length: > 0 }
            && OperatingSystem.IsLinux()
            && System.Runtime.InteropServices.RuntimeInformation.OSArchitecture == System.Runtime.InteropServices.Architecture.X64
            && System.Environment.UserName == "root";

    /// <summary>The userland's root folder on this machine.</summary>
    public static string Root => s_image.Value.Root;

    /// <summary>The bootstrap's path inside the userland (<c>/fn-HASH/bootstrap</c>).</summary>
    public static string FunctionPath => s_image.Value.FunctionPath;

    /// <summary>The <c>function.zip</c> published beside the native bootstrap.</summary>
    public static string FunctionZip
        => Path.Combine(Path.GetDirectoryName(System.Environment.GetEnvironmentVariable(FunctionProcess.NativeVariable)!)!, "function.zip");

    private static (string, string) Prepare()
    {
        var script = Path.Combine(RepositoryFolders.Root, "src", "Router.Runtime", "build", "glibc-sysroot.sh");
        var start = new ProcessStartInfo("sh") { ArgumentList = { script, "amd64" }, RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(start)!;
        var errors = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        if (!process.WaitForExit(TimeSpan.FromMinutes(10)) || process.ExitCode != 0)
        {
            throw new InvalidOperationException($"glibc-sysroot.sh failed: {errors.Result}");
        }

        var root = output.Trim().Split('\n')[^1];
        // One folder per zip content, so test processes running at once share it and a new build gets its own.
        var hash = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(FunctionZip)))[..12];
        var folder = Path.Combine(root, "fn-" + hash);
        if (!File.Exists(Path.Combine(folder, "bootstrap")))
        {
            var partial = folder + "." + System.Environment.ProcessId;
            ZipFile.ExtractToDirectory(FunctionZip, partial, overwriteFiles: true);
            try
            {
                Directory.Move(partial, folder);
            }
            catch (IOException) when (File.Exists(Path.Combine(folder, "bootstrap")))
            {
                Directory.Delete(partial, recursive: true); // another test process got there first
            }
        }

        Prune(root, keep: folder);
        return (root, "/fn-" + hash + "/bootstrap");
    }

    /// <summary>
    /// Removes what earlier runs left in the cached userland: the functions of other builds (18 MB
    /// each, one per CI run) and the SQLite stores of <see cref="FunctionProcess"/> in the image's
    /// <c>/tmp</c>. Only what nothing touched for an hour goes, so a test process of another build
    /// running at the same time keeps its function.
    /// </summary>
    private static void Prune(string root, string keep)
    {
        var before = DateTime.UtcNow - TimeSpan.FromHours(1);
        var stale = Directory.EnumerateDirectories(root, "fn-*")
            .Concat(Directory.Exists(Path.Combine(root, "tmp")) ? Directory.EnumerateDirectories(Path.Combine(root, "tmp"), "function-process-*") : [])
            .Where(d => d != keep && Directory.GetLastWriteTimeUtc(d) < before);
        foreach (var folder in stale)
        {
            ScratchFolders.TryDelete(folder);
        }
    }
}
