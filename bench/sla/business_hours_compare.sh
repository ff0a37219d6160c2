#!/usr/bin/env bash
# `servicepact calc business-time` side by side with Business::Hours as RT calls it (issue 16
# section 3): the same due-time questions (Mon-Fri 09:00-17:00 Europe/Amsterdam, starts spread
# over 2026, 1-40 business hours), answered by both in one run; prints calls/s of each, the
# ratio, and how many answers differ (only those ending exactly at a closing time should).
#
#   bench/sla/business_hours_compare.sh [path/to/servicepact]   (default: build/src/app/servicepact)
#
# Environment: SP_BENCH_PERL_CALLS=2000 (Business::Hours is slow), SP_BENCH_CALC_CALLS=200000.
# Needs perl with libbusiness-hours-perl (scripts/deps/bench.sh) and python3.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
bin=$(realpath "${1:-$root/build/src/app/servicepact}")
perl_calls=${SP_BENCH_PERL_CALLS:-2000}
calc_calls=${SP_BENCH_CALC_CALLS:-200000}

die() { echo "business_hours_compare.sh: $*" >&2; exit 1; }
[[ -x $bin ]] || die "no servicepact binary at $bin"
perl -MBusiness::Hours -e 1 2>/dev/null || die "Business::Hours missing (Debian package libbusiness-hours-perl)"

work=$(mktemp -d "${TMPDIR:-/tmp}/sp-bh.XXXXXX")
trap 'rm -rf "$work"' EXIT

# Deterministic inputs: "start seconds" pairs and the same questions as calc lines.
python3 - "$work" "$calc_calls" <<'PY'
import json, random, sys
work, count = sys.argv[1], int(sys.argv[2])
rng = random.Random(16)
calendar = {"timezone": "Europe/Amsterdam",
            "weekly": {d: [["09:00", "17:00"]] for d in ("mon", "tue", "wed", "thu", "fri")}}
cal = json.dumps(calendar, separators=(",", ":"))
start_2026 = 1767225600  # 2026-01-01T00:00:00Z
with open(f"{work}/pairs.txt", "w") as pairs, open(f"{work}/calc.jsonl", "w") as calc:
    for _ in range(count):
        start = start_2026 + rng.randrange(0, 360 * 86400)
        seconds = rng.randrange(1, 40) * 3600 + rng.randrange(0, 3600)
        pairs.write(f"{start} {seconds}\n")
        calc.write(f'{{"calendar":{cal},"start":{start},"add_seconds":{seconds}}}\n')
PY
head -n "$perl_calls" "$work/pairs.txt" > "$work/perl_pairs.txt"

now() { date +%s.%N; }
t0=$(now)
TZ=Europe/Amsterdam perl "$here/business_hours.pl" < "$work/perl_pairs.txt" > "$work/perl_out.txt"
t1=$(now)
"$bin" calc business-time < "$work/calc.jsonl" > "$work/calc_out.jsonl"
t2=$(now)

python3 - "$work" "$perl_calls" "$calc_calls" "$t0" "$t1" "$t2" <<'PY'
import json, sys
work, perl_calls, calc_calls = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
t0, t1, t2 = map(float, sys.argv[4:7])
perl = [int(line) for line in open(f"{work}/perl_out.txt")]
calc = [json.loads(line) for line in open(f"{work}/calc_out.jsonl")]
assert len(perl) == perl_calls and len(calc) == calc_calls, "missing answers"
# A due time that falls exactly on a closing time is the next opening for Business::Hours
# (it rolls over to the next business period) and the closing instant for us; the rest agree.
mismatch = sum(1 for p, c in zip(perl, calc) if p != c.get("due_epoch"))
perl_rate = perl_calls / (t1 - t0)
calc_rate = calc_calls / (t2 - t1)
print(f"Business::Hours (perl, one object per call): {perl_calls} calls in {t1 - t0:.2f} s = {perl_rate:,.0f}/s")
print(f"servicepact calc business-time (CLI, JSON): {calc_calls} calls in {t2 - t1:.2f} s = {calc_rate:,.0f}/s")
print(f"ratio: {calc_rate / perl_rate:,.0f}x; answers differing: {mismatch} of {perl_calls}"
      " (closing time vs next opening, see above)")
PY
