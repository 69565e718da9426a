#!/usr/bin/env bash
# Puts a new release beside the installed ones and switches to it (deploy/README.md, "Update and rollback"):
# copies it to /opt/mesa-server/releases/<version>, checks it with mesa-cloud doctor, points `current` at it in one
# rename, restarts and waits for /health/ready. When the new release is not ready in time, `current` goes back to
# the previous release, which is restarted and checked, and the script exits 1 saying it rolled back (2 when the
# previous release does not become ready either). Keeps the newest --keep releases, the previous one always.
#
#   deploy/update.sh --release DIR [--root DIR] [--port N] [--no-systemd] [--timeout SECONDS] [--keep N]
set -euo pipefail

SCRIPT=update
DEPLOY_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=deploy/lib.sh
source "$DEPLOY_DIR/lib.sh"

usage() {
    cat <<'EOF_USAGE'
Usage: deploy/update.sh --release DIR [options]
  --release DIR      the new published release (deploy/publish.sh) with its build-manifest.json
  --root DIR         the --root install.sh was given (default /)
  --port N           check readiness on this port instead of the one in mesa-server.env's Urls
  --no-systemd       the server runs in the background as install.sh --no-systemd started it (tests)
  --timeout SECONDS  how long to wait for /health/ready before rolling back (default 120)
  --keep N           how many releases to keep in releases/ (default 3); the current and the previous one
                     always stay
EOF_USAGE
}

RELEASE="" ROOT_ARG="" PORT="" SYSTEMD=1 TIMEOUT=120 KEEP=3
while (($#)); do
    case $1 in
        --release) RELEASE=${2:?--release needs a folder}; shift 2 ;;
        --root) ROOT_ARG=${2:?--root needs a folder}; shift 2 ;;
        --port) PORT=${2:?--port needs a number}; shift 2 ;;
        --no-systemd) SYSTEMD=0; shift ;;
        --timeout) TIMEOUT=${2:?--timeout needs seconds}; shift 2 ;;
        --keep) KEEP=${2:?--keep needs a number}; shift 2 ;;
        -h | --help) usage; exit 0 ;;
        *) usage >&2; die "unknown argument: $1" ;;
    esac
done
[[ -n $RELEASE ]] || { usage >&2; die "--release is required"; }
[[ $TIMEOUT =~ ^[0-9]+$ && $KEEP =~ ^[1-9][0-9]*$ && $PORT =~ ^[0-9]*$ ]] || die "--port, --timeout and --keep take numbers"
RELEASE=$(cd "$RELEASE" && pwd)
[[ -n $ROOT_ARG ]] && ROOT_ARG=$(cd "$ROOT_ARG" && pwd)
set_paths "$ROOT_ARG"
((SYSTEMD)) && [[ $(id -u) -ne 0 ]] && die "run as root (or pass --no-systemd)"

PREVIOUS=$(current_version)
[[ -n $PREVIOUS ]] || die "$CURRENT is missing: install first (deploy/install.sh)"
VERSION=$(release_version "$RELEASE")
[[ $VERSION != "$PREVIOUS" ]] || die "release $VERSION is already current"
if [[ -n $PORT ]]; then READY_URL=http://127.0.0.1:$PORT/health/ready; else READY_URL=$(ready_url); fi

put_release "$RELEASE" "$VERSION"
switch_current "$VERSION"
restart_server
if wait_ready "$READY_URL"; then
    # The current and the previous release (the last one known good) always stay, then the newest others.
    mapfile -t old < <(find "$RELEASES_DIR" -mindepth 1 -maxdepth 1 -type d -printf '%T@ %f\n' | sort -rn | cut -d' ' -f2- \
        | grep -vx -e "$VERSION" -e "$PREVIOUS" -e '.*\.partial' | tail -n +"$((KEEP - 1))")
    for release in "${old[@]}"; do
        log "removing old release $release"
        rm -rf "${RELEASES_DIR:?}/$release"
    done
    log "mesa-server $VERSION is running (was $PREVIOUS)"
    exit 0
fi

log "release $VERSION did not become ready: rolling back to $PREVIOUS"
switch_current "$PREVIOUS"
restart_server
if wait_ready "$READY_URL"; then
    printf '[%s] ERROR: release %s did not become ready; rolled back to %s, which is running\n' "$SCRIPT" "$VERSION" "$PREVIOUS" >&2
    exit 1
fi
printf '[%s] ERROR: release %s did not become ready, and neither did %s after the rollback\n' "$SCRIPT" "$VERSION" "$PREVIOUS" >&2
exit 2
