# Sourced by the benchmark scripts: builds the CLI in Release and defines cli and
# bench_synth_workload TARGET_MB WORKLOAD_DIR SCRATCH_DIR, which writes the synthetic workload
# (mesa-cloud workload synth --target-mb TARGET_MB --seed 1) into WORKLOAD_DIR unless it is already complete there.
dotnet build src/Mesa.Cli -c Release --nologo -v quiet >/dev/null
cli() { dotnet src/Mesa.Cli/bin/Release/net10.0/mesa-cloud.dll "$@"; }

# synth.json is written last, so its presence means a complete workload.
bench_synth_workload() {
    local target_mb=$1 workload=$2 work=$3
    if [[ ! -f $workload/synth.json ]]; then
        cli workload synth --target-mb "$target_mb" --seed 1 --out "$workload" >"$work/synth.json"
        mv "$work/synth.json" "$workload/synth.json"
    fi
}
