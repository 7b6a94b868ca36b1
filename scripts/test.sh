#!/usr/bin/env bash
# The tests: every project in Generator.sln. The sample's store and journey tests also run against a
# real PostgreSQL server, named by SHOP_TEST_POSTGRES; when it is unset, this script starts one
# (installing it from the distribution's packages if needed, see start-postgres.sh).
# Extra arguments go to `dotnet test`, for example: scripts/test.sh --filter "FullyQualifiedName~Store".
set -euo pipefail
cd "$(dirname "$0")/.."

if [ -z "${SHOP_TEST_POSTGRES:-}" ]; then
  SHOP_TEST_POSTGRES="$(scripts/start-postgres.sh)"
  export SHOP_TEST_POSTGRES
fi

dotnet test Generator.sln "$@"
