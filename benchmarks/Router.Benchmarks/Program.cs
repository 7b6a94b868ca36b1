using BenchmarkDotNet.Running;

// benchmarks/run.sh runs these with the JSON exporter and writes docs/performance.md; by hand:
//   dotnet run -c Release --project benchmarks/Router.Benchmarks -- --filter '*' --job short
// and the ratios in alternating rounds of one process (JIT or NativeAOT, see Paired/PairedRounds.cs):
//   dotnet run -c Release --project benchmarks/Router.Benchmarks -- --paired
if (args.Length > 2 && args[0] == "--profile")
{
    return Router.Benchmarks.Paired.Stages.Loop(args[1], double.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture));
}

if (args.Length > 1 && args[0] == "--stages")
{
    return Router.Benchmarks.Paired.Stages.Run(args[1]);
}

if (args.Length > 0 && args[0] == "--paired")
{
    return Router.Benchmarks.Paired.PairedRounds.Run(args);
}

BenchmarkSwitcher.FromAssembly(typeof(Router.Benchmarks.DispatchBenchmarks).Assembly).Run(args);
return 0;
