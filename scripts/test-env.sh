#!/usr/bin/env bash
# Installs and starts everything the test suite needs on a Debian 12 machine (CI runs it as
# root on a clean machine every time). Idempotent: a re-run skips what is already installed
# or running and only verifies. See docs/testing.md.
#
#   apt:      postgresql-15-postgis-3, gdal-bin, sqlite3, python3-aiosmtpd, zstd, chromium (the console's browser tests),
#             curl (deploy/install.sh and update.sh probe readiness with it)
#   services: throwaway PostgreSQL 15 + PostGIS cluster on 127.0.0.1:55432 (data in /tmp/mesa-pg,
#             trust auth, database "mesa" with the postgis extension);
#             SMTP sink (aiosmtpd) on 127.0.0.1:2525
#   npm:      tools/interop (DuckDB + hyparquet, the independent Parquet implementations)
#
# Exports nothing: tests read MESA_TEST_PG (default
# "Host=127.0.0.1;Port=55432;Username=postgres;Database=mesa") and use 127.0.0.1:2525 for SMTP.
set -euo pipefail

START_SECONDS=$SECONDS
REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

PGBIN=/usr/lib/postgresql/15/bin
PGROOT=/tmp/mesa-pg
PGPORT=55432
PGDB=mesa
SMTP_HOST=127.0.0.1
SMTP_PORT=2525
SMTP_LOG=/tmp/mesa-smtp.log
SYS_PYTHON=/usr/bin/python3   # the python3 on PATH may not see Debian's python3-* packages
INTEROP_DIR="$REPO_ROOT/tools/interop"

# gcc links the native mesa-cloud that tests/Mesa.Cli.Tests/Native publishes ahead of time.
APT_PACKAGES=(postgresql-15-postgis-3 gdal-bin sqlite3 python3-aiosmtpd zstd chromium curl gcc)

log()  { printf '[test-env] %s\n' "$*"; }
die()  { printf '[test-env] ERROR: %s\n' "$*" >&2; exit 1; }

is_root() { [[ $(id -u) -eq 0 ]]; }

# Runs a command as the postgres OS user when we are root (initdb/pg_ctl refuse root);
# as the current user otherwise.
as_pg() {
    if is_root; then runuser -u postgres -- "$@"; else "$@"; fi
}

port_open() { # host port -> 0 when something accepts TCP connections there
    (exec 3<>"/dev/tcp/$1/$2") 2>/dev/null
}

pg_psql() { # psql against the throwaway cluster, quiet, stop on error
    psql -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$PGPORT" -U postgres "$@"
}

# ---------------------------------------------------------------------------------------------
# 1. apt packages
# ---------------------------------------------------------------------------------------------
missing=()
for pkg in "${APT_PACKAGES[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed'; then
        missing+=("$pkg")
    fi
done
if ((${#missing[@]})); then
    is_root || die "missing apt packages (${missing[*]}) and not root; run: sudo $0"
    log "apt: installing ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get -o DPkg::Lock::Timeout=600 update -qq
    apt-get install -y -qq -o DPkg::Lock::Timeout=600 --no-install-recommends "${missing[@]}" >/dev/null
else
    log "apt: all packages present"
fi

# ---------------------------------------------------------------------------------------------
# 2. PostgreSQL + PostGIS throwaway cluster
# ---------------------------------------------------------------------------------------------
[[ -x $PGBIN/initdb ]] || die "PostgreSQL 15 server binaries not found in $PGBIN"
if "$PGBIN/pg_isready" -q -h 127.0.0.1 -p "$PGPORT"; then
    log "postgres: already running on 127.0.0.1:$PGPORT"
else
    if [[ ! -s $PGROOT/data/PG_VERSION ]]; then
        log "postgres: initdb in $PGROOT/data"
        rm -rf "$PGROOT/data"
        mkdir -p "$PGROOT"
        is_root && chown postgres:postgres "$PGROOT"
        as_pg "$PGBIN/initdb" -D "$PGROOT/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 \
            --no-sync >"$PGROOT/initdb.log" 2>&1 || { cat "$PGROOT/initdb.log" >&2; die "initdb failed"; }
    fi
    log "postgres: starting on 127.0.0.1:$PGPORT"
    as_pg "$PGBIN/pg_ctl" -D "$PGROOT/data" -l "$PGROOT/server.log" -w -t 60 \
        -o "-p $PGPORT -k $PGROOT -c listen_addresses=127.0.0.1 -c fsync=off" start >/dev/null \
        || { tail -n 30 "$PGROOT/server.log" >&2 || true; die "pg_ctl start failed (log: $PGROOT/server.log)"; }
fi
if [[ $(pg_psql -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = '$PGDB'") != 1 ]]; then
    log "postgres: creating database $PGDB"
    pg_psql -d postgres -c "CREATE DATABASE $PGDB"
fi
pg_psql -d "$PGDB" -c 'CREATE EXTENSION IF NOT EXISTS postgis' 2>&1 | grep -v 'already exists, skipping' || true

# ---------------------------------------------------------------------------------------------
# 3. SMTP sink
# ---------------------------------------------------------------------------------------------
if port_open "$SMTP_HOST" "$SMTP_PORT"; then
    log "smtp: already listening on $SMTP_HOST:$SMTP_PORT"
else
    log "smtp: starting aiosmtpd on $SMTP_HOST:$SMTP_PORT (log: $SMTP_LOG)"
    # setsid + nohup: the sink outlives this script and the CI step's process group.
    setsid nohup "$SYS_PYTHON" -m aiosmtpd -n -l "$SMTP_HOST:$SMTP_PORT" >>"$SMTP_LOG" 2>&1 </dev/null &
    for _ in $(seq 1 50); do
        port_open "$SMTP_HOST" "$SMTP_PORT" && break
        sleep 0.2
    done
fi

# ---------------------------------------------------------------------------------------------
# 4. tools/interop (node): DuckDB + hyparquet
# ---------------------------------------------------------------------------------------------
command -v node >/dev/null || die "node not found (node >= 20 is needed for tools/interop)"
command -v npm >/dev/null || die "npm not found (needed for tools/interop)"
stamp_file="$INTEROP_DIR/node_modules/.mesa-install-stamp"
if [[ -f $INTEROP_DIR/package-lock.json ]]; then
    stamp="ci $(cat "$INTEROP_DIR/package.json" "$INTEROP_DIR/package-lock.json" | sha256sum | cut -d' ' -f1)"
else
    stamp="install $(sha256sum <"$INTEROP_DIR/package.json" | cut -d' ' -f1)"
fi
if [[ -f $stamp_file && $(cat "$stamp_file") == "$stamp" ]]; then
    log "npm: tools/interop up to date"
else
    log "npm: ${stamp%% *} in tools/interop"
    (cd "$INTEROP_DIR" && npm "${stamp%% *}" --no-audit --no-fund --loglevel=error)
    printf '%s' "$stamp" >"$stamp_file"
fi

# ---------------------------------------------------------------------------------------------
# 5. verify every piece; fail loudly
# ---------------------------------------------------------------------------------------------
failures=()

if pg_out=$(pg_psql -d "$PGDB" -tAc 'SELECT postgis_full_version()' 2>&1); then
    log "verify: PostGIS ok: $(grep -o 'POSTGIS="[^"]*"' <<<"$pg_out" || echo "$pg_out")"
else
    failures+=("PostGIS at 127.0.0.1:$PGPORT/$PGDB not usable: $pg_out")
fi

if smtp_out=$("$SYS_PYTHON" - "$SMTP_HOST" "$SMTP_PORT" 2>&1 <<'EOF'
import smtplib, sys
from email.message import EmailMessage
m = EmailMessage()
m["From"], m["To"], m["Subject"] = "test-env@mesa.invalid", "sink@mesa.invalid", "mesa test-env check"
m.set_content("scripts/test-env.sh verification message")
with smtplib.SMTP(sys.argv[1], int(sys.argv[2]), timeout=10) as s:
    s.send_message(m)
EOF
); then
    log "verify: SMTP sink ok ($SMTP_HOST:$SMTP_PORT accepted a message)"
else
    failures+=("SMTP sink at $SMTP_HOST:$SMTP_PORT not usable (log: $SMTP_LOG): $smtp_out")
fi

# The browser tests drive /usr/bin/chromium through Playwright; a headless start proves it runs here.
if chromium_out=$(timeout 60 /usr/bin/chromium --headless --no-sandbox --disable-gpu --dump-dom 'data:text/html,<p>mesa-ok</p>' 2>/dev/null) && grep -q mesa-ok <<<"$chromium_out"; then
    log "verify: chromium ok: $(/usr/bin/chromium --version 2>/dev/null)"
else
    failures+=("chromium at /usr/bin/chromium cannot render a page headless")
fi

if gdal_out=$(gdalinfo --version 2>&1); then
    log "verify: gdalinfo ok: $gdal_out"
else
    failures+=("gdalinfo not usable: $gdal_out")
fi

if node_out=$(cd "$INTEROP_DIR" && node --input-type=module -e '
import { DuckDBInstance } from "@duckdb/node-api";
import { parquetReadObjects } from "hyparquet";
const con = await (await DuckDBInstance.create(":memory:")).connect();
const r = await con.runAndReadAll("SELECT version() AS v, 6 * 7 AS x");
const [v, x] = r.getRows()[0];
if (x !== 42 || typeof parquetReadObjects !== "function") throw new Error("unexpected result");
console.log(`DuckDB ${v}, hyparquet loaded`);
' 2>&1); then
    log "verify: node interop ok: $node_out"
else
    failures+=("node DuckDB module (tools/interop) not usable: $node_out")
fi

for tool in sqlite3 zstd; do
    command -v "$tool" >/dev/null || failures+=("$tool not on PATH")
done

elapsed=$((SECONDS - START_SECONDS))
if ((${#failures[@]})); then
    for f in "${failures[@]}"; do printf '[test-env] FAILED: %s\n' "$f" >&2; done
    printf '[test-env] test environment NOT ready (%d problem(s), %ds)\n' "${#failures[@]}" "$elapsed" >&2
    exit 1
fi
log "test environment ready in ${elapsed}s"
