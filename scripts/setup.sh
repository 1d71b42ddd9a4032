#!/usr/bin/env bash
# Installs what JobPlatform needs and this machine lacks: Debian's redis-server, postgresql and rabbitmq-server.
# The AppHost starts them itself, as local processes on loopback: their system services are not used.
set -euo pipefail

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
