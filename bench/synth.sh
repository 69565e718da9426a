# Sourced by the benchmark scripts: publishes the CLI as it is deployed (deploy/publish-cli.sh: the managed program,
# Release, ReadyToRun, and the native mesa-cloud executable that runs `process`; see deploy/README.md) into $CLI_DIR (default ${TMPDIR:-/tmp}/mesa-bench-cli) and defines cli and bench_synth_workload TARGET_MB WORKLOAD_DIR SCRATCH_DIR, which writes the
# synthetic workload (mesa-cloud workload synth --target-mb TARGET_MB --seed 1) into WORKLOAD_DIR unless it is
# already complete there.
CLI_DIR=${CLI_DIR:-${TMPDIR:-/tmp}/mesa-bench-cli}
bash deploy/publish-cli.sh "$CLI_DIR"
# Every command but the timed `process` runs in the managed program directly, as the native one would hand it over.
cli() { dotnet "$CLI_DIR/mesa-cloud.dll" "$@"; }

# synth.json is written last, so its presence means a complete workload.
bench_synth_workload() {
    local target_mb=$1 workload=$2 work=$3
    if [[ ! -f $workload/synth.json ]]; then
        cli workload synth --target-mb "$target_mb" --seed 1 --out "$workload" >"$work/synth.json"
        mv "$work/synth.json" "$workload/synth.json"
    fi
}
