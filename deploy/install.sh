#!/usr/bin/env bash
# Turns a fresh Debian 12 or Ubuntu LTS machine into a running mesa-server (deploy/README.md, "Install"):
# service account, /opt/mesa-server/releases/<version> with a `current` symlink, configuration in /etc/mesa-server
# (secrets owner-only), the data folder, optionally PostgreSQL + PostGIS with the database migrated, a hardened
# systemd unit, then a start and a wait for /health/ready. Idempotent: a re-run keeps the configuration and secrets
# it finds and only brings the rest in line.
#
#   deploy/install.sh --release DIR [--root DIR] [--data-dir DIR] [--port N] [--with-postgres] [--no-systemd]
#                     [--timeout SECONDS]
set -euo pipefail

SCRIPT=install
DEPLOY_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=deploy/lib.sh
source "$DEPLOY_DIR/lib.sh"

usage() {
    cat <<'EOF'
Usage: deploy/install.sh --release DIR [options]
  --release DIR      a published release (deploy/publish.sh) with its build-manifest.json
  --root DIR         install under DIR instead of / (tests, staging); every path below is prefixed with it
  --data-dir DIR     the data folder (default /var/lib/mesa-server; put it on its own disk)
  --port N           the port the server listens on, on 127.0.0.1 (default 8080; written into mesa-server.env)
  --with-postgres    install PostgreSQL + PostGIS, create the mesa role and database (generated password in
                     secrets.env) and migrate it; without it the state stays in SQLite in the data folder
  --no-systemd       touch nothing outside --root: no packages, no service account, no systemctl; the server is
                     started in the background from `current` as the calling user (tests)
  --timeout SECONDS  how long to wait for /health/ready (default 120)
EOF
}

RELEASE="" ROOT_ARG="" DATA_ARG=/var/lib/mesa-server PORT=8080 WITH_POSTGRES=0 SYSTEMD=1 TIMEOUT=120
while (($#)); do
    case $1 in
        --release) RELEASE=${2:?--release needs a folder}; shift 2 ;;
        --root) ROOT_ARG=${2:?--root needs a folder}; shift 2 ;;
        --data-dir) DATA_ARG=${2:?--data-dir needs a folder}; shift 2 ;;
        --port) PORT=${2:?--port needs a number}; shift 2 ;;
        --with-postgres) WITH_POSTGRES=1; shift ;;
        --no-systemd) SYSTEMD=0; shift ;;
        --timeout) TIMEOUT=${2:?--timeout needs seconds}; shift 2 ;;
        -h | --help) usage; exit 0 ;;
        *) usage >&2; die "unknown argument: $1" ;;
    esac
done
[[ -n $RELEASE ]] || { usage >&2; die "--release is required"; }
[[ $PORT =~ ^[0-9]+$ && $TIMEOUT =~ ^[0-9]+$ ]] || die "--port and --timeout take numbers"
[[ $DATA_ARG == /* ]] || die "--data-dir must be an absolute path"
RELEASE=$(cd "$RELEASE" && pwd)
[[ -n $ROOT_ARG ]] && { mkdir -p "$ROOT_ARG"; ROOT_ARG=$(cd "$ROOT_ARG" && pwd); }
set_paths "$ROOT_ARG"
DATA_DIR=$ROOT$DATA_ARG
UNIT_FILE=$ROOT/etc/systemd/system/mesa-server.service
SERVICE_USER=mesa
((SYSTEMD || !WITH_POSTGRES)) || die "--with-postgres installs and configures PostgreSQL on this machine; it cannot go with --no-systemd"
if ((SYSTEMD)); then
    [[ $(id -u) -eq 0 ]] || die "run as root (or pass --no-systemd, which changes nothing outside --root)"
fi

# --- runtime and packages -------------------------------------------------------------------------------------------
command -v dotnet >/dev/null || die "dotnet not found: install the ASP.NET Core 10 runtime (aspnetcore-runtime-10.0) first"
dotnet --list-runtimes | grep -q '^Microsoft\.AspNetCore\.App 10\.' \
    || die "the ASP.NET Core 10 runtime is missing: install aspnetcore-runtime-10.0"
if ((SYSTEMD)); then
    packages=(curl)
    ((WITH_POSTGRES)) && packages+=(postgresql)
    log "apt: ${packages[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get -o DPkg::Lock::Timeout=600 update -qq
    apt-get install -y -qq -o DPkg::Lock::Timeout=600 --no-install-recommends "${packages[@]}" >/dev/null
    if ((WITH_POSTGRES)); then
        # PostGIS comes per server major version (postgresql-15-postgis-3 on Debian 12, -16- on Ubuntu 24.04).
        pg_major=$(find /usr/lib/postgresql -mindepth 1 -maxdepth 1 -printf '%f\n' | sort -n | tail -n1)
        apt-get install -y -qq -o DPkg::Lock::Timeout=600 --no-install-recommends "postgresql-$pg_major-postgis-3" >/dev/null
    fi
fi
command -v curl >/dev/null || die "curl not found (the readiness check uses it)"

# --- service account ------------------------------------------------------------------------------------------------
if ((SYSTEMD)) && ! id "$SERVICE_USER" >/dev/null 2>&1; then
    log "creating the system account $SERVICE_USER"
    useradd --system --user-group --home-dir "$DATA_DIR" --no-create-home --shell /usr/sbin/nologin "$SERVICE_USER"
fi

# --- folders --------------------------------------------------------------------------------------------------------
install -d -m 755 "$INSTALL_DIR" "$RELEASES_DIR" "$(dirname "$UNIT_FILE")"
install -d -m 750 "$CONFIG_DIR" "$DATA_DIR"
if ((SYSTEMD)); then
    chown "root:$SERVICE_USER" "$CONFIG_DIR"
    chown "$SERVICE_USER:$SERVICE_USER" "$DATA_DIR"
fi
if [[ $(df --output=target "$DATA_DIR" | tail -n1) == "$(df --output=target "${ROOT:-/}" | tail -n1)" ]]; then
    log "warning: $DATA_DIR is on the same file system as ${ROOT:-/}; give the data folder a disk of its own"
fi

# --- release --------------------------------------------------------------------------------------------------------
VERSION=$(release_version "$RELEASE")
put_release "$RELEASE" "$VERSION"
switch_current "$VERSION"

# --- configuration --------------------------------------------------------------------------------------------------
# random_hex BYTES: a secret from the kernel's random source (openssl is not on every minimal system).
random_hex() { od -An -tx1 -N"$1" /dev/urandom | tr -d ' \n'; }
# set_key FILE KEY VALUE: sets one line KEY="VALUE", keeping every other line as the operator left it.
set_key() {
    local file=$1 key=$2 value=$3
    # Owner-only from the start: a secret never sits in a file others may read, not even for a moment.
    (umask 077 && { grep -v "^$key=" "$file" || true; printf '%s="%s"\n' "$key" "$value"; } >"$file.new")
    chmod --reference="$file" "$file.new"
    chown --reference="$file" "$file.new"
    mv -f "$file.new" "$file"
}
# key_value FILE KEY: the value of KEY in FILE, or nothing.
key_value() { env_assignments "$1" | sed -n "s/^$2=//p" | tail -n1; }

if [[ ! -f $ENV_FILE ]]; then
    log "writing $ENV_FILE"
    install -m 640 /dev/null "$ENV_FILE"
    cat >"$ENV_FILE" <<'EOF'
# mesa-server configuration (systemd EnvironmentFile: KEY="value", ':' in keys written as '__'); see README.md,
# "Configuration". Secrets go in secrets.env. install.sh rewrites Urls and Mesa__DataFolder from its options.
Mesa__State__Provider="sqlite"
EOF
fi
set_key "$ENV_FILE" Urls "http://127.0.0.1:$PORT"
set_key "$ENV_FILE" Mesa__DataFolder "$DATA_DIR"
if [[ ! -f $SECRETS_FILE ]]; then
    log "writing $SECRETS_FILE (owner-only)"
    install -m 600 /dev/null "$SECRETS_FILE"
    printf '# Secrets of mesa-server, owner-only; systemd reads this file as root.\n' >"$SECRETS_FILE"
fi
[[ -n $(key_value "$SECRETS_FILE" Mesa__Cluster__AdminApiKey) ]] \
    || set_key "$SECRETS_FILE" Mesa__Cluster__AdminApiKey "$(random_hex 32)"
chmod 640 "$ENV_FILE"
chmod 600 "$SECRETS_FILE"
((SYSTEMD)) && chown "root:$SERVICE_USER" "$ENV_FILE" && chown root:root "$SECRETS_FILE"

# --- PostgreSQL + PostGIS -------------------------------------------------------------------------------------------
if ((WITH_POSTGRES)); then
    systemctl enable --now postgresql
    password=$(key_value "$SECRETS_FILE" MESA_DB_PASSWORD)
    [[ -n $password ]] || password=$(random_hex 24)
    as_postgres() { runuser -u postgres -- psql -X -q -v ON_ERROR_STOP=1 "$@"; }
    log "postgres: role and database mesa"
    as_postgres -d postgres -v password="$password" <<'EOF'
SELECT format('CREATE ROLE mesa LOGIN PASSWORD %L', :'password') WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'mesa') \gexec
SELECT format('ALTER ROLE mesa PASSWORD %L', :'password') \gexec
SELECT 'CREATE DATABASE mesa OWNER mesa' WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = 'mesa') \gexec
EOF
    as_postgres -d mesa -c 'CREATE EXTENSION IF NOT EXISTS postgis'
    connection="Host=127.0.0.1;Database=mesa;Username=mesa;Password=$password"
    set_key "$SECRETS_FILE" MESA_DB_PASSWORD "$password"
    set_key "$SECRETS_FILE" Mesa__State__ConnectionString "$connection"
    set_key "$SECRETS_FILE" Mesa__Processing__PostGisConnectionString "$connection"
    set_key "$ENV_FILE" Mesa__State__Provider postgres
    log "postgres: migrating"
    dotnet "$CURRENT/mesa-cloud.dll" db migrate --connection "$connection"
fi

# --- systemd unit ---------------------------------------------------------------------------------------------------
log "writing $UNIT_FILE"
sed -e "s#@INSTALL_DIR@#$INSTALL_DIR#g" -e "s#@CONFIG_DIR@#$CONFIG_DIR#g" -e "s#@DATA_DIR@#$DATA_DIR#g" \
    -e "s#@USER@#$SERVICE_USER#g" -e "s#@DOTNET@#$(command -v dotnet)#g" \
    "$DEPLOY_DIR/mesa-server.service" >"$UNIT_FILE.new"
chmod 644 "$UNIT_FILE.new"
mv -f "$UNIT_FILE.new" "$UNIT_FILE"

# --- start and check ------------------------------------------------------------------------------------------------
if ((SYSTEMD)); then
    systemctl daemon-reload
    systemctl enable mesa-server
fi
restart_server
wait_ready "$(ready_url)" || die "mesa-server $VERSION did not become ready"
log "health: live $(curl -s -o /dev/null -w '%{http_code}' "$(ready_url | sed 's#/ready$#/live#')"), ready 200"
log "mesa-server $VERSION installed in $INSTALL_DIR and running"
