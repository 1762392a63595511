#!/usr/bin/env bash
# Memory of a running platform: the AppHost, Aspire's DCP and every process under it (servers, services, PostgreSQL
# backends, the dashboard).
# Reports PSS (shared pages split between the processes that share them, so nothing is counted twice) and RSS.
set -euo pipefail
root=$(pgrep -f 'ArPlatform.AppHost' | head -1) || { echo "No AppHost is running." >&2; exit 1; }
# DCP runs detached from the AppHost (its parent is init) and watches it with --monitor: its tree holds every resource.
pids=($root $(pgrep -f -- "--monitor $root( |\$)" || true)); i=0
while [ $i -lt ${#pids[@]} ]; do
  for c in $(cat /proc/${pids[$i]}/task/*/children 2>/dev/null); do pids+=("$c"); done
  i=$((i+1))
done
pss=0; rss=0
for p in "${pids[@]}"; do
  read -r a b < <(awk '/^Pss:/ {p=$2} /^Rss:/ {r=$2} END {print p+0, r+0}' /proc/$p/smaps_rollup 2>/dev/null || echo "0 0")
  pss=$((pss + a)); rss=$((rss + b))
done
echo "${#pids[@]} processes: PSS $((pss / 1024)) MiB, RSS $((rss / 1024)) MiB"
