#!/usr/bin/env bash
# Process step: the cpu engine (mesa-cloud process, all cores) vs the PostGIS reference, same workload, same machine.
#   bench/pipeline.sh [TARGET_MB]      (default 100: about 1 million hexagon cells and 10 groups of organic polygons)
# Publishes the CLI as deployed (bench/synth.sh), writes the synthetic workload (mesa-cloud workload synth --target-mb TARGET_MB --seed 1) into
# ${TMPDIR:-/tmp}/mesa-bench-synth-<TARGET_MB>mb, reused by later runs, then runs each engine once in its own
# process: the cpu engine under /usr/bin/time -v for its peak RSS, PostGIS through mesa-cloud bench
# postgis-reference (connection: $MESA_PG, else the test cluster scripts/test-env.sh starts). Prints one table
# and fails when the engines' tbl_stacked or tbl_flat row counts differ.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
TARGET_MB=${1:-100}
WORKLOAD=${TMPDIR:-/tmp}/mesa-bench-synth-${TARGET_MB}mb
WORK=$(mktemp -d /tmp/mesa-bench.XXXXXX)
trap 'rm -rf "$WORK"' EXIT

source bench/synth.sh
bench_synth_workload "$TARGET_MB" "$WORKLOAD" "$WORK"

/usr/bin/time -v -o "$WORK/cpu.time" \
    "$CLI_DIR/mesa-cloud" process "$WORKLOAD" --out "$WORK/cpu-out" --no-tiles >"$WORK/cpu.json" 2>"$WORK/cpu.log"
cli bench postgis-reference "$WORKLOAD" >"$WORK/postgis.json"

python3 - "$WORK" "$WORKLOAD" <<'PY'
import json, os, re, sys
work, workload = sys.argv[1:]
synth = json.load(open(os.path.join(workload, "synth.json")))
cpu = json.load(open(os.path.join(work, "cpu.json")))
pg = json.load(open(os.path.join(work, "postgis.json")))
time_v = open(os.path.join(work, "cpu.time")).read()
rss_kb = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", time_v).group(1))
# "Elapsed (wall clock) time (h:mm:ss or m:ss): 1:02.47"
wall = sum(float(part) * 60 ** i for i, part in enumerate(reversed(re.search(r"Elapsed \(wall clock\).*: ([\d:.]+)", time_v).group(1).split(":"))))

# Intersect: cpu's stage also writes tbl_stacked (with backfill) and the segmentation rows; PostGIS's only
# builds its table. Total: cpu is the whole process (load, prep, intersect, flatten, segment, manifest);
# PostGIS is staging by COPY, indexes, intersect, flatten and reading both tables back.
rows = [
    ("cpu", cpu["stacked_rows"], cpu["flat_rows"], cpu["stages"]["intersect"], cpu["stages"]["flatten"], wall),
    ("PostGIS", pg["stacked_rows"], pg["flat_rows"], pg["stages"]["intersect"], pg["stages"]["flatten"], pg["total_seconds"]),
]
print(f"workload: {synth['total_bytes'] / 1e6:.1f} MB, {synth['objects']} asset objects in {synth['groups']} groups, "
      f"{synth['cells']} cells of {synth['cell_metres']} m ({workload})")
print(f"{'engine':<9}{'stacked':>10}{'flat':>9}{'intersect s':>13}{'flatten s':>11}{'total s':>10}{'stacked rows/s':>16}")
for name, stacked, flat, intersect, flatten, total in rows:
    print(f"{name:<9}{stacked:>10}{flat:>9}{intersect:>13.3f}{flatten:>11.3f}{total:>10.3f}{stacked / intersect:>16.0f}")
(_, _, _, ci, cf, ct), (_, _, _, pi, pf, pt) = rows
print(f"{'PostGIS/cpu':<28}{pi / ci:>13.1f}{pf / cf:>11.1f}{pt / ct:>10.1f}")
print(f"cpu: peak RSS {rss_kb / 1024:.0f} MiB, stages {cpu['stages']}")
print(f"PostGIS: stages {pg['stages']}, repaired {pg['repaired']}, warnings {pg['warnings']}")
if (cpu["stacked_rows"], cpu["flat_rows"]) != (pg["stacked_rows"], pg["flat_rows"]):
    sys.exit(f"row counts differ: cpu {cpu['stacked_rows']} stacked / {cpu['flat_rows']} flat, "
             f"PostGIS {pg['stacked_rows']} stacked / {pg['flat_rows']} flat")
print("row counts agree")
PY
