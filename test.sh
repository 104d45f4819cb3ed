#!/usr/bin/env bash
# Runs every test project once and prints "N passed, N failed[, N skipped]" as the last line.
# Installs what the tests need (Debian packages) only when it is missing.
set -euo pipefail

cd "$(dirname "$0")"
ROOT=$(pwd)
RESULTS="$ROOT/.test-out"
CONFIGURATION=${CONFIGURATION:-Release}

need_packages=()
for package in python3-hvac postgresql; do
  if ! dpkg -s "$package" >/dev/null 2>&1; then
    need_packages+=("$package")
  fi
done
# node-vault's flows need node and npm; a machine may already have them from another source (NodeSource), so
# only their absence asks for Debian's packages.
if ! command -v node >/dev/null 2>&1; then need_packages+=(nodejs); fi
if ! command -v npm >/dev/null 2>&1; then need_packages+=(npm); fi
if [ ${#need_packages[@]} -gt 0 ]; then
  SUDO=""
  if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
  echo "Installing: ${need_packages[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need_packages[@]}" >/dev/null
fi

NODE_VAULT="$ROOT/tests/clients/node-vault"
if [ ! -f "$NODE_VAULT/node_modules/node-vault/package.json" ]; then
  echo "Installing node-vault (npm ci in tests/clients/node-vault)"
  (cd "$NODE_VAULT" && npm ci --no-audit --no-fund --loglevel=error)
fi

if ! command -v dotnet >/dev/null 2>&1; then
  echo "The .NET 10 SDK (dotnet) is required." >&2
  exit 1
fi

rm -rf "$RESULTS"
mkdir -p "$RESULTS"

echo "Building SecretVault.sln ($CONFIGURATION)"
if ! dotnet build SecretVault.sln -c "$CONFIGURATION" -nologo -v quiet > "$RESULTS/build.log" 2>&1; then
  cat "$RESULTS/build.log"
  echo "0 passed, 1 failed"
  exit 1
fi

# --- PostgreSQL for the storage tests (issue 19) -------------------------------------------------------------
# A throw-away server (tests/scripts/postgres.sh) for every test that needs one; they read SV_TEST_PG_URL.
pg_started_at=$(date +%s%N)
pg_env=$(tests/scripts/postgres.sh start)
eval "$pg_env"
trap 'tests/scripts/postgres.sh stop "$SV_TEST_PG_DIR" >/dev/null 2>&1 || true' EXIT
echo "PostgreSQL started in $(( ($(date +%s%N) - pg_started_at) / 1000000 )) ms"
# --- end PostgreSQL -------------------------------------------------------------------------------------------

# The sample engines under samples/ carry their own test projects, run like the others.
shopt -s nullglob
candidates=(tests/*/*.csproj samples/*/*.csproj)
projects=$(grep -l "<IsTestProject>true</IsTestProject>" "${candidates[@]}" | sort)
project_failures=0
for project in $projects; do
  name=$(basename "$project" .csproj)
  echo "Testing $name"
  if ! dotnet test "$project" -c "$CONFIGURATION" --no-build -nologo \
      --logger "trx;LogFileName=$name.trx" --results-directory "$RESULTS" > "$RESULTS/$name.log" 2>&1; then
    grep -E "^\s+Failed |Error Message|^\s+at .*Tests" "$RESULTS/$name.log" | head -40 || true
    if [ ! -f "$RESULTS/$name.trx" ]; then
      cat "$RESULTS/$name.log" | tail -20
      project_failures=$((project_failures + 1))
    fi
  fi
done

passed=0
failed=0
skipped=0
for trx in "$RESULTS"/*.trx; do
  [ -f "$trx" ] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -1)
  value() { echo "$counters" | sed -n "s/.* $1=\"\([0-9]*\)\".*/\1/p"; }
  p=$(value passed); f=$(value failed); e=$(value error); t=$(value total); x=$(value executed)
  p=${p:-0}; f=${f:-0}; e=${e:-0}; t=${t:-0}; x=${x:-0}
  s=$((t - x))
  echo "  $(basename "$trx" .trx): $p passed, $((f + e)) failed$([ "$s" -gt 0 ] && echo ", $s skipped")"
  passed=$((passed + p)); failed=$((failed + f + e)); skipped=$((skipped + s))
done
failed=$((failed + project_failures))

summary="$passed passed, $failed failed"
if [ "$skipped" -gt 0 ]; then summary="$summary, $skipped skipped"; fi
echo "$summary"
[ "$failed" -eq 0 ]
