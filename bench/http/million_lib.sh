# Shared by the 1,000,000-ticket benchmarks (queue_million.sh, search_million.sh): the server
# on loopback, an API token, calls, and wrk runs that add one Markdown row each. The caller
# defines die(), sets work (a temporary folder), duration (seconds per run) and the array
# connections, and declares the array rows; `here` is this folder.
server_pid=""
stop_server() {
  if [[ -n $server_pid ]] && kill -0 "$server_pid" 2>/dev/null; then
    kill -TERM "$server_pid" 2>/dev/null || true
    for _ in $(seq 300); do kill -0 "$server_pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$server_pid" 2>/dev/null || true
  fi
  server_pid=""
}
base=""
start_server() {  # start_server BINARY DATA_DIR LOG -> sets server_pid, base
  "$1" serve --listen 127.0.0.1:0 --data "$2" >"$3" 2>&1 &
  server_pid=$!
  local port=""
  for _ in $(seq 6000); do  # migrations and the SLA recompute at start may take minutes
    port=$(grep -oE 'listening on http://127\.0\.0\.1:[0-9]+/' "$3" | grep -oE '[0-9]+/$' | tr -d / || true)
    [[ -n $port ]] && break
    kill -0 "$server_pid" 2>/dev/null || { tail -n 20 "$3" >&2; die "server exited during start-up"; }
    sleep 0.1
  done
  [[ -n $port ]] || die "server did not report its port within 10 minutes"
  base="http://127.0.0.1:$port"
}
login() {  # login EMAIL PASSWORD -> an API token
  local session csrf
  session=$(curl -sS --fail-with-body --max-time 120 -c "$work/cookies" -H 'Content-Type: application/json' \
    --data "$(jq -nc --arg e "$1" --arg p "$2" '{email: $e, password: $p}')" "$base/api/v1/auth/login")
  csrf=$(jq -er .csrf_token <<<"$session")
  curl -sS --fail-with-body --max-time 120 -b "$work/cookies" -H "X-CSRF-Token: $csrf" \
    -H 'Content-Type: application/json' --data '{"name":"bench"}' "$base/api/v1/auth/tokens" | jq -er .token
}
call() {  # call METHOD PATH [JSON]
  local args=(-sS --fail-with-body --max-time 120 -X "$1" -H "Authorization: Bearer $token")
  [[ -n ${3:-} ]] && args+=(-H 'Content-Type: application/json' --data "$3")
  curl "${args[@]}" "$base$2"
}
password='bench-password-1'
bench_tenant() {  # bench_tenant BINARY DATA_DIR: a new database, the server up, tenant "bench"
  # with agent1..agent50@bench.test (password $password); sets token (the platform admin's), tenant
  "$1" admin create --email root@bench.test --password "$password" --data "$2" >/dev/null
  start_server "$1" "$2" "$work/setup.log"
  token=$(login root@bench.test "$password")
  tenant=$(call POST /api/v1/tenants '{"slug":"bench","name":"Bench"}' | jq -er .id)
  local n
  for n in $(seq 50); do
    call POST /api/v1/agents "{\"tenant_id\":$tenant,\"email\":\"agent$n@bench.test\",\"name\":\"Agent $n\",\"password\":\"$password\",\"role\":\"agent\"}" >/dev/null
  done
}
wrk_rows() {  # wrk_rows LABEL NAME PATH: one wrk run per connection count, a row each in rows
  local label=$1 name=$2 path=$3 c threads line
  for c in "${connections[@]}"; do
    threads=$(( c > 1 ? 2 : 1 ))
    timeout $(( duration + 30 )) wrk -t"$threads" -c"$c" -d"${duration}s" --timeout 10s \
      -H "Authorization: Bearer $token" -s "$here/get_ticket.lua" "$base$path" >"$work/wrk.txt" 2>&1 ||
      { cat "$work/wrk.txt" >&2; die "wrk failed"; }
    line=$(grep '^SPWRK ' "$work/wrk.txt")
    local -A r=()
    for kv in ${line#SPWRK }; do r[${kv%%=*}]=${kv#*=}; done
    rows+=("$(awk -v l="$label" -v n="$name" -v c="$c" -v q="${r[requests]}" -v d="${r[duration_us]}" \
      -v p50="${r[p50_us]}" -v p99="${r[p99_us]}" -v bad="${r[non2xx]}" 'BEGIN {
      printf "| %s | %s | %d | %d | %.0f | %.2f ms | %.2f ms | %d |", l, n, c, q, q / (d / 1e6), p50 / 1000, p99 / 1000, bad }')")
  done
}
