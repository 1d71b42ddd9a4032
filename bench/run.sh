#!/usr/bin/env bash
# Sets up what is missing, builds, starts the whole system through the AppHost and benchmarks it beside BullMQ and
# pg-boss. Writes docs/benchmarks.md and docs/benchmarks.json (the full run takes about 25 minutes).
#   bench/run.sh            the full run
#   bench/run.sh --quick    a few seconds per phase, to check the harness (scripts/test.sh runs it after the suite)
#   bench/run.sh --handoff  only the idle system, the handoff steps and status reads, with CPU by process (the hot path)
#   bench/run.sh --profiles only seed 000's profile analytics: cached and uncached profile GETs, analyses per minute
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
dotnet build bench/JobPlatform.Bench -c Release -nologo -v quiet
exec dotnet bench/JobPlatform.Bench/bin/Release/net10.0/JobPlatform.Bench.dll "$@"
