#!/usr/bin/env bash
# Sets up what is missing, then starts the whole system through the AppHost (Ctrl+C stops everything).
# Extra arguments go to the AppHost, e.g. --clean to start from empty data.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
exec dotnet run --project JobPlatform.AppHost -- "$@"
