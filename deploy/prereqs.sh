#!/usr/bin/env bash
# Installs what the platform needs on Debian 12 and is missing: PostgreSQL, RabbitMQ, Redis and Chromium (the packaged
# services stay stopped: the AppHost and the tests run private instances). Safe to run again.
set -euo pipefail

need=()
[ -x /usr/lib/postgresql/15/bin/postgres ] || ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1 || need+=(postgresql)
[ -x /usr/lib/rabbitmq/bin/rabbitmq-server ] || need+=(rabbitmq-server)
[ -x /usr/bin/redis-server ] || need+=(redis-server)
[ -x /usr/bin/chromium ] || need+=(chromium fonts-noto-core) # the workbench's browser tests (Playwright drives it: it cannot download browsers here)
command -v npm >/dev/null 2>&1 || need+=(nodejs npm) # Spectral, for the OpenAPI lint (deploy/tools/lint-openapi.sh)

if [ ${#need[@]} -gt 0 ]; then
  echo "prereqs: installing ${need[*]}"
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  # policy-rc.d keeps the packages' own services from starting on machines that allow it.
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${need[@]}" >/dev/null
fi

if ! command -v dotnet >/dev/null 2>&1; then
  echo "prereqs: the .NET 10 SDK is missing: install it from https://dot.net (dotnet-sdk-10.0) and run this again." >&2
  exit 1
fi

# The local tools: smtp4dev (the mail resource's SMTP server with its web inbox) and dotnet-ef.
dotnet tool restore >/dev/null
