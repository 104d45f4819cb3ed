#!/usr/bin/env bash
# A/B of two server builds under the same conditions: kv_read and token_create at c=16, 5 s each, alternating
# old/new for three rounds (run-to-run noise hits both alike). Build the old one from a worktree of the base commit:
#   git worktree add /tmp/wt-old BASE && dotnet build /tmp/wt-old/src/Server/SecretVault.Server -c Release
#   bench/ab.sh /tmp/wt-old/src/Server/SecretVault.Server/bin/Release/net10.0/SecretVault.Server.dll
set -euo pipefail
cd "$(dirname "$0")/.."
OLD=${1:?usage: bench/ab.sh OLD_SERVER_DLL [NEW_SERVER_DLL]}
NEW=${2:-src/Server/SecretVault.Server/bin/Release/net10.0/SecretVault.Server.dll}
W=$(mktemp -d)
start() { # dll name -> port
  local port; port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
  printf 'storage:\n  inmem: {}\nlistener:\n  tcp:\n    address: 127.0.0.1:%s\n    tls_disable: true\nlog_level: warn\n' "$port" > "$W/$2.yaml"
  dotnet "$1" server -config "$W/$2.yaml" > "$W/$2.log" 2>&1 &
  echo $! > "$W/$2.pid"
  for _ in $(seq 1 100); do curl -s -o /dev/null "http://127.0.0.1:$port/v1/sys/seal-status" && break; sleep 0.1; done
  echo "$port"
}
PO=$(start "$OLD" old); PN=$(start "$NEW" new)
for side in old new; do
  port=$PO; [[ $side == new ]] && port=$PN
  eval "$(python3 bench/prepare.py "http://127.0.0.1:$port")"
  echo "$VAULT_TOKEN" > "$W/$side.token"
  VAULT_TOKEN=$VAULT_TOKEN wrk -t2 -c16 -d3s -s bench/scenarios/kv_read.lua "http://127.0.0.1:$port" > /dev/null
done
for round in 1 2 3; do
  for side in old new; do
    port=$PO; [[ $side == new ]] && port=$PN
    for sc in kv_read token_create; do
      line=$(VAULT_TOKEN=$(cat "$W/$side.token") wrk -t2 -c16 -d5s --timeout 10s -s "bench/scenarios/$sc.lua" "http://127.0.0.1:$port" | grep '^RESULT ')
      read -r _ requests duration errors p50 p99 p999 <<< "$line"
      echo "round $round $side $sc c=16: $(( requests * 1000000 / duration )) req/s p99 ${p99}us errors $errors"
    done
  done
done
kill "$(cat "$W/old.pid")" "$(cat "$W/new.pid")"; rm -rf "$W"
