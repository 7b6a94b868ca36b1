// The NativeAOT build of the paired rounds (docs/performance.md, "End to end, paired"):
//   dotnet publish benchmarks/Router.Benchmarks.Native -c Release -r linux-x64 -o artifacts/paired-aot
//   artifacts/paired-aot/Router.Benchmarks.Native --paired [--rounds N] [--out file.json]
//   artifacts/paired-aot/Router.Benchmarks.Native --stages ROUTE
if (args.Length > 1 && args[0] == "--stages")
{
    return Router.Benchmarks.Paired.Stages.Run(args[1]);
}

if (args.Length > 0 && args[0] == "--paired")
{
    return Router.Benchmarks.Paired.PairedRounds.Run(args);
}

Console.Error.WriteLine("usage: --paired [--rounds N] [--out file.json] | --stages ROUTE");
return 2;
