#!/usr/bin/env bash
# This tree against another revision (default: main) on the Parquet, process and tiles paths: same data, same
# machine, same run. Both CLIs are published as deployed (Release, ReadyToRun); runs alternate sides (before
# first on odd runs, after first on even ones) so the load of a shared machine falls on both alike, and each
# figure is the median of RUNS.
#   bench/before-after.sh [REVISION] [ROWS] [TARGET_MB] [RUNS]      (default main 1000000 15 3)
# Parquet: mesa-cloud bench parquet-write / parquet-read, zstd and snappy, one thread, ROWS polygons; DuckDB
# (tools/interop/duckdb-bench.mjs, one thread) reads and writes this tree's files once per run.
# Process: mesa-cloud process --no-tiles on the synthetic workload (workload synth --target-mb TARGET_MB
# --seed 1). Tiles: mesa-cloud tiles --minzoom 6 --maxzoom 12 on that workload processed once. Both all cores,
# timed as wall and CPU (user + system) seconds.
# BEFORE_CLI / AFTER_CLI name already published CLI folders to skip a publish.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
REVISION=${1:-main}
ROWS=${2:-1000000}
TARGET_MB=${3:-15}
RUNS=${4:-3}
WORK=$(mktemp -d /tmp/mesa-bench-ba.XXXXXX)
trap 'git worktree remove --force "$WORK/before-tree" >/dev/null 2>&1 || true; rm -rf "$WORK"' EXIT

publish() { dotnet publish "$1/src/Mesa.Cli" -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true -o "$2" --nologo -v quiet >/dev/null; }
if [[ -z ${BEFORE_CLI:-} ]]; then
    git worktree add --detach "$WORK/before-tree" "$REVISION" >/dev/null 2>&1
    BEFORE_CLI=$WORK/before
    publish "$WORK/before-tree" "$BEFORE_CLI"
fi
if [[ -z ${AFTER_CLI:-} ]]; then
    AFTER_CLI=$WORK/after
    publish . "$AFTER_CLI"
fi
dll() { if [[ $1 == before ]]; then echo "$BEFORE_CLI/mesa-cloud.dll"; else echo "$AFTER_CLI/mesa-cloud.dll"; fi; }
cli() { local side=$1; shift; dotnet "$(dll "$side")" "$@"; }
# Wall and CPU (user + system) seconds of one command; CPU time moves far less than wall time on a loaded machine.
timed() { /usr/bin/time -f '%e %U %S' -o "$WORK/time.txt" "$@" >/dev/null 2>&1; awk '{ printf "%s %.2f\n", $1, $2 + $3 }' "$WORK/time.txt"; }

WORKLOAD=$WORK/workload
cli after workload synth --target-mb "$TARGET_MB" --seed 1 --out "$WORKLOAD" >"$WORK/synth.json"
cli after process "$WORKLOAD" --no-tiles >"$WORK/processed.json" 2>/dev/null

for run in $(seq "$RUNS"); do
    sides=(before after)
    ((run % 2 == 0)) && sides=(after before)
    for side in "${sides[@]}"; do
        for codec in zstd snappy; do
            cli "$side" bench parquet-write "$WORK/${side}_$codec.parquet" --rows "$ROWS" --codec "$codec" >>"$WORK/${side}_write_$codec.jsonl"
            cli "$side" bench parquet-read "$WORK/${side}_$codec.parquet" >>"$WORK/${side}_read_$codec.jsonl"
        done
    done
    for codec in zstd snappy; do
        DUCKDB_BENCH_RUNS=1 node tools/interop/duckdb-bench.mjs "$WORK/after_$codec.parquet" "$WORK/duckdb_$codec" |
            python3 -c 'import json, sys; print(json.dumps(json.load(sys.stdin)))' >>"$WORK/duckdb_$codec.jsonl"
    done
    for side in "${sides[@]}"; do
        timed dotnet "$(dll "$side")" process "$WORKLOAD" --out "$WORK/out-$side" --no-tiles >>"$WORK/${side}_process.txt"
        rm -rf "$WORK/out-$side"
    done
    for side in "${sides[@]}"; do
        timed dotnet "$(dll "$side")" tiles "$WORKLOAD" --minzoom 6 --maxzoom 12 >>"$WORK/${side}_tiles.txt"
    done
done

python3 - "$WORK" "$REVISION" <<'PY'
import json, os, statistics, sys
work, revision = sys.argv[1:]
def lines(name): return [line for line in open(os.path.join(work, name)) if line.strip()]
def median_of(name, key="seconds"): return statistics.median(json.loads(l)[key] for l in lines(name))
def timings(name): return [tuple(map(float, l.split())) for l in lines(name)]
synth = json.load(open(os.path.join(work, "synth.json")))
print(f"{'phase':<14}{revision + ' s':>10}{'this tree s':>13}{'after/before':>14}{'DuckDB s':>10}{'after/DuckDB':>14}")
for codec in ("zstd", "snappy"):
    duck = [json.loads(l) for l in lines(f"duckdb_{codec}.jsonl")]
    for phase in ("write", "read"):
        b, a = median_of(f"before_{phase}_{codec}.jsonl"), median_of(f"after_{phase}_{codec}.jsonl")
        d = statistics.median(x[f"write_{codec}_seconds"] if phase == "write" else x["read_seconds"] for x in duck)
        print(f"{phase + ' ' + codec:<14}{b:>10.3f}{a:>13.3f}{a / b:>14.2f}{d:>10.3f}{a / d:>14.2f}")
for phase in ("process", "tiles"):
    b, a = timings(f"before_{phase}.txt"), timings(f"after_{phase}.txt")
    for i, kind in ((0, "wall"), (1, "CPU")):
        mb, ma = statistics.median(t[i] for t in b), statistics.median(t[i] for t in a)
        print(f"{phase + ' ' + kind:<14}{mb:>10.2f}{ma:>13.2f}{ma / mb:>14.2f}   runs before {[t[i] for t in b]}, after {[t[i] for t in a]}")
sizes = {c: json.loads(lines(f"after_write_{c}.jsonl")[0])["file_bytes"] / 1e6 for c in ("zstd", "snappy")}
print(f"Parquet: {json.loads(lines('after_write_zstd.jsonl')[0])['rows']} rows, this tree's files {sizes['zstd']:.1f} MB zstd, {sizes['snappy']:.1f} MB snappy; "
      f"workload {synth['total_bytes'] / 1e6:.1f} MB, {synth['cells']} cells; medians of {len(b)} runs")
PY
