using Router.Fuzzing;
using SharpFuzz;

// dotnet Router.Fuzz.dll event|http|server            under afl-fuzz (scripts/fuzz.sh): one target per run
// dotnet Router.Fuzz.dll event|http|server FILE...    replays inputs and prints what each one did
if (args.Length == 0 || args[0] is not ("event" or "http" or "server"))
{
    Console.Error.WriteLine("usage: Router.Fuzz event|http|server [FILE...]");
    return 2;
}

Action<ReadOnlySpan<byte>> target = args[0] switch
{
    "event" => FuzzTarget.Event,
    "http" => FuzzTarget.Http,
    _ => FuzzTarget.Server,
};
if (args.Length > 1)
{
    var failures = 0;
    foreach (var file in args.Skip(1))
    {
        try
        {
            target(File.ReadAllBytes(file));
            Console.WriteLine($"ok    {file}");
        }
        catch (Exception ex)
        {
            failures++;
            Console.WriteLine($"FAIL  {file}: {ex.GetType().Name}: {ex.Message}");
        }
    }

    return failures == 0 ? 0 : 1;
}

// Out of process: an input that kills the process (a stack overflow, say) is still reported as a crash.
Fuzzer.OutOfProcess.Run(stream =>
{
    using var buffer = new MemoryStream();
    stream.CopyTo(buffer);
    target(buffer.ToArray());
});
return 0;
