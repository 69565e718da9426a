#!/usr/bin/env bash
# Admin console list pages on a big store, against the 300 ms bar, and the cost of a sign-in (PBKDF2).
#   bench/console.sh [USERS] [JOBS] [AUDIT]      (defaults 10000 users, 100000 jobs, 100000 audit entries)
# Builds Release, creates an admin with mesa-cloud admin add (which also migrates a new state.db), fills the store
# with sqlite3 (users with one open mailed token each; jobs: 2000 queued, 1 running, the rest finished/failed;
# audit entries), starts mesa-server on it and times each admin API page over HTTP from Python (5 runs, median and
# worst). Reference in the same run: GET /health/live, the server's cheapest answer. The sign-in rate limit is raised
# by environment variable (Mesa__Admin__SignInsPerIpPerWindow) so the 10 timed sign-ins pass. Client and server
# share the machine's cores.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
USERS=${1:-10000}
JOBS=${2:-100000}
AUDIT=${3:-100000}
source bench/one-server.sh
bench_setup console
mkdir -p "$WORK/data"
PASSWORD="bench console password $RANDOM$RANDOM"
printf '%s\n' "$PASSWORD" | cli admin add --email bench@example.org --data-folder "$WORK/data" >/dev/null

# Recent timestamps: jobs older than the retention window would keep the sweeper busy purging them during the run.
NOW_MS=$(($(date +%s) * 1000))
BASE_MS=$((NOW_MS - 3600000))
sqlite3 "$WORK/data/state.db" >/dev/null <<SQL
PRAGMA journal_mode = WAL;
BEGIN;
WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i + 1 < $USERS)
INSERT INTO users (id, email, name, affiliation, project_summary, priority, created_ms)
SELECT printf('%032x', i), printf('user-%05d@example%d.org', i, i % 50), printf('User %05d', i), 'Bench Institute', 'Benchmark', i % 3, $BASE_MS + i * 10 FROM n;
WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i + 1 < $USERS)
INSERT INTO email_tokens (token_hash, user_id, created_ms, expires_ms) SELECT printf('%064x', i), printf('%032x', i), $BASE_MS, 4102444800000 FROM n;
WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i + 1 < $JOBS)
INSERT INTO jobs (id, user_id, name, state, priority, created_ms, updated_ms, progress)
SELECT printf('%032x', 1000000000 + i), printf('%032x', i % $USERS), printf('job %d', i),
       CASE WHEN i = 0 THEN 'running' WHEN i <= 2000 THEN 'queued' WHEN i % 10 = 0 THEN 'failed' ELSE 'finished' END,
       i % 5, $BASE_MS + i * 10, $BASE_MS + i * 10, 0 FROM n;
WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i + 1 < $AUDIT)
INSERT INTO audit_log (at_ms, actor_kind, actor, action, target, detail)
SELECT $BASE_MS + i * 10, 'user', printf('%032x', i % $USERS), CASE WHEN i % 7 = 0 THEN 'user.update' ELSE 'job.access' END,
       printf('%032x', 1000000000 + i % $JOBS), 'GET /jobs/{id} -> 200' FROM n;
COMMIT;
ANALYZE;
PRAGMA wal_checkpoint(TRUNCATE);
SQL

start_server "$WORK/data" Mesa__Processing__DispatcherEnabled=false Mesa__Admin__SignInsPerIpPerWindow=1000

BENCH_PASSWORD="$PASSWORD" python3 - "$URL" "$USERS" "$JOBS" "$AUDIT" <<'PY'
import json, os, statistics, sys, time, urllib.request
url, users, jobs, audit = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])

def request(path, body=None, cookie=None):
    req = urllib.request.Request(url + path, data=None if body is None else json.dumps(body).encode(),
                                 headers={"Content-Type": "application/json", **({"Cookie": cookie} if cookie else {})})
    start = time.perf_counter()
    with urllib.request.urlopen(req) as response:
        payload = response.read()
        elapsed = (time.perf_counter() - start) * 1000
        return elapsed, response, payload

def timed(path, cookie=None, runs=5):
    times = [request(path, cookie=cookie)[0] for _ in range(runs)]
    return statistics.median(times), max(times)

password = os.environ["BENCH_PASSWORD"]
request("/health/live")
request("/admin/api/sign-in", {"email": "bench@example.org", "password": password})  # warm-up, not counted
signins = []
for _ in range(10):
    ms, response, _ = request("/admin/api/sign-in", {"email": "bench@example.org", "password": password})
    signins.append(ms)
    cookie = response.headers["Set-Cookie"].split(";")[0]
health = timed("/health/live", runs=20)
sign_in = statistics.median(signins)

last_users, last_jobs, last_audit = (users + 49) // 50, (jobs + 49) // 50, (audit + 49) // 50
pages = [
    ("users page 1", "/admin/api/users?page=1&page_size=50"),
    (f"users page {last_users} (last)", f"/admin/api/users?page={last_users}&page_size=50"),
    ("users search 'user-0424'", "/admin/api/users?q=user-0424&page=1&page_size=50"),
    ("queue page 1 (2001 waiting)", "/admin/api/queue?page=1&page_size=50"),
    ("queue page 41 (last)", "/admin/api/queue?page=41&page_size=50"),
    ("jobs page 1", "/admin/api/jobs?page=1&page_size=50"),
    (f"jobs page {last_jobs} (last)", f"/admin/api/jobs?page={last_jobs}&page_size=50"),
    ("jobs state=failed page 1", "/admin/api/jobs?state=failed&page=1&page_size=50"),
    ("audit page 1", "/admin/api/audit?page=1&page_size=50"),
    (f"audit page {last_audit} (last)", f"/admin/api/audit?page={last_audit}&page_size=50"),
    ("audit action=user.update page 1", "/admin/api/audit?action=user.update&page=1&page_size=50"),
]
print(f"store: {users} users, {jobs} jobs, {audit} audit entries (SQLite); 5 runs per page, page size 50")
print(f"{'page':<36} {'median ms':>10} {'worst ms':>10}  bar")
print(f"{'reference: GET /health/live':<36} {health[0]:>10.2f} {health[1]:>10.2f}")
failed = False
for name, path in pages:
    median, worst = timed(path, cookie)
    ok = worst < 300
    failed |= not ok
    print(f"{name:<36} {median:>10.2f} {worst:>10.2f}  < 300 {'ok' if ok else 'MISSED'}")
print(f"sign-in (PBKDF2-SHA256, 600,000 iterations) median of 10: {sign_in:.0f} ms; minus the reference request: ~{sign_in - health[0]:.0f} ms of KDF")
sys.exit(1 if failed else 0)
PY
