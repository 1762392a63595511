#!/usr/bin/env bash
# Installs what is missing, builds, and runs every test (unit, integration against real servers, end to end).
set -euo pipefail
cd "$(dirname "$0")/.."
deploy/prereqs.sh
dotnet build ArPlatform.sln -c Release -nologo -v quiet
dotnet test ArPlatform.sln -c Release --no-build -nologo "$@"
