using BenchmarkDotNet.Running;

// benchmarks/run.sh runs these with the JSON exporter and writes docs/performance.md; by hand:
// dotnet run -c Release --project benchmarks/Router.Benchmarks -- --filter '*' --job short
BenchmarkSwitcher.FromAssembly(typeof(Router.Benchmarks.DispatchBenchmarks).Assembly).Run(args);
