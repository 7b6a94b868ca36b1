#!/usr/bin/env bash
# Runs every runtime benchmark in one go and writes docs/performance.md's tables and charts:
#   1. dispatch and pipeline (generated, hand-written limit, reflection) and the whole invocation
#      through FunctionInvoker against the hand-written end-to-end limit: benchmarks/Router.Benchmarks,
#      BenchmarkDotNet with its memory diagnoser, on the JIT and on NativeAOT; then the same comparisons
#      as paired rounds in one process (JIT, JIT with DOTNET_TieredPGO=0, and the NativeAOT binary of
#      benchmarks/Router.Benchmarks.Native), tcb-router on Node.js among them in a child process;
#   2. the same events through tcb-router on Node.js: benchmarks/node/throughput.js;
#   3. dispatch against route count (10 to 10,000 routes): benchmarks/Router.Scale.Benchmarks;
#   4. benchmarks/report.py, which reads the three result files and rewrites the marked sections of
#      docs/performance.md and docs/images/*.svg.
#
#   benchmarks/run.sh            # short mode: 3 launches of 4 warm-up and 3 measured iterations of
#                                # 200 ms each (about 25 minutes on 2 cores, builds included)
#   benchmarks/run.sh --full     # BenchmarkDotNet's default job and longer Node.js rounds
#
# Needs the .NET SDK, Node.js with npm and python3. Results also stay in artifacts/benchmarks/.
set -euo pipefail
cd "$(dirname "$0")/.."

mode=short
case "${1:-}" in
  "" | --short) ;;
  --full) mode=full ;;
  *) echo "usage: benchmarks/run.sh [--short|--full]" >&2; exit 2 ;;
esac

out=artifacts/benchmarks
rm -rf "$out"
mkdir -p "$out"
job=()
node_args=()
if [ "$mode" = short ]; then
  # Shorter iterations than BenchmarkDotNet's short job, but 3 launches instead of 1: within one
  # process a case is steady to 1%, but two processes of the same case differed by up to 1.9x
  # (the code tiered compilation and dynamic PGO settle on), so one launch could flip a ratio.
  job=(--job short --launchCount 3 --warmupCount 4 --iterationCount 3 --iterationTime 200)
  node_args=(--short)
fi

echo "== building (Release)" >&2
dotnet build -c Release benchmarks/Router.Benchmarks >&2
dotnet build -c Release benchmarks/Router.Scale.Benchmarks >&2
(cd benchmarks/node && npm ci --no-audit --no-fund --silent)

echo "== dispatch, pipeline and end to end (BenchmarkDotNet)" >&2
dotnet run -c Release --no-build --project benchmarks/Router.Benchmarks -- \
  --filter '*' "${job[@]}" --exporters json --artifacts "$out/router" >&2

echo "== the same cases on NativeAOT (BenchmarkDotNet's NativeAOT toolchain; its compile takes minutes)" >&2
# The ILCompiler package of the installed runtime, from nuget.org (Program.cs, --nativeaot); no reflection
# router there: it needs the reflection NativeAOT trims away.
ilc=$(dotnet --list-runtimes | awk '$1 == "Microsoft.NETCore.App" && $2 ~ /^10\./ { v = $2 } END { print v }')
aot_job=()
if [ "$mode" = short ]; then
  aot_job=(--launchCount 3 --warmupCount 4 --iterationCount 3 --iterationTime 200)
fi
dotnet run -c Release --no-build --project benchmarks/Router.Benchmarks -- \
  --filter '*DispatchBenchmarks.HandWritten*' '*DispatchBenchmarks.Generated*' '*EndToEndBenchmarks.HandWritten*' '*EndToEndBenchmarks.Generated*' \
  --nativeaot "$ilc" ${aot_job[@]+"${aot_job[@]}"} --exporters json --artifacts "$out/router-aot" >&2

echo "== paired rounds: JIT, JIT without dynamic PGO, NativeAOT" >&2
# --node: tcb-router on Node.js in a child process, a batch of it alternating with a batch of ours.
node_script=benchmarks/node/throughput.js
dotnet run -c Release --no-build --project benchmarks/Router.Benchmarks -- --paired --node "$node_script" --out "$out/paired-jit.json" >&2
DOTNET_TieredPGO=0 dotnet run -c Release --no-build --project benchmarks/Router.Benchmarks -- --paired --node "$node_script" --out "$out/paired-jit-nopgo.json" >&2
dotnet publish -c Release -r linux-x64 benchmarks/Router.Benchmarks.Native -o "$out/paired-aot" >&2
"$out/paired-aot/Router.Benchmarks.Native" --paired --node "$node_script" --out "$out/paired-aot.json" >&2

echo "== the same events through tcb-router on Node.js" >&2
node benchmarks/node/throughput.js "${node_args[@]}" --out "$out/node.json"

echo "== dispatch against route count (BenchmarkDotNet)" >&2
dotnet run -c Release --no-build --project benchmarks/Router.Scale.Benchmarks -- \
  --filter '*' "${job[@]}" --exporters json --artifacts "$out/scale" >&2

echo "== report" >&2
python3 benchmarks/report.py --results "$out" --mode "$mode"
