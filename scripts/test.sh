#!/usr/bin/env bash
# The README's test command: prepares the test environment (scripts/test-env.sh), then runs the
# whole solution's tests in Release. Extra arguments go to `dotnet test`, e.g.
#   scripts/test.sh --filter "FullyQualifiedName~Mesa.GeoParquet.Tests"
# Exit code: non-zero when the environment cannot be prepared, else the exit code of dotnet test.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

bash scripts/test-env.sh

rc=0
dotnet test Mesa.Orleans.sln -c Release "$@" || rc=$?
exit "$rc"
