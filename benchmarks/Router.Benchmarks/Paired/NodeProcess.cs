using System.Diagnostics;
using System.Globalization;

namespace Router.Benchmarks.Paired;

/// <summary>
/// tcb-router on Node.js as a child process that runs batches on request (<c>benchmarks/node/throughput.js
/// --serve</c>), so that the paired rounds alternate a batch of it with a batch of <c>FunctionInvoker</c> and
/// both sides see the same machine: the same shape as the other paired comparisons, with Node.js's side in a
/// process of its own. Node.js times its own batch (<c>process.hrtime</c>): the pipe between the two is not
/// counted.
/// </summary>
public sealed class NodeProcess : IDisposable
{
    private readonly Process _process;

    private NodeProcess(Process process) => _process = process;

    /// <summary>Starts <c>node SCRIPT --serve</c> and waits until it has checked its answers.</summary>
    /// <param name="script">The path of <c>benchmarks/node/throughput.js</c>.</param>
    /// <exception cref="InvalidOperationException">Node.js did not start, or did not answer <c>ready</c>.</exception>
    public static NodeProcess Start(string script)
    {
        var start = new ProcessStartInfo("node")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.GetFullPath(script));
        start.ArgumentList.Add("--serve");
        var process = Process.Start(start) ?? throw new InvalidOperationException("node did not start.");
        var ready = process.StandardOutput.ReadLine();
        if (ready is null || !ready.StartsWith("ready ", StringComparison.Ordinal))
        {
            process.Kill();
            process.Dispose();
            throw new InvalidOperationException(
                $"node {script} --serve answered '{ready}' instead of 'ready': its error is above (tcb-router comes from `npm ci` in benchmarks/node, which benchmarks/run.sh runs).");
        }

        return new NodeProcess(process);
    }

    /// <summary>Milliseconds Node.js took for <paramref name="count"/> events of <paramref name="route"/>.</summary>
    /// <exception cref="InvalidOperationException">The child ended or answered something other than a number.</exception>
    public double Time(string route, int count)
    {
        _process.StandardInput.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{route} {count}"));
        _process.StandardInput.Flush();
        var line = _process.StandardOutput.ReadLine();
        return line is not null && long.TryParse(line, NumberStyles.None, CultureInfo.InvariantCulture, out var nanoseconds)
            ? nanoseconds / 1e6
            : throw new InvalidOperationException($"node answered '{line}' for a batch of {count} '{route}' events.");
    }

    /// <summary>Ends the child: its input closes, and it exits.</summary>
    public void Dispose()
    {
        _process.StandardInput.Close();
        if (!_process.WaitForExit(5_000))
        {
            _process.Kill();
        }

        _process.Dispose();
    }
}
