# shellcheck shell=bash
# Shared by install.sh and update.sh (sourced, not run): the installation's paths, copying and checking a release,
# switching the `current` symlink, starting and stopping the server, and waiting for it to be ready.
#
# Callers set SCRIPT (their name, for log lines), SYSTEMD (1: the systemd unit runs the server; 0: --no-systemd,
# the server runs in the background as the calling user) and TIMEOUT (seconds to wait for readiness), then call
# set_paths.

log() { printf '[%s] %s\n' "$SCRIPT" "$*"; }
die() { printf '[%s] ERROR: %s\n' "$SCRIPT" "$*" >&2; exit 1; }

# set_paths ROOT: every path of the installation, under ROOT ("" for the machine itself).
set_paths() {
    ROOT=${1%/}
    INSTALL_DIR=$ROOT/opt/mesa-server
    RELEASES_DIR=$INSTALL_DIR/releases
    CURRENT=$INSTALL_DIR/current
    CONFIG_DIR=$ROOT/etc/mesa-server
    ENV_FILE=$CONFIG_DIR/mesa-server.env
    SECRETS_FILE=$CONFIG_DIR/secrets.env
    # --no-systemd only: the background server's pid and output.
    PID_FILE=$ROOT/run/mesa-server/mesa-server.pid
    LOG_FILE=$ROOT/var/log/mesa-server/mesa-server.log
}

# release_version DIR: the version label in DIR's build manifest (it names the folder under releases/).
release_version() {
    local manifest=$1/build-manifest.json version
    [[ -f $manifest ]] || die "$1 has no build-manifest.json: publish it with deploy/publish.sh"
    version=$(grep -m1 -o '"version": *"[^"]*"' "$manifest" | sed 's/.*"\([^"]*\)"$/\1/')
    [[ $version =~ ^[A-Za-z0-9][A-Za-z0-9._+-]*$ ]] || die "$manifest has no usable version label ('$version')"
    printf '%s\n' "$version"
}

# current_version: the release `current` points to, or nothing.
current_version() {
    if [[ -L $CURRENT ]]; then basename "$(readlink "$CURRENT")"; fi
}

# doctor DIR: the release's own mesa-cloud checks every file against its build manifest; what differs goes to stderr.
doctor() {
    local report
    report=$(dotnet "$1/mesa-cloud.dll" doctor --release "$1" 2>&1) || { printf '%s\n' "$report" >&2; return 1; }
}

# put_release DIR VERSION: copies a published release to releases/VERSION (through a temporary folder, so a
# half-copied release never has that name) and checks it with doctor. The current release is never overwritten.
put_release() {
    local source=$1 version=$2 target=$RELEASES_DIR/$2
    if [[ $(current_version) == "$version" ]]; then
        log "release $version is already installed and current"
    else
        log "copying release $version to $target"
        rm -rf "$target" "$target.partial"
        mkdir -p "$RELEASES_DIR"
        cp -R "$source/." "$target.partial/"
        mv -T "$target.partial" "$target"
    fi
    if ! doctor "$target"; then
        # A release that is not what was built never stays where it could be switched to.
        [[ $(current_version) == "$version" ]] || rm -rf "$target"
        die "release $version does not match its build manifest (above); nothing was changed"
    fi
    log "release $version matches its build manifest"
}

# switch_current VERSION: points `current` at releases/VERSION in one rename, so it is never missing or half-made.
switch_current() {
    ln -sfn "releases/$1" "$INSTALL_DIR/.current.new"
    mv -T "$INSTALL_DIR/.current.new" "$CURRENT"
    log "current -> releases/$1"
}

# env_assignments FILE...: the KEY=VALUE lines of systemd environment files, surrounding double quotes removed.
env_assignments() {
    local line key value
    cat "$@" | while IFS= read -r line || [[ -n $line ]]; do
        [[ $line =~ ^[[:space:]]*(#|$) ]] && continue
        key=${line%%=*}
        value=${line#*=}
        [[ $value =~ ^\"(.*)\"$ ]] && value=${BASH_REMATCH[1]}
        printf '%s=%s\n' "$key" "$value"
    done
}

# ready_url: /health/ready on the port of the first address in Urls (mesa-server.env), asked on loopback.
ready_url() {
    local urls port
    urls=$(env_assignments "$ENV_FILE" | sed -n 's/^Urls=//p' | head -n1)
    port=$(sed -E 's#^[a-z]+://[^;]*:([0-9]+).*#\1#' <<<"${urls%%;*}")
    [[ $port =~ ^[0-9]+$ ]] || die "no port in Urls='$urls' ($ENV_FILE)"
    printf 'http://127.0.0.1:%s/health/ready\n' "$port"
}

# background_pid: the pid of the server --no-systemd started, when it still runs.
background_pid() {
    local pid
    [[ -f $PID_FILE ]] || return 1
    pid=$(<"$PID_FILE")
    [[ $pid =~ ^[0-9]+$ ]] && grep -q 'mesa-server\.dll' "/proc/$pid/cmdline" 2>/dev/null && printf '%s\n' "$pid"
}

stop_background() {
    local pid
    pid=$(background_pid) || { rm -f "$PID_FILE"; return 0; }
    log "stopping the server (pid $pid)"
    kill "$pid" 2>/dev/null || true
    # A stopping silo hands its running job back first; give it the time systemd would (TimeoutStopSec).
    for _ in $(seq 1 600); do
        kill -0 "$pid" 2>/dev/null || { rm -f "$PID_FILE"; return 0; }
        sleep 0.1
    done
    kill -9 "$pid" 2>/dev/null || true
    rm -f "$PID_FILE"
}

# start_background: the server from `current`, with the environment files, in a session of its own so it outlives
# this script; its output goes to LOG_FILE, never to this script's output.
start_background() {
    local assignments
    mkdir -p "$(dirname "$PID_FILE")" "$(dirname "$LOG_FILE")"
    mapfile -t assignments < <(env_assignments "$ENV_FILE" "$SECRETS_FILE")
    log "starting the server from $CURRENT in the background (output: $LOG_FILE)"
    # exec all the way down: no shell stays behind holding this script's output open.
    # shellcheck disable=SC2016 # $$ and $0 are the inner shell's: it writes its own pid, then becomes the server.
    (cd "$CURRENT" && exec setsid env "${assignments[@]}" bash -c 'echo $$ >"$0" && exec dotnet mesa-server.dll' "$PID_FILE") \
        </dev/null >>"$LOG_FILE" 2>&1 &
    # Not this shell's job any more: its end (a crash at start, say) is wait_ready's to report.
    disown
    for _ in $(seq 1 50); do
        [[ -s $PID_FILE ]] && return 0
        sleep 0.1
    done
    die "the server did not start (see $LOG_FILE)"
}

restart_server() {
    if ((SYSTEMD)); then
        log "systemctl restart mesa-server"
        systemctl restart mesa-server
    else
        stop_background
        start_background
    fi
}

# wait_ready URL: 0 once URL (ready_url) answers 200 within TIMEOUT seconds; 1 when it does not, or when the
# background server has exited.
wait_ready() {
    local url=$1 deadline=$((SECONDS + TIMEOUT))
    log "waiting up to ${TIMEOUT}s for $url"
    while ((SECONDS < deadline)); do
        if [[ $(curl -s -o /dev/null -w '%{http_code}' --max-time 5 "$url" || true) == 200 ]]; then
            log "ready"
            return 0
        fi
        if ((!SYSTEMD)) && ! background_pid >/dev/null; then
            log "the server exited; the end of its output:"
            tail -n 20 "$LOG_FILE" >&2 || true
            return 1
        fi
        sleep 1
    done
    log "not ready after ${TIMEOUT}s"
    ((SYSTEMD)) && { systemctl status --no-pager mesa-server >&2 || true; }
    return 1
}
