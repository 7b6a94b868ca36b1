#!/usr/bin/env bash
# Fuzzes the event readers with AFL++ through SharpFuzz (not part of CI):
#
#   scripts/fuzz.sh                          # the event target (direct events and HTTP envelopes), 10 minutes
#   scripts/fuzz.sh --target http --minutes 60   # real HTTP requests as serve and FC receive them
#   scripts/fuzz.sh --target server --minutes 60 # raw bytes on one connection to the HTTP server itself
#
# Installs afl++ from the distribution's packages when missing (apt-get, as root or with sudo) and the
# sharpfuzz tool from .config/dotnet-tools.json; publishes fuzz/Router.Fuzz, instruments the runtime,
# seeds the corpus from the sample's events and the kept regression inputs (only the project's own
# inputs, so that a kept crash never carries text of an event recorded elsewhere), runs afl-fuzz for the given time, and copies every crash and hang into
# tests/Router.Fuzzing/regressions/<target>/, which Router.Runtime.Tests replays on every test run.
set -euo pipefail
cd "$(dirname "$0")/.."

target=event
minutes=10
while [ $# -gt 0 ]; do
  case "$1" in
    --target) target="$2"; shift 2 ;;
    --minutes) minutes="$2"; shift 2 ;;
    *) echo "usage: scripts/fuzz.sh [--target event|http|server] [--minutes N]" >&2; exit 2 ;;
  esac
done
case "$target" in event|http|server) ;; *) echo "fuzz.sh: --target is event, http or server" >&2; exit 2 ;; esac

if ! command -v afl-fuzz >/dev/null 2>&1; then
  sudo_cmd=""; [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq afl++ >/dev/null
fi
dotnet tool restore >/dev/null

work="artifacts/fuzz/$target"
rm -rf "$work/bin" "$work/corpus"
mkdir -p "$work/corpus" "$work/findings"
dotnet publish fuzz/Router.Fuzz -c Release -o "$work/bin" -nologo -v q
for assembly in Router.Runtime.dll Router.Abstractions.dll Router.Fuzzing.dll; do
  dotnet sharpfuzz "$work/bin/$assembly" >/dev/null
done

seeds=("tests/Router.Fuzzing/regressions/$target")
if [ "$target" = event ]; then
  seeds+=(samples/ShopFunction/events samples/ShopFunction/events/bad samples/ShopFunction/events/http)
else
  seeds+=("tests/Router.Fuzzing/seeds/$target")
fi
for dir in "${seeds[@]}"; do
  [ -d "$dir" ] || continue
  find "$dir" -maxdepth 1 -type f ! -name '*.md' -exec sh -c 'cp "$1" "$2/$(sha256sum "$1" | cut -c1-16)"' _ {} "$work/corpus" \;
done

# dotnet is not built with AFL's compiler (SharpFuzz instruments the IL instead); the machine's core
# pattern and CPU governor are left as they are.
export AFL_SKIP_BIN_CHECK=1 AFL_NO_UI=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 AFL_SKIP_CPUFREQ=1
set +e
afl-fuzz -i "$work/corpus" -o "$work/findings" -t 5000 -m none -V "$((minutes * 60))" -- dotnet "$work/bin/Router.Fuzz.dll" "$target"
status=$?
set -e

kept=0
mkdir -p "tests/Router.Fuzzing/regressions/$target"
for kind in crashes hangs; do
  for input in "$work"/findings/default/"$kind"/id:*; do
    [ -f "$input" ] || continue
    cp "$input" "tests/Router.Fuzzing/regressions/$target/$kind-$(sha256sum "$input" | cut -c1-16).bin"
    kept=$((kept + 1))
  done
done
grep -E "^(execs_done|execs_per_sec|corpus_count|saved_crashes|saved_hangs|run_time)" "$work/findings/default/fuzzer_stats" 2>/dev/null || true
echo "fuzz.sh: afl-fuzz exited $status after up to $minutes minute(s); $kept crash or hang input(s) kept in tests/Router.Fuzzing/regressions/$target"
