using BenchmarkDotNet.Running;

// benchmarks/run.sh runs this with the JSON exporter; by hand:
// dotnet run -c Release --project benchmarks/Router.Scale.Benchmarks -- --filter '*' --job short
BenchmarkSwitcher.FromAssembly(typeof(Router.Scale.Benchmarks.ScaleBenchmarks).Assembly).Run(args);
