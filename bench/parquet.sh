#!/usr/bin/env bash
# Parquet throughput: Mesa.GeoParquet vs DuckDB (single thread), same data, same machine, same run.
#   bench/parquet.sh [ROWS]      (default 1000000 polygons, ~145 MB decoded, ~60-80 MB on disk)
# Writes a MESA-like polygon table with zstd and with snappy (mesa-cloud bench parquet-write), reads each back
# (mesa-cloud bench parquet-read), then has DuckDB read the same files and write the same rows. Each figure is
# the best of 3 runs; every run is its own process so peak memory is per phase. Needs tools/interop installed
# (scripts/test-env.sh does that).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROWS=${1:-1000000}
WORK=$(mktemp -d /tmp/mesa-bench.XXXXXX)
trap 'rm -rf "$WORK"' EXIT

dotnet publish src/Mesa.Cli -c Release -o "$WORK/cli" --nologo -v quiet >/dev/null
cli() { dotnet "$WORK/cli/mesa-cloud.dll" "$@"; }

for codec in zstd snappy; do
    for run in 1 2 3; do
        cli bench parquet-write "$WORK/ours_$codec.parquet" --rows "$ROWS" --codec "$codec" >>"$WORK/ours_write_$codec.jsonl"
        cli bench parquet-read "$WORK/ours_$codec.parquet" >>"$WORK/ours_read_$codec.jsonl"
    done
    node tools/interop/duckdb-bench.mjs "$WORK/ours_$codec.parquet" "$WORK/duckdb_$codec" >"$WORK/duckdb_$codec.json"
    # Peak memory while reading: the smallest GC heap hard limit under which the whole read still succeeds,
    # found by bisection, as a multiple of the largest decoded row group.
    largest=$(python3 -c 'import json,sys; print(json.loads(open(sys.argv[1]).readline())["largest_row_group_decoded_bytes"])' "$WORK/ours_read_$codec.jsonl")
    low=$largest high=$((6 * largest))
    while ((high - low > 1000000)); do
        mid=$(((low + high) / 2))
        if DOTNET_GCHeapHardLimit=$(printf '0x%x' "$mid") cli bench parquet-read "$WORK/ours_$codec.parquet" >/dev/null 2>&1; then high=$mid; else low=$mid; fi
    done
    python3 -c 'import sys; h, l = int(sys.argv[2]), int(sys.argv[3]); print(f"read {sys.argv[1]}: smallest GC heap that reads the file {h / 1e6:.0f} MB = {h / l:.2f}x the largest decoded row group ({l / 1e6:.0f} MB)")' \
        "$codec" "$high" "$largest" >>"$WORK/memory.txt"
done

python3 - "$WORK" <<'PY'
import json, os, sys
work = sys.argv[1]
def best(name):
    runs = [json.loads(line) for line in open(os.path.join(work, name))]
    return min(runs, key=lambda r: r["seconds"])
print(f"{'phase':<14}{'ours s':>9}{'ours MB/s':>11}{'DuckDB s':>10}{'ours/DuckDB':>13}  notes")
for codec in ("zstd", "snappy"):
    duck = json.load(open(os.path.join(work, f"duckdb_{codec}.json")))
    w, r = best(f"ours_write_{codec}.jsonl"), best(f"ours_read_{codec}.jsonl")
    dw = duck[f"write_{codec}_seconds"]
    print(f"{'write ' + codec:<14}{w['seconds']:>9.3f}{w['mb_per_second']:>11.0f}{dw:>10.3f}{w['seconds'] / dw:>13.2f}  "
          f"file {w['file_bytes'] / 1e6:.1f} MB (DuckDB {duck[codec + '_bytes'] / 1e6:.1f} MB)")
    print(f"{'read ' + codec:<14}{r['seconds']:>9.3f}{r['mb_per_second']:>11.0f}{duck['read_seconds']:>10.3f}{r['seconds'] / duck['read_seconds']:>13.2f}  "
          f"peak {r['peak_above_start_bytes'] / 1e6:.0f} MB above start, largest row group {r['largest_row_group_decoded_bytes'] / 1e6:.0f} MB decoded")
print(open(os.path.join(work, "memory.txt")).read().strip())
print(f"rows {duck['rows']}, decoded {w['decoded_bytes'] / 1e6:.0f} MB, {duck['duckdb_version']}, 1 thread each; ratio < 1 means we are faster")
PY
