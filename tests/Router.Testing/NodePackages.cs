using System.Diagnostics;

namespace Router.Testing;

/// <summary>
/// The repository's npm packages (<c>clients/</c>): installed from their lock file (<c>npm ci</c>) once per
/// test run, then their tools run with a bounded time, as CI runs them.
/// </summary>
public static class NodePackages
{
    private static readonly SemaphoreSlim s_install = new(1, 1);
    private static readonly HashSet<string> s_installed = new(StringComparer.Ordinal);

    /// <summary>The <c>clients/</c> folder.</summary>
    public static string Clients => Path.Combine(RepositoryFolders.Root, "clients");

    /// <summary>Runs <c>npm ci</c> in <paramref name="folder"/> unless its <c>node_modules</c> matches its lock file already (npm's own record of it).</summary>
    /// <exception cref="InvalidOperationException">npm failed.</exception>
    public static async Task EnsureInstalledAsync(string folder)
    {
        await s_install.WaitAsync();
        try
        {
            if (s_installed.Contains(folder))
            {
                return;
            }

            var lockFile = Path.Combine(folder, "package-lock.json");
            var installed = Path.Combine(folder, "node_modules", ".package-lock.json");
            if (!File.Exists(installed) || File.GetLastWriteTimeUtc(installed) < File.GetLastWriteTimeUtc(lockFile))
            {
                var (exitCode, output, error) = await RunAsync(folder, "npm", ["ci", "--no-audit", "--no-fund"], TimeSpan.FromMinutes(5));
                if (exitCode != 0)
                {
                    throw new InvalidOperationException($"npm ci in {folder} exited {exitCode}:\n{output}\n{error}");
                }
            }

            s_installed.Add(folder);
        }
        finally
        {
            s_install.Release();
        }
    }

    /// <summary>Runs <paramref name="file"/> in <paramref name="folder"/> and returns its exit code and output; killed after <paramref name="timeout"/>.</summary>
    public static async Task<(int ExitCode, string Output, string Error)> RunAsync(
        string folder, string file, IEnumerable<string> arguments, TimeSpan timeout, IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(file)
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // Redocly's CLI asks the network about updates and telemetry unless told not to.
        start.Environment["REDOCLY_TELEMETRY"] = "off";
        start.Environment["REDOCLY_SUPPRESS_UPDATE_NOTICE"] = "true";
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{file} did not start.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{file} {string.Join(' ', start.ArgumentList)} ran longer than {timeout}.");
        }

        return (process.ExitCode, await output, await error);
    }
}
