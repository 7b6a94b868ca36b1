#!/usr/bin/env bash
# Instructions per invocation of one event, counted by valgrind's cachegrind on the NativeAOT benchmark
# binary: a count, not a time, so two commits compare on a machine whose speed drifts between runs.
# Two runs (0.5 s and 2.5 s of invocations); the difference in instructions over the difference in
# invocations cancels the start-up.
#
#   benchmarks/instructions.sh ROUTE [--listened]   # user/login, pay/makeOrder, ... or http:user/login
#   benchmarks/instructions.sh contract:ROUTE        # the contract limit (Variants/ContractFunction.cs) on ROUTE
#   benchmarks/instructions.sh types:ROUTE           # the same through the public types (Variants/ContractTypesFunction.cs)
#
# --listened: with an activity listener and a meter listener taking every span and measurement
# (docs/hosting.md, "Traces and metrics"), what telemetry costs at the source.
#
# Needs valgrind (installed from the distribution's packages when missing: apt-get, as root or with sudo)
# and the NativeAOT toolchain.
set -euo pipefail
cd "$(dirname "$0")/.."
route=${1:?usage: benchmarks/instructions.sh ROUTE [--listened] (user/login, http:user/login, ...)}
listened=${2:-}

if ! command -v valgrind >/dev/null 2>&1; then
  sudo_cmd=""; [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq valgrind >/dev/null
fi

out=artifacts/instructions
# Symbols kept in the binary (valgrind cannot read the separate .dbg file's DWARF 5), so its
# per-function counts (cg_annotate) name the functions.
dotnet publish -c Release benchmarks/Router.Benchmarks.Native -o "$out" -p:StripSymbols=false -p:DebugType=none -p:DebugSymbols=false >/dev/null
rm -f "$out"/*.dbg

count() {
  valgrind --tool=cachegrind --cache-sim=no --cachegrind-out-file="$out/cachegrind-$1.out" \
    "$out/Router.Benchmarks.Native" --profile "$route" "$1" $listened 2>&1 \
    | sed -nE 's/^([0-9]+) invocations.*/\1/p; s/.*I +refs: +([0-9,]+).*/\1/p' | tr -d ',' | tr '\n' ' '
}

read -r n1 i1 <<<"$(count 0.5)"
read -r n2 i2 <<<"$(count 2.5)"
echo "$route${listened:+ $listened}: $(( (i2 - i1) / (n2 - n1) )) instructions per invocation ($((n2 - n1)) invocations counted; per function: cg_annotate $out/cachegrind-2.5.out)"
