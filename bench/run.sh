#!/usr/bin/env bash
# Runs every benchmark scenario against a Release build of the server and writes bench/results/results.md.
#   bench/run.sh           10 s per scenario and concurrency (about 10 minutes)
#   bench/run.sh --smoke   1 s each, to check the harness still works
#   BENCH_INMEM="health kv_read" BENCH_FILE="" bench/run.sh   only those scenarios (an empty list skips that storage)
# A scenario is a Lua file in bench/scenarios plus one entry in a SCENARIOS_* list below.
set -euo pipefail
cd "$(dirname "$0")/.."

DURATION=10
[[ "${1:-}" == "--smoke" ]] && DURATION=1
CONCURRENCY=(1 16 64)
read -r -a SCENARIOS_INMEM <<< "${BENCH_INMEM-health kv_read kv_list token_lookup_self token_create approle_login userpass_login transit_encrypt transit_decrypt transit_sign_ecdsa transit_verify_ecdsa transit_sign_ed25519 transit_verify_ed25519}"
read -r -a SCENARIOS_FILE <<< "${BENCH_FILE-health kv_write kv_read}"

OUT=bench/results
WORK=$(mktemp -d /tmp/sv-bench.XXXXXX)
mkdir -p "$OUT"
RAW="$OUT/raw.tsv"
printf 'storage\tscenario\tconcurrency\trequests\tduration_us\terrors\tp50_us\tp99_us\tp999_us\trss_kib\tgc0\tgc1\tgc2\n' > "$RAW"

command -v wrk > /dev/null || { apt-get update -qq && apt-get install -y -qq wrk > /dev/null; }
dotnet build src/Server/SecretVault.Server -c Release -nologo -v q > /dev/null
dotnet build bench/BareKestrel -c Release -nologo -v q > /dev/null
SERVER_DLL=src/Server/SecretVault.Server/bin/Release/net10.0/SecretVault.Server.dll
BARE_DLL=bench/BareKestrel/bin/Release/net10.0/BareKestrel.dll

PIDS=()
cleanup() { for pid in "${PIDS[@]}"; do kill "$pid" 2> /dev/null || true; done; rm -rf "$WORK"; }
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

wait_for() {
  for _ in $(seq 1 100); do
    curl -s -o /dev/null "$1" && return 0
    sleep 0.1
  done
  echo "server at $1 did not start" >&2
  exit 1
}

# Resident memory after each row, and the server's GC counts by generation from sys/metrics (blank for the
# bare baseline, which has no such endpoint).
rss_of() { awk '/VmRSS/ {print $2}' "/proc/$1/status"; }
gc_counts() {
  curl -s -H "X-Vault-Token: ${VAULT_TOKEN:-}" "http://127.0.0.1:$1/v1/sys/metrics" | python3 -c '
import json, sys
try:
    gauges = {g["Name"]: int(g["Value"]) for g in json.load(sys.stdin)["Gauges"]}
    print(*(gauges["vault.runtime.gc_gen%d_runs" % n] for n in range(3)))
except Exception:
    print("- - -")'
}

run_wrk() { # storage scenario concurrency port pid
  local threads=$(( $3 < 2 ? 1 : 2 ))
  local line before after
  read -r -a before <<< "$(gc_counts "$4")"
  line=$(wrk -t"$threads" -c"$3" -d"${DURATION}s" --timeout 10s -s "bench/scenarios/$2.lua" "http://127.0.0.1:$4" | grep '^RESULT ')
  read -r _ requests duration errors p50 p99 p999 <<< "$line"
  read -r -a after <<< "$(gc_counts "$4")"
  local gc=()
  for n in 0 1 2; do
    if [[ "${before[$n]}" == "-" ]]; then gc+=("-"); else gc+=("$(( after[n] - before[n] ))"); fi
  done
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$1" "$2" "$3" "$requests" "$duration" "$errors" "$p50" "$p99" "$p999" "$(rss_of "$5")" "${gc[@]}" >> "$RAW"
  echo "  $1 $2 c=$3: $requests requests, $errors errors"
}

start_server() { # storage -> sets PORT PID
  PORT=$(free_port)
  local storage_yaml="inmem: {}"
  [[ "$1" == "file" ]] && storage_yaml="file: {path: $WORK/data-$PORT}"
  cat > "$WORK/server-$1.yaml" << YAML
storage:
  $storage_yaml
listener:
  tcp:
    address: 127.0.0.1:$PORT
    tls_disable: true
log_level: warn
YAML
  dotnet "$SERVER_DLL" server -config "$WORK/server-$1.yaml" > "$WORK/server-$1.log" 2>&1 &
  PID=$!
  PIDS+=("$PID")
  wait_for "http://127.0.0.1:$PORT/v1/sys/seal-status"
  eval "$(python3 bench/prepare.py "http://127.0.0.1:$PORT")"
}

run_storage() { # storage scenarios...
  local storage=$1; shift
  echo "== $storage storage"
  start_server "$storage"
  wrk -t2 -c16 -d2s -s bench/scenarios/kv_read.lua "http://127.0.0.1:$PORT" > /dev/null # warm-up (JIT, caches)
  for scenario in "$@"; do
    for c in "${CONCURRENCY[@]}"; do run_wrk "$storage" "$scenario" "$c" "$PORT" "$PID"; done
  done
  curl -s "http://127.0.0.1:$PORT/v1/sys/health" > "$WORK/health.json"
  kill "$PID"
}

[[ ${#SCENARIOS_INMEM[@]} -gt 0 ]] && run_storage inmem "${SCENARIOS_INMEM[@]}"
[[ ${#SCENARIOS_FILE[@]} -gt 0 ]] && run_storage file "${SCENARIOS_FILE[@]}"

echo "== bare Kestrel baseline"
PORT=$(free_port)
dotnet "$BARE_DLL" "$WORK/health.json" "http://127.0.0.1:$PORT" > "$WORK/bare.log" 2>&1 &
PID=$!
PIDS+=("$PID")
wait_for "http://127.0.0.1:$PORT/v1/sys/health"
wrk -t2 -c16 -d2s -s bench/scenarios/bare.lua "http://127.0.0.1:$PORT" > /dev/null
for c in "${CONCURRENCY[@]}"; do run_wrk bare bare "$c" "$PORT" "$PID"; done

python3 bench/report.py "$RAW" "$DURATION" > "$OUT/results.md"

# The ceiling for transit encrypt: the same AES-GCM work on the same 1 KiB in a loop, without HTTP.
if [[ " ${SCENARIOS_INMEM[*]} " == *" transit_encrypt "* ]]; then
  echo "== in-process AES-GCM ceiling"
  {
    echo
    echo "In-process ceiling for transit_encrypt (bench/TransitCeiling: base64-decode, random nonce, AesGcm, base64; no HTTP):"
    echo
    echo "| threads | encryptions/s |"
    echo "|---|---|"
    dotnet run --project bench/TransitCeiling -c Release -- "$DURATION" | while read -r threads rate; do echo "| $threads | $rate |"; done
  } >> "$OUT/results.md"
fi
cat "$OUT/results.md"
