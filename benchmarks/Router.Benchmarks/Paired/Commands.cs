using System.Globalization;

namespace Router.Benchmarks.Paired;

/// <summary>
/// The commands both benchmark programs take (Router.Benchmarks on the JIT, Router.Benchmarks.Native as a
/// NativeAOT binary): <c>--paired [--rounds N] [--out file.json]</c>, <c>--stages ROUTE</c>, and
/// <c>--profile ROUTE SECONDS [--listened]</c> (whole invocations in a loop, for <c>perf</c> and cachegrind; with
/// <c>--listened</c>, an activity listener and a meter listener take every span and measurement).
/// </summary>
public static class Commands
{
    /// <summary>Runs the command <paramref name="args"/> names; <see langword="null"/> when they name none of these.</summary>
    public static int? TryRun(string[] args) => args switch
    {
        ["--profile", var route, var seconds, .. var rest] => Stages.Loop(route, double.Parse(seconds, CultureInfo.InvariantCulture), listened: rest.Contains("--listened")),
        ["--stages", var route, ..] => Stages.Run(route),
        ["--paired", ..] => PairedRounds.Run(args),
        _ => null,
    };
}
