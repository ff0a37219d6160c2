-- Shared by the wrk scripts in this folder: after the run, wrk calls done() once and we
-- print one machine-readable line that load.sh parses (latencies in microseconds).
-- wrk counts a response with status >= 400 in errors.status ("Non-2xx or 3xx responses").
function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    "SPWRK requests=%d duration_us=%d non2xx=%d connect=%d read=%d write=%d timeout=%d " ..
    "p50_us=%d p90_us=%d p99_us=%d max_us=%d mean_us=%.1f\n",
    summary.requests, summary.duration, e.status, e.connect, e.read, e.write, e.timeout,
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max,
    latency.mean))
end
