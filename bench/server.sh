#!/usr/bin/env bash
# REST server under load: status polling, upload throughput and dispatch latency of mesa-server, against the bars.
#   bench/server.sh [CLIENTS] [SECONDS] [UPLOAD_MB]      (defaults 50 pollers for 10 s, a 1000 MB upload)
# Builds Release, starts mesa-server on its embedded defaults (SQLite, local disk, .eml mail pickup) with a new data
# folder under /tmp on a free loopback port, writes the worked-example-sized workload (mesa-cloud workload
# from-samples coastal_zone --grid hex:2000) and runs mesa-cloud bench server against it, which signs in by reading
# the token mail from the data folder. One setting differs from the defaults, by environment variable:
#   Mesa__Limits__MaxUploadBytes  2 GB, so the upload body (UPLOAD_MB) is accepted; the default is 200 MiB.
# The rate limits need no change: they cover only /register and /auth/verify, called once. The load generator
# runs on the same machine as the server and competes with it for the cores.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
CLIENTS=${1:-50}
SECONDS_LOAD=${2:-10}
UPLOAD_MB=${3:-1000}
source bench/one-server.sh
bench_setup server

cli workload from-samples data/mesa-samples/coastal_zone --grid hex:2000 --out "$WORK/workload" >/dev/null

start_server "$WORK/data" Mesa__Limits__MaxUploadBytes=2000000000

cli bench server --url "$URL" --mail-folder "$WORK/data/mail" --server-pid "$SERVER_PID" --workload "$WORK/workload" \
    --clients "$CLIENTS" --seconds "$SECONDS_LOAD" --upload-mb "$UPLOAD_MB" >"$WORK/bench.json" \
    || { tail -20 "$WORK/server.log"; exit 1; }

python3 - "$WORK/bench.json" <<'PY'
import json, sys
b = json.load(open(sys.argv[1]))
s, u, d = b["status"], b["upload"], b["dispatch"]
growth = u["rss_peak_mb"] - u["rss_before_mb"]
rows = [
    ("status requests/s", f"{s['requests_per_second']:.0f}", ">= 5000", s["requests_per_second"] >= 5000),
    ("status p50 ms", f"{s['p50_ms']:.2f}", "", None),
    ("status p99 ms", f"{s['p99_ms']:.2f}", "< 50", s["p99_ms"] < 50),
    ("status errors", f"{s['errors']}", "0", s["errors"] == 0),
    ("upload MB/s", f"{u['mb_per_second']:.0f}", ">= 200", u["mb_per_second"] >= 200),
    ("upload RSS growth MB (peak)", f"{growth:.1f}", "< 64", growth < 64),
    ("dispatch to running s", f"{d['to_running_seconds']:.3f}", "< 1", d["to_running_seconds"] < 1),
    ("dispatch to end s", f"{d['to_end_seconds']:.3f}", "", None),
]
print(f"status: {s['clients']} clients for {s['seconds']} s, {s['requests']} requests; upload: {u['bytes'] / 1e6:.0f} MB in "
      f"{u['seconds']} s, server RSS {u['rss_before_mb']} -> {u['rss_after_mb']} MB (peak {u['rss_peak_mb']}); "
      f"dispatch: {d['zip_bytes']} byte zip, job {d['state']}")
print(f"{'figure':<30}{'measured':>10}{'bar':>10}  result")
for name, value, bar, ok in rows:
    print(f"{name:<30}{value:>10}{bar:>10}  {'' if ok is None else 'pass' if ok else 'FAIL'}")
if d["state"] != "finished":
    sys.exit(f"the dispatch job ended {d['state']}")
PY
