using BenchmarkDotNet.Running;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;

// benchmarks/run.sh runs these with the JSON exporter and writes docs/performance.md; by hand:
//   dotnet run -c Release --project benchmarks/Router.Benchmarks -- --filter '*' --job short
// and the ratios in alternating rounds of one process (JIT or NativeAOT, see Paired/PairedRounds.cs):
//   dotnet run -c Release --project benchmarks/Router.Benchmarks -- --paired
if (Router.Benchmarks.Paired.Commands.TryRun(args) is { } exitCode)
{
    return exitCode;
}

// `--nativeaot VERSION`: every case compiled by BenchmarkDotNet's NativeAOT toolchain with the ILCompiler
// package of that version from nuget.org (benchmarks/run.sh passes the installed runtime's). The toolchain's
// own default is a nightly feed, which is not reachable from every machine.
var aot = Array.IndexOf(args, "--nativeaot");
if (aot >= 0 && aot + 1 < args.Length)
{
    var toolchain = BenchmarkDotNet.Toolchains.NativeAot.NativeAotToolchain.CreateBuilder()
        .UseNuGet(args[aot + 1], "https://api.nuget.org/v3/index.json")
        .TargetFrameworkMoniker("net10.0")
        .ToToolchain();
    var config = BenchmarkDotNet.Configs.DefaultConfig.Instance
        .AddJob(BenchmarkDotNet.Jobs.Job.Default.WithRuntime(BenchmarkDotNet.Environments.NativeAotRuntime.Net10_0).WithToolchain(toolchain));
    BenchmarkSwitcher.FromAssembly(typeof(Router.Benchmarks.DispatchBenchmarks).Assembly).Run([.. args[..aot], .. args[(aot + 2)..]], config);
    return 0;
}

BenchmarkSwitcher.FromAssembly(typeof(Router.Benchmarks.DispatchBenchmarks).Assembly).Run(args);
return 0;
