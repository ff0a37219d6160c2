#!/usr/bin/env bash
# HTTP load benchmark (issue 3): durable ticket creation and ticket reads through the real
# binary, driven by wrk over loopback, at 1, 16 and 64 connections.
#
#   bench/http/load.sh [path/to/servicepact]     (default: build-bench/src/app/servicepact)
#
# Environment (all optional):
#   SP_BENCH_DURATION=10        seconds per measured run (1..60)
#   SP_BENCH_WARMUP=3           seconds of unreported creation at 16 connections first, so
#                               the WAL file reaches its steady size (0 = none)
#   SP_BENCH_CONNECTIONS="1 16 64"
#   SP_BENCH_SCENARIOS="create read"   (a subset for experiments; reads need no creations)
#   SERVICEPACT_* variables reach the server as usual (e.g. SERVICEPACT_WORKERS).
#
# Everything is bounded: the server listens on 127.0.0.1 on a free port, every wrk run is
# time-limited (and killed if it overruns), every curl call has a timeout, and the data
# folder is a fresh temporary one that is removed at the end. Exit status 0 only when every
# check passes: tickets stored == 201 responses, and the server exits 0 on SIGTERM.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
bin=$(realpath "${1:-$root/build-bench/src/app/servicepact}")
duration=${SP_BENCH_DURATION:-10}
warmup=${SP_BENCH_WARMUP:-3}
read -r -a connections <<< "${SP_BENCH_CONNECTIONS:-1 16 64}"
read -r -a scenarios <<< "${SP_BENCH_SCENARIOS:-create read}"

die() { echo "load.sh: $*" >&2; exit 1; }
[[ -x $bin ]] || die "no servicepact binary at $bin (build it: ninja -C build-bench servicepact)"
[[ $duration =~ ^[0-9]+$ ]] && (( duration >= 1 && duration <= 60 )) || die "SP_BENCH_DURATION must be 1..60"
[[ $warmup =~ ^[0-9]+$ ]] && (( warmup <= 60 )) || die "SP_BENCH_WARMUP must be 0..60"
for tool in wrk curl jq; do command -v "$tool" >/dev/null || die "$tool is not installed"; done
[[ -x /usr/bin/time ]] || die "/usr/bin/time is not installed (Debian package: time)"

work=$(mktemp -d "${TMPDIR:-/tmp}/sp-load.XXXXXX")
server_pid=""
failures=0

cleanup() {
  local status=$?
  if [[ -n $server_pid ]] && kill -0 "$server_pid" 2>/dev/null; then
    kill -TERM "$server_pid" 2>/dev/null || true
    for _ in $(seq 100); do kill -0 "$server_pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$server_pid" 2>/dev/null || true
  fi
  if (( status != 0 )) && [[ -f $work/server.out ]]; then
    echo "--- server output (last 20 lines) ---" >&2
    tail -n 20 "$work/server.out" "$work/server.err" >&2 || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

# The server reads ./servicepact.toml when present: run it from the empty work folder.
unset SERVICEPACT_CONFIG
cd "$work"

email=bench@bench.test
password='bench-password-1'
"$bin" admin create --email "$email" --password "$password" --data "$work/data" >"$work/admin.out" 2>&1 ||
  { cat "$work/admin.out" >&2; die "admin create failed"; }

"$bin" serve --listen 127.0.0.1:0 --data "$work/data" >"$work/server.out" 2>"$work/server.err" &
server_pid=$!
port=""
for _ in $(seq 100); do
  port=$(grep -oE 'listening on http://127\.0\.0\.1:[0-9]+/' "$work/server.out" | grep -oE '[0-9]+/$' | tr -d / || true)
  [[ -n $port ]] && break
  kill -0 "$server_pid" 2>/dev/null || die "server exited during start-up"
  sleep 0.1
done
[[ -n $port ]] || die "server did not report its port within 10 s"
base="http://127.0.0.1:$port"

# --- Log in, get an API token, create the tenant, customer and one ticket to read --------
call() {  # call METHOD PATH [JSON] -- with the Bearer token; prints the body
  local method=$1 path=$2 body=${3:-}
  local args=(-sS --fail-with-body --max-time 30 -X "$method" -H "Authorization: Bearer $token")
  [[ -n $body ]] && args+=(-H 'Content-Type: application/json' --data "$body")
  curl "${args[@]}" "$base$path"
}
login=$(curl -sS --fail-with-body --max-time 30 -c "$work/cookies" -H 'Content-Type: application/json' \
  --data "$(jq -nc --arg e "$email" --arg p "$password" '{email: $e, password: $p}')" "$base/api/v1/auth/login")
csrf=$(jq -er .csrf_token <<<"$login")
token=$(curl -sS --fail-with-body --max-time 30 -b "$work/cookies" -H "X-CSRF-Token: $csrf" \
  -H 'Content-Type: application/json' --data '{"name":"bench"}' "$base/api/v1/auth/tokens" | jq -er .token)
tenant_id=$(call POST /api/v1/tenants '{"slug":"bench","name":"Bench"}' | jq -er .id)
customer_id=$(call POST /api/v1/customers "{\"tenant_id\":$tenant_id,\"name\":\"Load\"}" | jq -er .id)
ticket_id=$(call POST /api/v1/tickets \
  "{\"tenant_id\":$tenant_id,\"subject\":\"Read me\",\"requester_id\":$customer_id,\"body\":\"Hello\"}" | jq -er .id)
export SP_TENANT_ID=$tenant_id SP_REQUESTER_ID=$customer_id

# --- Helpers -----------------------------------------------------------------------------
count_tickets() {  # pages through GET /api/v1/tickets of the bench tenant
  local total=0 cursor="" page
  for _ in $(seq 100000); do
    page=$(call GET "/api/v1/tickets?tenant_id=$tenant_id&limit=500${cursor:+&cursor=$cursor}")
    total=$(( total + $(jq '.items | length' <<<"$page") ))
    cursor=$(jq -r '.next_cursor // empty' <<<"$page")
    [[ -z $cursor ]] && break
  done
  echo "$total"
}
metrics() { curl -sS --fail --max-time 30 "$base/metrics"; }
metric() {  # metric TEXT NAME -> value (0 when absent)
  awk -v n="$2" '$1 == n { v = $2 } END { printf "%s\n", (v == "" ? 0 : v) }' <<<"$1"
}
server_cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$server_pid/stat"; }
# All CPUs: ticks of processes (user, nice, system) and of interrupts (irq, softirq: much of
# loopback TCP is processed there and charged to no process).
proc_ticks() { awk '$1 == "cpu" { print $2 + $3 + $4; exit }' /proc/stat; }
irq_ticks() { awk '$1 == "cpu" { print $7 + $8; exit }' /proc/stat; }
clk_tck=$(getconf CLK_TCK)

wrk_cmd() {  # wrk_cmd CONNECTIONS SECONDS SCRIPT PATH -> the wrk argument list, one per line
  local c=$1 seconds=$2 script=$3 path=$4 threads=2
  (( c == 1 )) && threads=1
  printf '%s\n' "-t$threads" "-c$c" "-d${seconds}s" --timeout 5s --latency \
    -H "Authorization: Bearer $token" -s "$here/$script" "$base$path"
}

quoted() {  # a command line for the report: arguments with spaces in single quotes
  local out="" arg
  for arg in "$@"; do [[ $arg == *" "* ]] && arg="'$arg'"; out+="${out:+ }$arg"; done
  echo "$out"
}

declare -a rows=() batch_rows=() commands=()
run() {  # run SCENARIO CONNECTIONS SCRIPT PATH
  local scenario=$1 c=$2 script=$3 path=$4 out="$work/wrk-$1-$2.txt"
  local cpu_before cpu_after proc_before proc_after irq_before irq_after before_metrics after_metrics stored_before stored_after
  local -a args
  mapfile -t args < <(wrk_cmd "$c" "$duration" "$script" "$path")
  commands+=("$(quoted wrk "${args[@]}")")
  if [[ $scenario == create ]]; then stored_before=$(count_tickets); fi
  before_metrics=$(metrics)
  cpu_before=$(server_cpu_ticks)
  proc_before=$(proc_ticks)
  irq_before=$(irq_ticks)
  timeout $(( duration + 30 )) /usr/bin/time -o "$work/time.txt" -f '%U %S' wrk "${args[@]}" >"$out" 2>&1 ||
    { cat "$out" >&2; die "wrk failed"; }
  proc_after=$(proc_ticks)
  irq_after=$(irq_ticks)
  cpu_after=$(server_cpu_ticks)
  sleep 0.5  # requests in flight when wrk stopped finish and commit
  after_metrics=$(metrics)

  local line; line=$(grep '^SPWRK ' "$out") || { cat "$out" >&2; die "no summary from wrk"; }
  local -A r=()
  for kv in ${line#SPWRK }; do r[${kv%%=*}]=${kv#*=}; done
  local rps ok socket cpu wrk_cpu irq_cpu other_cpu
  rps=$(awk -v n="${r[requests]}" -v d="${r[duration_us]}" 'BEGIN { printf "%.0f", n / (d / 1e6) }')
  ok=$(( ${r[requests]} - ${r[non2xx]} ))
  socket=$(( ${r[connect]} + ${r[read]} + ${r[write]} + ${r[timeout]} ))
  # CPU use during the run, in % of one core (the machine has $(nproc) x 100%): the server,
  # wrk, interrupt handling (loopback TCP), and every other process on the machine.
  read -r wrk_cpu irq_cpu other_cpu < <(awk -v s=$(( cpu_after - cpu_before )) \
    -v p=$(( proc_after - proc_before )) -v i=$(( irq_after - irq_before )) \
    -v hz="$clk_tck" -v d="${r[duration_us]}" -v w="$(cat "$work/time.txt")" 'BEGIN {
      split(w, t, " "); secs = d / 1e6; server = s / hz; wrk = t[1] + t[2]; other = p / hz - server - wrk
      printf "%.0f%% %.0f%% %.0f%%\n", 100 * wrk / secs, 100 * i / hz / secs, (other > 0 ? 100 * other / secs : 0) }')
  cpu=$(awk -v t=$(( cpu_after - cpu_before )) -v hz="$clk_tck" -v d="${r[duration_us]}" \
    'BEGIN { printf "%.0f%%", 100 * (t / hz) / (d / 1e6) }')
  ms() { awk -v u="$1" 'BEGIN { printf "%.2f ms", u / 1000 }'; }
  rows+=("| $scenario | $c | ${r[requests]} | $rps | $(ms "${r[p50_us]}") | $(ms "${r[p99_us]}") | $(ms "${r[max_us]}") | ${r[non2xx]} | $socket | $cpu | $wrk_cpu | $irq_cpu | $other_cpu |")

  if [[ $scenario == create ]]; then
    stored_after=$(count_tickets)
    local stored=$(( stored_after - stored_before )) key='servicepact_http_requests_total{route="/api/v1/tickets",method="POST",status="201"}'
    local server201=$(( $(metric "$after_metrics" "$key") - $(metric "$before_metrics" "$key") ))
    # wrk never sees the responses still in flight when its time is up (at most one per
    # connection), so: wrk's 2xx <= stored <= wrk's 2xx + connections, and stored must
    # equal the server's own count of 201 responses exactly.
    local verdict=ok
    if (( stored != server201 || stored < ok || stored > ok + c )); then verdict=MISMATCH; failures=$(( failures + 1 )); fi
    echo "check create c=$c: wrk 2xx=$ok, server 201s=$server201, tickets stored (GET count)=$stored, in flight at stop=$(( stored - ok )): $verdict"
    local bs bc ds dc
    bs=$(awk -v a="$(metric "$after_metrics" servicepact_db_commit_batch_size_sum)" -v b="$(metric "$before_metrics" servicepact_db_commit_batch_size_sum)" 'BEGIN { print a - b }')
    bc=$(( $(metric "$after_metrics" servicepact_db_commit_batch_size_count) - $(metric "$before_metrics" servicepact_db_commit_batch_size_count) ))
    ds=$(awk -v a="$(metric "$after_metrics" servicepact_db_commit_duration_seconds_sum)" -v b="$(metric "$before_metrics" servicepact_db_commit_duration_seconds_sum)" 'BEGIN { print a - b }')
    dc=$(( $(metric "$after_metrics" servicepact_db_commit_duration_seconds_count) - $(metric "$before_metrics" servicepact_db_commit_duration_seconds_count) ))
    batch_rows+=("$(awk -v c="$c" -v bs="$bs" -v bc="$bc" -v ds="$ds" -v dc="$dc" -v d="${r[duration_us]}" 'BEGIN {
      printf "| create | %d | %d | %.0f | %.1f | %.2f ms |", c, bc, bc / (d / 1e6), (bc ? bs / bc : 0), (dc ? 1000 * ds / dc : 0) }')")
  fi
  echo "done: $scenario c=$c ($rps req/s)"
}

# --- Runs --------------------------------------------------------------------------------
echo "servicepact load benchmark: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(nproc) CPUs, $base"
if (( warmup > 0 )); then
  mapfile -t warm_args < <(wrk_cmd 16 "$warmup" create_ticket.lua /api/v1/tickets)
  timeout $(( warmup + 30 )) wrk "${warm_args[@]}" >"$work/wrk-warmup.txt" 2>&1 || die "warm-up failed"
  echo "warm-up: $(grep '^SPWRK' "$work/wrk-warmup.txt" | grep -oE 'requests=[0-9]+') tickets created at 16 connections (not reported)"
fi
for scenario in "${scenarios[@]}"; do
  case $scenario in
    create) for c in "${connections[@]}"; do run create "$c" create_ticket.lua /api/v1/tickets; done ;;
    read) for c in "${connections[@]}"; do run read "$c" get_ticket.lua "/api/v1/tickets/$ticket_id"; done ;;
    *) die "unknown scenario $scenario (create, read)" ;;
  esac
done

final_metrics=$(metrics)
total_stored=$(count_tickets)

# --- Stop the server: SIGTERM must drain and exit 0 ------------------------------------------
kill -TERM "$server_pid"
for _ in $(seq 300); do kill -0 "$server_pid" 2>/dev/null || break; sleep 0.1; done
server_status=0
if kill -0 "$server_pid" 2>/dev/null; then
  server_status=timeout
else
  wait "$server_pid" || server_status=$?
fi
server_pid=""
[[ $server_status == 0 ]] || failures=$(( failures + 1 ))

# --- Report --------------------------------------------------------------------------------
echo
echo "| scenario | connections | requests | requests/s | p50 | p99 | max | non-2xx | socket errors | CPU server | CPU wrk | CPU irq | CPU other |"
echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
printf '%s\n' "${rows[@]}"
echo
echo "Group commit during each creation run (from /metrics, servicepact_db_commit_*):"
echo
echo "| scenario | connections | commits | commits/s | mean batch size | mean commit time |"
echo "|---|---:|---:|---:|---:|---:|"
printf '%s\n' "${batch_rows[@]}"
echo
awk -v bs="$(metric "$final_metrics" servicepact_db_commit_batch_size_sum)" \
    -v bc="$(metric "$final_metrics" servicepact_db_commit_batch_size_count)" \
    -v ds="$(metric "$final_metrics" servicepact_db_commit_duration_seconds_sum)" \
    -v dc="$(metric "$final_metrics" servicepact_db_commit_duration_seconds_count)" \
  'BEGIN { printf "Whole server lifetime: %d commits, mean batch size %.1f, mean commit time %.2f ms\n", bc, (bc ? bs / bc : 0), (dc ? 1000 * ds / dc : 0) }'
echo "Tickets of the bench tenant at the end (GET count, incl. warm-up and the one read): $total_stored"
echo "Server exit status after SIGTERM: $server_status"
echo
echo "Commands (token and port vary per run):"
printf '  %s\n' "${commands[@]//Bearer $token/Bearer \$TOKEN}"
(( failures == 0 )) || die "$failures check(s) failed"
