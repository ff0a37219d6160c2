#!/usr/bin/env bash
# End-to-end tests of the web pages (web/e2e/*.test.mjs) in Debian's chromium, driven by
# playwright-core with axe-core, against a real servicepact serving the demo data.
#
#   scripts/e2e.sh [SERVER_BINARY]     default: build/src/app/servicepact
#
# Builds web/ when needed, starts `servicepact serve --demo` on a free loopback port with a
# fresh data folder, waits for /readyz, runs the tests with BASE_URL set, saves screenshots
# to web/e2e/screenshots/ and prints the console's JS size and load time as a JSON line
# (PERF ...). The server is always stopped.
set -euo pipefail
cd "$(dirname "$0")/.."
root="$PWD"

binary="${1:-build/src/app/servicepact}"
if [[ ! -x "$binary" ]]; then
  echo "e2e: no server binary at $binary (build it first: cmake --build build --target servicepact)" >&2
  exit 1
fi
binary="$(realpath "$binary")"

PACKAGES=()
POST_INSTALL=()
# shellcheck source=deps/web.sh
source scripts/deps/web.sh
web_build

chromium_bin="${CHROMIUM:-/usr/bin/chromium}"
if [[ ! -x "$chromium_bin" ]]; then
  echo "e2e: $chromium_bin is missing (scripts/install-deps.sh installs Debian's chromium)" >&2
  exit 1
fi

tmp="$(mktemp -d)"
server_pid=""
cleanup() {
  local status=$?
  if [[ -n "$server_pid" ]] && kill -0 "$server_pid" 2>/dev/null; then
    kill -TERM "$server_pid" 2>/dev/null || true
    for _ in $(seq 1 50); do
      kill -0 "$server_pid" 2>/dev/null || break
      sleep 0.1
    done
    kill -KILL "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
  fi
  if [[ $status -ne 0 && -f "$tmp/server.log" ]]; then
    echo "e2e: last lines of the server log:" >&2
    tail -n 30 "$tmp/server.log" >&2 || true
  fi
  rm -rf "$tmp"
  exit "$status"
}
trap cleanup EXIT INT TERM

port="$(node -e "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")"
base="http://127.0.0.1:$port"

"$binary" serve --demo --data "$tmp/data" --listen "127.0.0.1:$port" --web-root "$root/web/dist" \
  >"$tmp/server.log" 2>&1 &
server_pid=$!

ready=""
for _ in $(seq 1 600); do
  if ! kill -0 "$server_pid" 2>/dev/null; then
    echo "e2e: the server exited during start-up" >&2
    exit 1
  fi
  if curl -fsS -o /dev/null "$base/readyz" 2>/dev/null; then
    ready=1
    break
  fi
  sleep 0.2
done
if [[ -z "$ready" ]]; then
  echo "e2e: the server was not ready within 120 s" >&2
  exit 1
fi
echo "e2e: servicepact ready at $base"

mkdir -p web/e2e/screenshots
set +e
BASE_URL="$base" CHROMIUM="$chromium_bin" node --test --test-concurrency=1 web/e2e/*.test.mjs 2>&1 | tee "$tmp/e2e.log"
status=${PIPESTATUS[0]}
set -e

perf="$(grep -o 'PERF {.*}' "$tmp/e2e.log" | tail -n 1 | cut -c6- || true)"
if [[ -n "$perf" ]]; then
  echo "$perf" >web/e2e/screenshots/perf.json
  echo "e2e: console performance (for docs/PERFORMANCE.md): $perf"
fi
echo "e2e: screenshots in web/e2e/screenshots/"
exit "$status"
