#!/usr/bin/env bash
# Sets up what is missing, builds, runs every test assembly, and ends with one line: "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh || { echo "0 passed, 1 failed"; exit 1; }
dotnet build JobPlatform.sln -c Release -nologo -v quiet || { echo "0 passed, 1 failed"; exit 1; }

log=$(mktemp)
dotnet test JobPlatform.sln -c Release --no-build -nologo "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
# The benchmark's quick mode starts a system of its own: a separate step, after the suite has released the machine.
dotnet test bench/JobPlatform.Bench.Tests -c Release -nologo "$@" 2>&1 | tee -a "$log"
bench_status=${PIPESTATUS[0]}
[ "$status" -ne 0 ] || status=$bench_status

# VSTest prints one "Passed!/Failed!  - Failed: F, Passed: P, ..." line per assembly: sum them.
read -r passed failed < <(grep -E '^(Passed|Failed)!' "$log" \
  | sed -E 's/.*Failed: *([0-9]+), Passed: *([0-9]+).*/\2 \1/' \
  | awk '{p += $1; f += $2} END {print p + 0, f + 0}')
rm -f "$log"
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
  failed=1 # the run failed without reporting a failed test (a crash or a build error)
fi
echo "$passed passed, $failed failed"
exit "$status"
