# Sourced by the single-server benchmarks: a work folder removed on exit, Release builds of the server and the CLI,
# and start_server, which starts mesa-server on a free loopback port and waits until it is ready.
#   bench_setup NAME          WORK=/tmp/mesa-bench-NAME.XXXXXX, removed (and the server stopped) on exit
#   cli ARGS...               runs the Release mesa-cloud
#   start_server DATA [VAR=VALUE...]   sets URL and SERVER_PID (the server process itself, for its VmRSS); log in $WORK/server.log
bench_setup() {
    WORK=$(mktemp -d "/tmp/mesa-bench-$1.XXXXXX")
    SERVER_PID=
    trap bench_cleanup EXIT
    dotnet build src/Mesa.Server -c Release --nologo -v quiet >/dev/null
    dotnet build src/Mesa.Cli -c Release --nologo -v quiet >/dev/null
}

bench_cleanup() {
    if [[ -n $SERVER_PID ]]; then kill "$SERVER_PID" 2>/dev/null && wait "$SERVER_PID" 2>/dev/null || true; fi
    rm -rf "$WORK"
}

cli() { dotnet src/Mesa.Cli/bin/Release/net10.0/mesa-cloud.dll "$@"; }

start_server() {
    local data=$1
    shift
    local port
    port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
    URL=http://127.0.0.1:$port
    # exec keeps the PID of the subshell, so $! is the server process itself.
    (cd src/Mesa.Server/bin/Release/net10.0 && exec env Urls="$URL" Mesa__DataFolder="$data" "$@" dotnet mesa-server.dll >"$WORK/server.log" 2>&1) &
    SERVER_PID=$!
    for _ in $(seq 100); do
        curl -fs "$URL/health/ready" >/dev/null && return 0
        kill -0 "$SERVER_PID" 2>/dev/null || { cat "$WORK/server.log"; exit 1; }
        sleep 0.2
    done
    echo "mesa-server did not become ready; its log:" >&2
    cat "$WORK/server.log" >&2
    exit 1
}
