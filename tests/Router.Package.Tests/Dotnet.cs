using System.Diagnostics;
using System.Text;

namespace Router.Package.Tests;

/// <summary>The output of one <c>dotnet</c> command.</summary>
public sealed record CommandResult(int ExitCode, string Output)
{
    /// <summary>Throws with the command's output unless it exited with 0.</summary>
    public CommandResult EnsureSuccess(string what)
        => ExitCode == 0 ? this : throw new InvalidOperationException($"{what} exited with {ExitCode}:\n{Output}");
}

/// <summary>Runs the <c>dotnet</c> CLI as a user would, in a given folder.</summary>
public static class Dotnet
{
    /// <summary>Runs <c>dotnet</c> with <paramref name="args"/> in <paramref name="directory"/> and returns its exit code and output.</summary>
    /// <exception cref="TimeoutException">It ran longer than <paramref name="timeout"/> (default 5 minutes).</exception>
    public static CommandResult Run(string directory, TimeSpan? timeout, params string[] args)
        => Start("dotnet", directory, timeout, args);

    /// <summary>Runs an executable (a published function) in <paramref name="directory"/>.</summary>
    public static CommandResult RunExecutable(string path, string directory, params string[] args)
        => Start(path, directory, null, args);

    private static CommandResult Start(string fileName, string directory, TimeSpan? timeout, string[] args)
    {
        var start = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        AsAUser(start);

        using var process = Process.Start(start) ?? throw new InvalidOperationException(fileName + " did not start");
        var output = new StringBuilder();
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { lock (output) { output.AppendLine(e.Data); } } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { lock (output) { output.AppendLine(e.Data); } } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (!process.WaitForExit(timeout ?? TimeSpan.FromMinutes(5)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{fileName} {string.Join(' ', args)} did not finish:\n{output}");
        }

        process.WaitForExit();
        lock (output)
        {
            return new CommandResult(process.ExitCode, output.ToString());
        }
    }

    /// <summary>
    /// The environment of a command as a user's shell would give it: without the MSBuild variables
    /// `dotnet test` hands its test host (a nested build must find its own MSBuild), no first-run
    /// messages or telemetry, and no MSBuild nodes left running after the command.
    /// </summary>
    public static void AsAUser(ProcessStartInfo start)
    {
        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            start.Environment.Remove(name);
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1";
        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";
    }

    /// <summary>NuGet's global packages folder: <c>NUGET_PACKAGES</c> where set, else <c>~/.nuget/packages</c>.</summary>
    public static string GlobalPackagesFolder
        => Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } configured
            ? configured
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");

    /// <summary>Where NuGet extracts this repository's two packages (Router.Serverless, Router.Templates) at <paramref name="version"/>.</summary>
    public static IEnumerable<string> ExtractedPackages(string version)
        => new[] { "router.serverless", "router.templates" }.Select(id => Path.Combine(GlobalPackagesFolder, id, version));

    /// <summary>
    /// Deletes <paramref name="folder"/> and everything in it, if it exists; a folder a process still holds a
    /// file in (a server a failed test left behind) stays, since it is scratch the test's result does not need.
    /// </summary>
    public static void TryDeleteFolder(string folder)
    {
        try
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // Left in the temporary directory (or NuGet's folder, for a version no later run uses).
        }
    }

    /// <summary>Runs <c>dotnet</c> with the default timeout.</summary>
    public static CommandResult Run(string directory, params string[] args) => Run(directory, null, args);
}
