# Sourced by the benchmark scripts: publishes the CLI as it is deployed (Release, ReadyToRun, see deploy/README.md)
# into $CLI_DIR (default ${TMPDIR:-/tmp}/mesa-bench-cli) and defines cli and bench_synth_workload TARGET_MB WORKLOAD_DIR SCRATCH_DIR, which writes the
# synthetic workload (mesa-cloud workload synth --target-mb TARGET_MB --seed 1) into WORKLOAD_DIR unless it is
# already complete there.
CLI_DIR=${CLI_DIR:-${TMPDIR:-/tmp}/mesa-bench-cli}
dotnet publish src/Mesa.Cli -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true -o "$CLI_DIR" --nologo -v quiet >/dev/null
cli() { dotnet "$CLI_DIR/mesa-cloud.dll" "$@"; }

# synth.json is written last, so its presence means a complete workload.
bench_synth_workload() {
    local target_mb=$1 workload=$2 work=$3
    if [[ ! -f $workload/synth.json ]]; then
        cli workload synth --target-mb "$target_mb" --seed 1 --out "$workload" >"$work/synth.json"
        mv "$work/synth.json" "$workload/synth.json"
    fi
}
