#!/usr/bin/env bash
# Sets up and runs the app standalone on this machine: Azurite (local Azure Storage) on its
# default ports with data in .azurite/, then the functions app on http://127.0.0.1:7071.
# Ctrl+C stops both.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh

export AzureWebJobsStorage="${AzureWebJobsStorage:-UseDevelopmentStorage=true}"
export ASPNETCORE_URLS="${ASPNETCORE_URLS:-http://127.0.0.1:7071}"
# Admin API key for local use only (the app listens on loopback); set Admin__Keys to choose your own.
export Admin__Keys="${Admin__Keys:-local-development-admin-key-change-me}"
# Run the orchestration worker in this process (sales, publishing, syncs, outbox dispatch).
export Sync__WorkerEnabled="${Sync__WorkerEnabled:-true}"

pids=()
cleanup() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; }
trap cleanup EXIT INT TERM

if ! (exec 3<>/dev/tcp/127.0.0.1/10000) 2>/dev/null; then
  mkdir -p .azurite
  node node_modules/azurite/dist/src/azurite.js --silent --location .azurite \
    --blobPort 10000 --queuePort 10001 --tablePort 10002 --skipApiVersionCheck --loose \
    --disableProductStyleUrl >.azurite/azurite.log 2>&1 &
  pids+=($!)
  for _ in $(seq 1 60); do
    (exec 3<>/dev/tcp/127.0.0.1/10002) 2>/dev/null && break
    sleep 0.5
  done
  echo "run: Azurite listening on 127.0.0.1:10000-10002 (data in .azurite/)"
else
  echo "run: using the Azurite already listening on 127.0.0.1:10000"
fi

dotnet run --project functions --no-restore &
pids+=($!)
echo "run: functions app starting standalone on $ASPNETCORE_URLS (health: $ASPNETCORE_URLS/api/health)"
wait "${pids[-1]}"
