#!/usr/bin/env bash
# Sets up and runs every test: fast unit tests and integration tests (which start their own
# Azurite, sandboxes and servers on free loopback ports). Extra arguments go to 'dotnet test'
# (for example: scripts/test.sh --filter "Category!=Integration").
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh

# The deployable Functions app: the tests read its functions.metadata (no Functions host runs here).
echo "test: publishing the functions app to out/app"
dotnet publish functions/Marketplace.Functions.csproj -c Release -o out/app --no-restore --verbosity quiet -nologo

log=$(mktemp)
trap 'rm -f "$log"' EXIT
set +e
dotnet test Serverless.sln --no-restore "$@" 2>&1 | tee "$log" \
  | grep -vE --line-buffered "^\s*$|Determining projects|up-to-date for restore|^\s+Marketplace\.[A-Za-z.]+ -> "
# Read at once: a '|| true' here would reset PIPESTATUS and hide failed tests (exit 0 on failures).
status=${PIPESTATUS[0]}

# Conformance: the platforms' own client libraries (npm) against the sandboxes, in node's test runner.
echo "test: conformance suite (tests/Conformance) with the platforms' client libraries"
SANDBOX_DLL=$(dotnet msbuild sandbox/Marketplace.Sandbox.csproj -getProperty:TargetPath) \
  node --test --test-reporter=tap tests/Conformance/ 2>&1 | tee -a "$log" | grep -E --line-buffered "^(not )?ok |^# (tests|pass|fail)"
conformance=${PIPESTATUS[0]}
[ "$status" -ne 0 ] || status=$conformance
set -e

# One closing line for the whole run, summed over the test assemblies.
awk '/^(Passed!|Failed!)/ {
       for (i = 1; i <= NF; i++) {
         if ($i == "Failed:")  { f += $(i+1) }
         if ($i == "Passed:")  { p += $(i+1) }
         if ($i == "Skipped:") { s += $(i+1) }
       }
     }
     /^# pass / { p += $3 }
     /^# fail / { f += $3 }
     END { printf "tests: %d passed, %d failed, %d skipped\n", p, f, s }' "$log"
exit "$status"
