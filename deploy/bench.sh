#!/usr/bin/env bash
# Builds in Release and runs the benchmarks on a private copy of the platform (its own servers, free ports).
# Each figure is reported beside a baseline measured in the same run. Options: --suite all|invoices|customers|collections|reporting (all),
# --invoices N (default 1000000), --customers N (2000), --clients N (8), --big-customer-invoices N (10000),
# --customer-rows N (200000, the customers suite's import and search), --keep.
set -euo pipefail
cd "$(dirname "$0")/.."
deploy/prereqs.sh
dotnet build bench/ArPlatform.Benchmarks/ArPlatform.Benchmarks.csproj -c Release -nologo -v quiet
exec bench/ArPlatform.Benchmarks/bin/Release/net10.0/ArPlatform.Benchmarks "$@"
