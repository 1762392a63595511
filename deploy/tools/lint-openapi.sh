#!/usr/bin/env bash
# Writes the six services' OpenAPI documents at build time (no server is started: Microsoft.Extensions.ApiDescription.Server
# runs each service's start-up code without its hosted services, see ServiceDefaults/OpenApi) into artifacts/openapi/, and
# lints them with Spectral and the OWASP ruleset (.spectral.yaml). Fails on any Spectral error; warnings are printed.
# Usage: deploy/tools/lint-openapi.sh [--no-build]   (--no-build: lint the documents already in artifacts/openapi/)
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$PWD
out=$root/artifacts/openapi
tools=$root/deploy/tools/openapi-lint

if [ "${1:-}" != "--no-build" ]; then
  mkdir -p "$out"
  # Start-up code reads these; with the hosted services left out, nothing connects to them.
  for db in identitydb customersdb invoicesdb collectionsdb documentsdb reportingdb; do
    export "ConnectionStrings__${db}=Host=127.0.0.1;Port=1;Database=${db};Username=openapi;Password=openapi"
  done
  export ConnectionStrings__messaging="amqp://openapi:openapi@127.0.0.1:1/"
  # Identity's key store asks for it while the document is made; nothing is encrypted with it here.
  export Security__KeyEncryptionKey="openapi-documents-only-nothing-is-encrypted-with-this"
  for project in src/Identity/ArPlatform.Identity.csproj src/Services/{Customers,Invoices,Collections,Documents,Reporting}/ArPlatform.*.csproj; do
    dotnet build "$project" -c Release -nologo -v quiet -p:OpenApiGenerateDocuments=true -p:OpenApiDocumentsDirectory="$out"
  done
  for service in Identity Customers Invoices Collections Documents Reporting; do
    cp -f "$out/ArPlatform.$service.json" "$out/${service,,}.json" # kept: an up-to-date build does not write it again
  done
fi

# Spectral and the ruleset, pinned by deploy/tools/openapi-lint/package-lock.json, installed there (not globally).
if [ ! -x "$tools/node_modules/.bin/spectral" ] || [ "$tools/package-lock.json" -nt "$tools/node_modules/.package-lock.json" ]; then
  (cd "$tools" && npm ci --no-audit --no-fund --loglevel=error)
fi

# The ruleset extends a package: Spectral resolves it through NODE_PATH.
NODE_PATH="$tools/node_modules" "$tools/node_modules/.bin/spectral" lint --ruleset "$root/.spectral.yaml" --fail-severity error \
  "$out"/{identity,customers,invoices,collections,documents,reporting}.json
