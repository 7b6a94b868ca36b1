// The NativeAOT build of the paired rounds (docs/performance.md, "Paired rounds: ratios from one process"):
//   dotnet publish benchmarks/Router.Benchmarks.Native -c Release -r linux-x64 -o artifacts/paired-aot
//   artifacts/paired-aot/Router.Benchmarks.Native --paired [--rounds N] [--out file.json]
//   artifacts/paired-aot/Router.Benchmarks.Native --stages ROUTE
if (Router.Benchmarks.Paired.Commands.TryRun(args) is { } exitCode)
{
    return exitCode;
}

Console.Error.WriteLine("usage: --paired [--rounds N] [--out file.json] | --stages ROUTE | --profile ROUTE SECONDS");
return 2;
