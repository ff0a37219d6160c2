#!/usr/bin/env bash
# Stops the servers scripts/mailtest/start.sh started in DIR. Idempotent; leaves DIR's files.
set -uo pipefail
if [[ $# -ne 1 ]]; then
  echo "usage: $0 DIR" >&2
  exit 64
fi
dir=$1

# Asks each process to stop, waits up to `grace` twentieths of a second, then kills its process
# group (Dovecot's master leads its own session; its log process alone takes seconds to end).
# A zombie counts as ended: the servers are daemons whose parent is the container's init,
# which may reap them only seconds later.
alive() {
  local state
  state=$(ps -o stat= -p "$1" 2>/dev/null) || return 1
  [[ -n "$state" && "$state" != Z* ]]
}

stop_group() {
  local pid=$1 grace=$2 tries
  [[ -n "$pid" ]] || return 0
  kill "$pid" 2>/dev/null || return 0
  for ((tries = 0; tries < grace; tries++)); do
    alive "$pid" || return 0
    sleep 0.05
  done
  kill -KILL -- "-$pid" 2>/dev/null || kill -KILL "$pid" 2>/dev/null || true
}

dovecot_pid=""
if [[ -r "$dir/run/master.pid" ]]; then
  dovecot_pid=$(cat "$dir/run/master.pid" 2>/dev/null)
fi
sink_pid=""
if [[ -r "$dir/sink.pid" ]]; then
  sink_pid=$(cat "$dir/sink.pid" 2>/dev/null)
fi
stop_group "$dovecot_pid" 4 &
stop_group "$sink_pid" 40 &
wait
# What remains of Dovecot's group (children that outlived the master).
if [[ -n "$dovecot_pid" ]]; then
  kill -KILL -- "-$dovecot_pid" 2>/dev/null || true
fi
rm -f "$dir/sink.pid"
rm -f "$dir/ports.env"
exit 0
