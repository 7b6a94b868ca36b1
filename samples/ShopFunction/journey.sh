#!/usr/bin/env bash
# The shop's whole journey through `invoke`, one process per event as a platform starts them, on one
# store: register, log in, make an order (the tcb-router article's own pay/makeOrder event, plus the
# session), pay it, and list the orders. Each step's event (>) and answer (<) go to standard error,
# the last answer (the order list) to standard output; the script stops at the first answer that is
# not code 0.
#
#   samples/ShopFunction/journey.sh                         # the JIT build (built first), a new SQLite file
#   FUNCTION=out/bootstrap samples/ShopFunction/journey.sh  # the NativeAOT binary
#   SHOP_POSTGRES='Host=...' samples/ShopFunction/journey.sh # on PostgreSQL
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"

if [ -z "${FUNCTION:-}" ]; then
  # MSBuild prints its summary even when asked not to: its output is shown only when the build fails.
  if ! build_log="$(dotnet build "$here" -nologo -v q 2>&1)"; then
    echo "$build_log" >&2
    exit 1
  fi
  FUNCTION="dotnet $here/bin/Debug/net10.0/ShopFunction.dll"
fi
if [ -z "${SHOP_POSTGRES:-}" ] && [ -z "${SHOP_SQLITE_PATH:-}" ]; then
  SHOP_SQLITE_PATH="$(mktemp -d)/shop.db"
  export SHOP_SQLITE_PATH
  echo "# store: $SHOP_SQLITE_PATH" >&2
fi

step() {
  echo "> $1" >&2
  local answer
  answer="$($FUNCTION invoke "$1" 2>/dev/null)"
  echo "< $answer" >&2
  echo "$answer"
  case "$answer" in
    '{"code":0'*) ;;
    *) echo "journey.sh: the step above did not answer code 0" >&2; exit 1 ;;
  esac
}

field() { sed -n "s/.*\"$1\":\"\\([^\"]*\\)\".*/\\1/p"; }

name="reader$(date +%s)"
step "{\"\$url\":\"user/register\",\"name\":\"$name\",\"password\":\"correct horse battery\"}" >/dev/null
login="$(step "{\"\$url\":\"user/login\",\"name\":\"$name\",\"password\":\"correct horse battery\"}")"
session="$(echo "$login" | field sessionId)"
# The article's event as it is, with the session added.
order="$(step "$(sed "s/{/{ \"sessionId\": \"$session\",/" "$here/events/pay-makeOrder.json")")"
order_id="$(echo "$order" | field orderId)"
step "{\"\$url\":\"pay/pay\",\"sessionId\":\"$session\",\"orderId\":\"$order_id\"}" >/dev/null
step "{\"\$url\":\"pay/orders\",\"sessionId\":\"$session\"}"
