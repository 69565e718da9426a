#!/usr/bin/env bash
# Outputs unchanged: runs `mesa-cloud process --no-tiles` on the workloads of bench/realdata.sh (real geometry, the
# four samples on two grids; built there, this script needs them) and a 20 MB synthetic workload, and lists the
# SHA-256 of every output file except manifest.json and process.log (which hold timings).
#   bench/identical.sh SUMS_FILE     writes SUMS_FILE when it does not exist; otherwise compares with it and fails
#                                    on any file whose bytes differ, naming it.
# Set CLI_DIR to publish into a folder of your own (bench/synth.sh).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
SUMS=$(realpath -m "$1")
PROJECTS=${TMPDIR:-/tmp}/mesa-bench-realdata
WORK=$(mktemp -d /tmp/mesa-identical.XXXXXX)
trap 'rm -rf "$WORK"' EXIT

source bench/synth.sh
SYNTH=${TMPDIR:-/tmp}/mesa-bench-synth-20mb
bench_synth_workload 20 "$SYNTH" "$WORK"

folders=("$SYNTH")
for folder in "$PROJECTS"/*/; do
    [[ -f $folder/built.json ]] || { echo "incomplete project $folder: run bench/realdata.sh first" >&2; exit 1; }
    folders+=("${folder%/}")
done
for folder in "${folders[@]}"; do
    name=$(basename "$folder")
    "$CLI_DIR/mesa-cloud" process "$folder" --out "$WORK/$name" --no-tiles >/dev/null
    (cd "$WORK" && find "$name" -type f ! -name manifest.json ! -name process.log -print0 | sort -z | xargs -0 sha256sum) >>"$WORK/sums"
done

if [[ ! -f $SUMS ]]; then
    cp "$WORK/sums" "$SUMS"
    echo "recorded $(wc -l <"$SUMS") output files of ${#folders[@]} workloads in $SUMS"
elif diff "$SUMS" "$WORK/sums" >"$WORK/diff"; then
    echo "identical: $(wc -l <"$SUMS") output files of ${#folders[@]} workloads"
else
    cat "$WORK/diff" >&2
    echo "outputs differ from $SUMS" >&2
    exit 1
fi
