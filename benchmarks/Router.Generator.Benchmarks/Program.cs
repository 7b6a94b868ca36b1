using BenchmarkDotNet.Running;

// dotnet run -c Release --project benchmarks/Router.Generator.Benchmarks -- --filter '*' --job short
BenchmarkSwitcher.FromAssembly(typeof(Router.Generator.Benchmarks.GeneratorBenchmarks).Assembly).Run(args);
