#!/usr/bin/env bash
# Installs what is missing, builds, and runs the whole platform (Ctrl+C stops everything).
set -euo pipefail
cd "$(dirname "$0")/.."
deploy/prereqs.sh
dotnet build src/AppHost/ArPlatform.AppHost.csproj -c Release -nologo -v quiet
exec src/AppHost/bin/Release/net10.0/ArPlatform.AppHost "$@"
