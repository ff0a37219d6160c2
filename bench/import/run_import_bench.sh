#!/bin/sh
# Tickets imported per second (docs/PERFORMANCE.md, "History import"): generates a 100,000-ticket
# jsonl export, imports it into a fresh data folder with the built binary and prints the summary
# (phase lines with their rates on stderr). Bounded: gives up after 30 minutes.
#   bench/import/run_import_bench.sh [BUILD_DIR] [TICKETS]
set -eu
build=${1:-build}
tickets=${2:-100000}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 "$(dirname "$0")/generate_jsonl.py" --tickets "$tickets" > "$work/export.jsonl"
echo "export: $tickets tickets, $(wc -l < "$work/export.jsonl") records, $(du -h "$work/export.jsonl" | cut -f1)"
timeout 1800 "$build/src/app/servicepact" import --tenant bench --from jsonl "$work/export.jsonl" \
  --data "$work/data" 2>&1 | grep -v '^  line '
