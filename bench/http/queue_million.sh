#!/usr/bin/env bash
# Queue benchmark at 1,000,000 tickets in one tenant (issue 17): the first page of each
# default view, the queue sorted by urgency and by due time, and the view counts, through
# HTTP with wrk on loopback. Optionally the same data against a second binary (an older
# commit) in the same run, side by side.
#
#   bench/http/queue_million.sh NEW_BINARY [OLD_BINARY]
#
# Environment (optional): SP_BENCH_TICKETS=1000000, SP_BENCH_DURATION=8 (seconds per URL,
# 1..60), SP_BENCH_CONNECTIONS="1 16", SP_BENCH_KEEP=1 (keep the temporary folder to inspect).
#
# The database is made once: the server (OLD_BINARY when given, so its schema is the older
# one) creates the tenant, 50 agents, 200 customers, an always-open calendar, a policy
# (first response 8 h, resolution 5 days) and two template tickets through the API; then
# seed_queue.py copies the templates to SP_BENCH_TICKETS tickets. Each binary starts on its
# own copy (the newer one migrates it first), computes every SLA clock at start, and is
# measured. Bounded: loopback only, every wrk run time-limited, the temporary folder removed.
set -euo pipefail
trap 'echo "queue_million.sh: failed at line $LINENO: $BASH_COMMAND" >&2' ERR

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
new_bin=$(realpath "${1:?usage: queue_million.sh NEW_BINARY [OLD_BINARY]}")
old_bin=${2:+$(realpath "$2")}
tickets=${SP_BENCH_TICKETS:-1000000}
duration=${SP_BENCH_DURATION:-8}
read -r -a connections <<< "${SP_BENCH_CONNECTIONS:-1 16}"
die() { echo "queue_million.sh: $*" >&2; exit 1; }
source "$here/million_lib.sh"
[[ $duration =~ ^[0-9]+$ ]] && (( duration >= 1 && duration <= 60 )) || die "SP_BENCH_DURATION must be 1..60"
[[ $tickets =~ ^[0-9]+$ ]] && (( tickets >= 1000 && tickets <= 5000000 )) || die "SP_BENCH_TICKETS must be 1000..5000000"
for tool in wrk curl jq python3; do command -v "$tool" >/dev/null || die "$tool is not installed"; done

work=$(mktemp -d "${TMPDIR:-/tmp}/sp-queue.XXXXXX")
cleanup() { stop_server; if [[ -n ${SP_BENCH_KEEP:-} ]]; then echo "kept $work"; else rm -rf "$work"; fi; }
trap cleanup EXIT
unset SERVICEPACT_CONFIG
cd "$work"

# --- The database, made once ---------------------------------------------------------------
setup_bin=${old_bin:-$new_bin}
bench_tenant "$setup_bin" "$work/seed"
for n in $(seq 200); do
  customer=$(call POST /api/v1/customers "{\"tenant_id\":$tenant,\"name\":\"Klant $n\"}" | jq -er .id)
done
calendar=$(call POST /api/v1/calendars "{\"tenant_id\":$tenant,\"name\":\"Always\",\"calendar\":{\"timezone\":\"UTC\",\"weekly\":{\"mon\":[[\"00:00\",\"24:00\"]],\"tue\":[[\"00:00\",\"24:00\"]],\"wed\":[[\"00:00\",\"24:00\"]],\"thu\":[[\"00:00\",\"24:00\"]],\"fri\":[[\"00:00\",\"24:00\"]],\"sat\":[[\"00:00\",\"24:00\"]],\"sun\":[[\"00:00\",\"24:00\"]]}}}" | jq -er .id)
call POST /api/v1/sla/policies "{\"tenant_id\":$tenant,\"name\":\"Standard\",\"calendar_id\":$calendar,\"targets\":{\"first_response_minutes\":480,\"resolution_minutes\":7200}}" >/dev/null
call POST /api/v1/tickets "{\"tenant_id\":$tenant,\"subject\":\"Template\",\"requester_id\":$customer,\"body\":\"Waar blijft mijn pakket?\"}" >/dev/null
answered=$(call POST /api/v1/tickets "{\"tenant_id\":$tenant,\"subject\":\"Template\",\"requester_id\":$customer,\"body\":\"包裹在哪里？\"}" | jq -er .id)
call POST "/api/v1/tickets/$answered/messages" '{"kind":"outbound","body":"We are looking into it."}' >/dev/null
stop_server
seed_started=$(date +%s.%N)
python3 "$here/seed_queue.py" "$work/seed/servicepact.db" "$tickets" "$tenant" "$(date +%s%3N)"
echo "seeded $tickets tickets in $(awk -v a="$seed_started" -v b="$(date +%s.%N)" 'BEGIN { printf "%.0f", b - a }') s"

# --- Measure each binary on its own copy ---------------------------------------------------
declare -a rows=()
measure() {  # measure LABEL BINARY
  local label=$1 bin=$2 started url line
  rm -rf "$work/data" && cp -r "$work/seed" "$work/data"
  started=$(date +%s.%N)
  start_server "$bin" "$work/data" "$work/$label.log"
  # The scheduler computes every open ticket's clocks at start; wait for that to finish.
  for _ in $(seq 6000); do grep -q 'SLA: recomputed' "$work/$label.log" && break; sleep 0.1; done
  echo "$label: up and SLA recomputed in $(awk -v a="$started" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }') s ($(grep -oE 'recomputed open tickets in [0-9.]+ s' "$work/$label.log" || echo 'no recompute line'))"
  token=$(login agent1@bench.test "$password")
  local me; me=$(call GET "/api/v1/agents?limit=500" | jq -er '[.items[] | select(.email == "agent1@bench.test") | .id][0]')
  local open='status=new,open,pending,on_hold'
  local -a urls=(
    "urgency|/api/v1/tickets?sort=urgency&limit=50"
    "due|/api/v1/tickets?sort=due&limit=50"
    "at_risk|/api/v1/tickets?sla=at_risk&limit=50"
    "breached|/api/v1/tickets?sla=breached&sort=urgency&limit=50"
    "mine|/api/v1/tickets?assignee_id=$me&$open&sort=urgency&limit=50"
    "unassigned|/api/v1/tickets?assignee_id=none&$open&sort=urgency&limit=50"
    "views|/api/v1/views"
  )
  for entry in "${urls[@]}"; do
    local name=${entry%%|*} path=${entry#*|} code
    code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 60 -H "Authorization: Bearer $token" "$base$path")
    if [[ $code != 200 ]]; then rows+=("| $label | $name | | HTTP $code | | | | |"); continue; fi
    wrk_rows "$label" "$name" "$path"
  done
  stop_server
}
[[ -n $old_bin ]] && measure old "$old_bin"
measure new "$new_bin"

echo
echo "$tickets tickets, $(nproc) CPUs, wrk -d${duration}s per URL and connection count"
echo "| binary | query | connections | requests | req/s | p50 | p99 | non-2xx |"
echo "|---|---|---|---|---|---|---|---|"
printf '%s\n' "${rows[@]}"
