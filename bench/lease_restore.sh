#!/usr/bin/env bash
# Lease restore after unseal: seeds N leases (token leases from auth/token/create with ttl=768h) on in-memory
# storage, seals, unseals, and measures the time from the unseal answer to the first answered request, the
# total restore time (sys/metrics vault.expire.restore_ms), and memory per lease.
#   bench/lease_restore.sh                 100,000 and 1,000,000 leases
#   bench/lease_restore.sh 20000           one size
set -euo pipefail
cd "$(dirname "$0")/.."
SIZES=("$@")
[[ ${#SIZES[@]} -eq 0 ]] && SIZES=(100000 1000000)

command -v wrk > /dev/null || { apt-get update -qq && apt-get install -y -qq wrk > /dev/null; }
dotnet build src/Server/SecretVault.Server -c Release -nologo -v q > /dev/null
SERVER_DLL=src/Server/SecretVault.Server/bin/Release/net10.0/SecretVault.Server.dll
WORK=$(mktemp -d /tmp/sv-lease-bench.XXXXXX)
PID=""
cleanup() { [[ -n "$PID" ]] && kill "$PID" 2> /dev/null; rm -rf "$WORK"; }
trap cleanup EXIT

for size in "${SIZES[@]}"; do
  PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
  printf 'storage:\n  inmem: {}\nlistener:\n  tcp:\n    address: 127.0.0.1:%s\n    tls_disable: true\nlog_level: warn\n' "$PORT" > "$WORK/server.yaml"
  dotnet "$SERVER_DLL" server -config "$WORK/server.yaml" > "$WORK/server.log" 2>&1 &
  PID=$!
  for _ in $(seq 1 100); do curl -s -o /dev/null "http://127.0.0.1:$PORT/v1/sys/seal-status" && break; sleep 0.1; done
  eval "$(python3 bench/prepare.py "http://127.0.0.1:$PORT")"
  python3 bench/lease_restore.py "http://127.0.0.1:$PORT" "$PID" "$size"
  kill "$PID"
  wait "$PID" 2> /dev/null || true
  PID=""
done
