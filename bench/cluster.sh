#!/usr/bin/env bash
# Request load and failover: one mesa-server on embedded SQLite against three nodes sharing one PostgreSQL.
#   bench/cluster.sh [CLIENTS] [SECONDS]      (defaults: 60 clients, 10 s per figure)
# Builds Release, then for each set-up starts the nodes on free loopback ports with a new data folder under /tmp
# (shared by the cluster's nodes) and runs mesa-cloud bench cluster with every node's URL: CLIENTS closed-loop
# clients spread over the nodes poll GET /jobs/{id}, then as many submit (POST /jobs). PostgreSQL is $MESA_PG, else
# the test cluster scripts/test-env.sh starts; the cluster's state goes into a schema of its own, dropped at the
# end. Failover: the dispatcher (from GET /admin/cluster) is killed with kill -9 and another node is polled every
# 50 ms until it reports a new healthy dispatcher. Cluster settings that differ from the defaults, by environment:
#   Mesa__Quotas__JobsPerDay=100000000 on every node, so the submission load is not refused by the per-user quota
# The load generator shares the machine's cores with every node.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
CLIENTS=${1:-60}
SECONDS_LOAD=${2:-10}
PG=${MESA_PG:-Host=127.0.0.1;Port=55432;Username=postgres;Database=mesa}
SCHEMA=mesa_bench_$$
ADMIN_KEY=bench-$RANDOM$RANDOM
WORK=$(mktemp -d /tmp/mesa-bench-cluster.XXXXXX)
PIDS=()
psql_pg() { python3 - "$PG" "$1" <<'PY'
import subprocess, sys
parts = dict(p.split("=", 1) for p in sys.argv[1].split(";") if p)
parts = {k.lower(): v for k, v in parts.items()}
env = {"PGPASSWORD": parts.get("password", "")}
import os; env = {**os.environ, **env}
subprocess.run(["psql", "-v", "ON_ERROR_STOP=1", "-qAt", "-h", parts.get("host", "127.0.0.1"), "-p", parts.get("port", "5432"),
                "-U", parts.get("username", "postgres"), "-d", parts.get("database", "mesa"), "-c", sys.argv[2]], check=True, env=env)
PY
}
cleanup() {
    for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null || true; done
    psql_pg "DROP SCHEMA IF EXISTS $SCHEMA CASCADE" >/dev/null 2>&1 || true
    rm -rf "$WORK"
}
trap cleanup EXIT

dotnet build src/Mesa.Server -c Release --nologo -v quiet >/dev/null
dotnet build src/Mesa.Cli -c Release --nologo -v quiet >/dev/null
cli() { dotnet src/Mesa.Cli/bin/Release/net10.0/mesa-cloud.dll "$@"; }
free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

# start_node NAME DATA [VAR=VALUE ...]: starts a node in the background; prints its URL; its PID is in $WORK/NAME.pid.
start_node() {
    local name=$1 data=$2 port url
    shift 2
    port=$(free_port)
    url=http://127.0.0.1:$port
    (cd src/Mesa.Server/bin/Release/net10.0 && exec env Urls="$url" Mesa__DataFolder="$data" Mesa__Cluster__AdminApiKey="$ADMIN_KEY" \
        Mesa__Quotas__JobsPerDay=100000000 "$@" \
        dotnet mesa-server.dll >"$WORK/$name.log" 2>&1) &
    echo $! >"$WORK/$name.pid"
    echo "$url"
}
wait_ready() {
    for _ in $(seq 150); do curl -fs "$1/health/ready" >/dev/null && return 0; sleep 0.2; done
    echo "node $1 did not become ready" >&2; tail -20 "$WORK"/*.log >&2; exit 1
}

# Embedded: one node on SQLite.
SQLITE_URL=$(start_node sqlite "$WORK/sqlite")
PIDS+=("$(cat "$WORK/sqlite.pid")")
wait_ready "$SQLITE_URL"
cli bench cluster --url "$SQLITE_URL" --mail-folder "$WORK/sqlite/mail" --clients "$CLIENTS" --seconds "$SECONDS_LOAD" >"$WORK/sqlite.json"
kill "${PIDS[0]}"; wait "${PIDS[0]}" 2>/dev/null || true; PIDS=()

# Production: three nodes on one PostgreSQL schema and one data folder.
psql_pg "CREATE SCHEMA $SCHEMA" >/dev/null
CONNECTION="$PG;Search Path=$SCHEMA"
declare -A URL_OF_PID
URLS=()
for name in n1 n2 n3; do
    url=$(start_node "$name" "$WORK/cluster" Mesa__State__Provider=postgres "Mesa__State__ConnectionString=$CONNECTION")
    pid=$(cat "$WORK/$name.pid")
    PIDS+=("$pid")
    URL_OF_PID[$url]=$pid
    wait_ready "$url"
    URLS+=("$url")
done
url_args=()
for url in "${URLS[@]}"; do url_args+=(--url "$url"); done
cli bench cluster "${url_args[@]}" --mail-folder "$WORK/cluster/mail" --clients "$CLIENTS" --seconds "$SECONDS_LOAD" >"$WORK/cluster.json"

cluster_view() { curl -fs -H "X-Mesa-Admin-Key: $ADMIN_KEY" "$1/admin/cluster"; }
dispatcher_address() { python3 -c '
import json, sys
view = json.load(sys.stdin)
print(next((n["address"] for n in view["nodes"] if n["id"] == view["dispatcher"] and n["health"] == "healthy"), ""))'; }
old=$(cluster_view "${URLS[0]}" | dispatcher_address)
[[ -n $old ]] || { echo "no dispatcher reported" >&2; exit 1; }
watcher=$(for url in "${URLS[@]}"; do [[ $url != "$old" ]] && echo "$url" && break; done)
started=$(date +%s.%N)
kill -9 "${URL_OF_PID[$old]}"
failover=
for _ in $(seq 600); do
    now=$(cluster_view "$watcher" | dispatcher_address || true)
    if [[ -n $now && $now != "$old" ]]; then failover=$(python3 -c "print($(date +%s.%N) - $started)"); break; fi
    sleep 0.05
done
[[ -n $failover ]] || { echo "no new dispatcher within 30 s" >&2; exit 1; }

python3 - "$WORK/sqlite.json" "$WORK/cluster.json" "$failover" <<'PY'
import json, sys
single, cluster, failover = json.load(open(sys.argv[1])), json.load(open(sys.argv[2])), float(sys.argv[3])
def row(name, key, figure, fmt, bar="", ok=None):
    a, b = single[key][figure], cluster[key][figure]
    print(f"{name:<28}{fmt.format(a):>14}{fmt.format(b):>18}{bar:>10}  {'' if ok is None else 'pass' if ok(b) else 'FAIL'}")
print(f"{single['status']['clients']} closed-loop clients per figure, {single['status']['seconds']:.0f} s each; "
      f"cluster: {cluster['nodes']} nodes, clients spread over them")
print(f"{'figure':<28}{'sqlite, 1 node':>14}{'postgres, 3 nodes':>18}{'bar':>10}  result")
row("status requests/s", "status", "requests_per_second", "{:.0f}", ">= 3000", lambda v: v >= 3000)
row("status p50 ms", "status", "p50_ms", "{:.2f}")
row("status p99 ms", "status", "p99_ms", "{:.2f}", "< 100", lambda v: v < 100)
row("status errors", "status", "errors", "{}", "0", lambda v: v == 0)
row("submissions/s", "submissions", "requests_per_second", "{:.0f}")
row("submission p50 ms", "submissions", "p50_ms", "{:.2f}")
row("submission p99 ms", "submissions", "p99_ms", "{:.2f}")
row("submission errors", "submissions", "errors", "{}", "0", lambda v: v == 0)
print(f"{'queue failover s':<28}{'(one node)':>14}{failover:>18.2f}{'< 10':>10}  {'pass' if failover < 10 else 'FAIL'}")
PY
