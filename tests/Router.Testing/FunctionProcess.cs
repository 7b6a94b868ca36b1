using Xunit;
using System.Diagnostics;
using System.Text;

namespace Router.Testing;

/// <summary>
/// The sample function as a real process: <c>dotnet ShopFunction.dll</c> ("jit"), and the NativeAOT
/// <c>bootstrap</c> ("native") when <c>ROUTER_NATIVE_BOOTSTRAP</c> names one (CI publishes it first), and
/// that bootstrap inside a Debian 11 userland ("debian11", <see cref="OlderImage"/>).
/// </summary>
public sealed class FunctionProcess : IAsyncDisposable
{
    public const string NativeVariable = "ROUTER_NATIVE_BOOTSTRAP";

    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly StringBuilder _error = new();

    private FunctionProcess(string kind, IReadOnlyDictionary<string, string> environment, string[] args)
    {
        var start = kind switch
        {
            "native" => new ProcessStartInfo(System.Environment.GetEnvironmentVariable(NativeVariable)!),
            OlderImage.Kind => new ProcessStartInfo("chroot") { ArgumentList = { OlderImage.Root, OlderImage.FunctionPath } },
            _ => new ProcessStartInfo("dotnet") { ArgumentList = { Path.Combine(AppContext.BaseDirectory, "ShopFunction.dll") } },
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        foreach (var name in new[] { "AWS_LAMBDA_RUNTIME_API", "SCF_RUNTIME_API", "SCF_RUNTIME_API_PORT", "FC_FUNCTION_NAME", "FC_CUSTOM_LISTEN_PORT", "FC_SERVER_PORT" })
        {
            start.Environment.Remove(name);
        }

        // A store of its own unless the test names one: a new SQLite file, so runs never share data.
        if (!environment.ContainsKey("SHOP_SQLITE_PATH") && !environment.ContainsKey("SHOP_POSTGRES"))
        {
            // Inside the older image the path is the image's own /tmp; the shop creates the folder.
            start.Environment["SHOP_SQLITE_PATH"] = kind == OlderImage.Kind
                ? $"/tmp/function-process-{Guid.NewGuid():N}/shop.db"
                : Path.Combine(ScratchFolders.Create("function-process-"), "shop.db");
            start.Environment["SHOP_PBKDF2_ITERATIONS"] = "1000";
        }

        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        _process = Process.Start(start)!;
        _process.OutputDataReceived += (_, e) => Append(_output, e.Data);
        _process.ErrorDataReceived += (_, e) => Append(_error, e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    /// <summary>"jit" always; "native" when CI published the NativeAOT bootstrap.</summary>
    public static TheoryData<string> Kinds
    {
        get
        {
            var kinds = new TheoryData<string> { "jit" };
            if (!string.IsNullOrEmpty(System.Environment.GetEnvironmentVariable(NativeVariable)))
            {
                kinds.Add("native");
            }

            return kinds;
        }
    }

    /// <summary><see cref="Kinds"/>, and "debian11" where <see cref="OlderImage.IsAvailable"/>.</summary>
    public static TheoryData<string> KindsWithOlderImage
    {
        get
        {
            var kinds = Kinds;
            if (OlderImage.IsAvailable)
            {
                kinds.Add(OlderImage.Kind);
            }

            return kinds;
        }
    }

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public string Error
    {
        get
        {
            lock (_error)
            {
                return _error.ToString();
            }
        }
    }

    public static FunctionProcess Start(string kind, IReadOnlyDictionary<string, string> environment, params string[] args) => new(kind, environment, args);

    /// <summary>
    /// Starts the function's <c>serve</c> on the loopback <paramref name="port"/> and returns once it says it listens
    /// (30 s at most). It waits for the log line, which the server writes once its sockets listen, rather than
    /// probing the port with connections of its own.
    /// </summary>
    public static async Task<FunctionProcess> ServeAsync(string kind, IReadOnlyDictionary<string, string> environment, int port)
    {
        var server = Start(kind, environment, "serve", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!server.Error.Contains("router: listening on", StringComparison.Ordinal) && !server._process.HasExited)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"serve did not listen within 30 s: {server.Error}");
            }

            await Task.Delay(25);
        }

        return server;
    }

    /// <summary>Sends SIGTERM, as a platform does when it stops an instance, and returns the exit code.</summary>
    public async Task<int> TerminateAsync()
    {
        using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }

        return await WaitAsync();
    }

    public async Task<int> WaitAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await _process.WaitForExitAsync(timeout.Token);
        return _process.ExitCode;
    }

    private static void Append(StringBuilder builder, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (builder)
        {
            builder.AppendLine(line);
        }
    }

    public ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            _process.WaitForExit();
        }

        _process.Dispose();
        return ValueTask.CompletedTask;
    }
}
