#!/usr/bin/env bash
# Full-text search at 1,000,000 tickets in one tenant (issue 17): GET /api/v1/search through
# HTTP with wrk on loopback, for a word in about 8 % of the tickets, one in about 3 %, one in a
# single ticket, two words together (also two that rarely meet), a Chinese word, a customer's
# name, a word in no ticket, and with filters (status, priority, assignee).
#
#   bench/http/search_million.sh BINARY
#
# Environment (optional): SP_BENCH_TICKETS=1000000, SP_BENCH_DURATION=8 (seconds per query,
# 1..60), SP_BENCH_CONNECTIONS="1 16", SP_BENCH_KEEP=1 (keep the temporary folder).
#
# The server creates the tenant, 50 agents and 200 customers (nl, en, zh, each with an
# address) through the API; seed_search.py writes the tickets and messages with plain SQL and
# puts them in the index's backfill range; the server's backfill indexes them at its next start
# (timed here), then each query is measured. Bounded: loopback only, every wrk run and the
# backfill wait time-limited, the temporary folder removed.
set -euo pipefail
trap 'echo "search_million.sh: failed at line $LINENO: $BASH_COMMAND" >&2' ERR

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
bin=$(realpath "${1:?usage: search_million.sh BINARY}")
tickets=${SP_BENCH_TICKETS:-1000000}
duration=${SP_BENCH_DURATION:-8}
read -r -a connections <<< "${SP_BENCH_CONNECTIONS:-1 16}"
die() { echo "search_million.sh: $*" >&2; exit 1; }
source "$here/million_lib.sh"
[[ $duration =~ ^[0-9]+$ ]] && (( duration >= 1 && duration <= 60 )) || die "SP_BENCH_DURATION must be 1..60"
[[ $tickets =~ ^[0-9]+$ ]] && (( tickets >= 1000 && tickets <= 5000000 )) || die "SP_BENCH_TICKETS must be 1000..5000000"
for tool in wrk curl jq python3 sqlite3; do command -v "$tool" >/dev/null || die "$tool is not installed"; done

work=$(mktemp -d "${TMPDIR:-/tmp}/sp-search.XXXXXX")
cleanup() { stop_server; if [[ -n ${SP_BENCH_KEEP:-} ]]; then echo "kept $work"; else rm -rf "$work"; fi; }
trap cleanup EXIT
unset SERVICEPACT_CONFIG
cd "$work"
elapsed() { awk -v a="$1" -v b="$(date +%s.%N)" 'BEGIN { printf "%.0f", b - a }'; }

bench_tenant "$bin" "$work/data"
languages=(nl en zh)
for n in $(seq 200); do
  call POST /api/v1/customers "{\"tenant_id\":$tenant,\"name\":\"Klant$n Jansen$n\",\"language\":\"${languages[n % 3]}\",\"emails\":[\"klant$n@voorbeeld$n.nl\"]}" >/dev/null
done
stop_server
started=$(date +%s.%N)
python3 "$here/seed_search.py" "$work/data/servicepact.db" "$tickets" "$tenant" "$(date +%s%3N)"
echo "seeded $tickets tickets in $(elapsed "$started") s"

started=$(date +%s.%N)
start_server "$bin" "$work/data" "$work/server.log"
for _ in $(seq 36000); do  # at most an hour
  [[ $(sqlite3 "$work/data/servicepact.db" 'SELECT COUNT(*) FROM search_backfill') == 0 ]] && break
  sleep 0.1
done
[[ $(sqlite3 "$work/data/servicepact.db" 'SELECT COUNT(*) FROM search_backfill') == 0 ]] || die "backfill not done within an hour"
echo "backfill indexed $tickets tickets in $(elapsed "$started") s (server start included)"
echo "database $(du -sh "$work/data" | cut -f1)"

token=$(login agent1@bench.test "$password")
me=$(call GET "/api/v1/agents?limit=500" | jq -er '[.items[] | select(.email == "agent1@bench.test") | .id][0]')
# The one ticket with order number 0500000 (every ticket carries its own).
middle=$(printf '%07d' $(( $(sqlite3 "$work/data/servicepact.db" 'SELECT MIN(id) FROM tickets') + tickets / 2 )))
q() { jq -rn --arg v "$1" '$v | @uri'; }
declare -a rows=()
urls=(
  "word in ~8 % (factuur)|/api/v1/search?q=factuur"
  "word in ~3 % (retour)|/api/v1/search?q=retour"
  "one ticket (order number)|/api/v1/search?q=$middle"
  "two words (pakket beschadigd)|/api/v1/search?q=$(q 'pakket beschadigd')"
  "two words rarely together (invoice delivery)|/api/v1/search?q=$(q 'invoice delivery')"
  "zh word (退款)|/api/v1/search?q=$(q '退款')"
  "customer name (jansen17)|/api/v1/search?q=jansen17"
  "filter status=open|/api/v1/search?q=levering&status=open"
  "filter priority=urgent|/api/v1/search?q=levering&priority=urgent"
  "filter mine|/api/v1/search?q=levering&assignee_id=$me"
  "no match|/api/v1/search?q=zzzyyyxxx"
)
for entry in "${urls[@]}"; do
  name=${entry%%|*} path=${entry#*|}
  answer=$(curl -s --max-time 60 -w '\n%{http_code}' -H "Authorization: Bearer $token" "$base$path")
  code=${answer##*$'\n'}
  if [[ $code != 200 ]]; then rows+=("| search | $name | | HTTP $code | | | | |"); continue; fi
  echo "$name: $(jq -r '"\(.items | length) items, next_cursor \(.next_cursor)"' <<<"${answer%$'\n'*}")"
  wrk_rows search "$name" "$path"
done
stop_server

echo
echo "$tickets tickets, $(nproc) CPUs, wrk -d${duration}s per query and connection count"
echo "| run | query | connections | requests | req/s | p50 | p99 | non-2xx |"
echo "|---|---|---|---|---|---|---|---|"
printf '%s\n' "${rows[@]}"
