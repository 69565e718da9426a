#!/usr/bin/env bash
# Parquet write and read throughput of this tree against another revision (default: main), same data, same
# machine, same run: both CLIs are published, each writes the synthetic polygon table (mesa-cloud bench
# parquet-write) and reads its own file back (bench parquet-read); best of RUNS runs per figure.
#   bench/parquet-before-after.sh [ROWS] [REVISION] [RUNS]      (default 1000000 main 3)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROWS=${1:-1000000}
REVISION=${2:-main}
RUNS=${3:-3}
WORK=$(mktemp -d /tmp/mesa-bench-ba.XXXXXX)
trap 'git worktree remove --force "$WORK/before-tree" >/dev/null 2>&1 || true; rm -rf "$WORK"' EXIT

git worktree add --detach "$WORK/before-tree" "$REVISION" >/dev/null 2>&1
dotnet publish "$WORK/before-tree/src/Mesa.Cli" -c Release -o "$WORK/before" --nologo -v quiet >/dev/null
dotnet publish src/Mesa.Cli -c Release -o "$WORK/after" --nologo -v quiet >/dev/null

for side in before after; do
    for codec in zstd snappy; do
        for _ in $(seq "$RUNS"); do
            dotnet "$WORK/$side/mesa-cloud.dll" bench parquet-write "$WORK/${side}_$codec.parquet" --rows "$ROWS" --codec "$codec" >>"$WORK/${side}_write_$codec.jsonl"
            dotnet "$WORK/$side/mesa-cloud.dll" bench parquet-read "$WORK/${side}_$codec.parquet" >>"$WORK/${side}_read_$codec.jsonl"
        done
    done
done

python3 - "$WORK" "$REVISION" <<'PY'
import json, os, sys
work, revision = sys.argv[1:]
def best(name):
    return min((json.loads(l) for l in open(os.path.join(work, name))), key=lambda r: r["seconds"])
print(f"{'phase':<14}{revision + ' s':>12}{'this tree s':>13}{'after/before':>14}  file MB before/after")
for codec in ("zstd", "snappy"):
    for phase in ("write", "read"):
        b, a = best(f"before_{phase}_{codec}.jsonl"), best(f"after_{phase}_{codec}.jsonl")
        sizes = f"{best(f'before_write_{codec}.jsonl')['file_bytes'] / 1e6:.1f}/{best(f'after_write_{codec}.jsonl')['file_bytes'] / 1e6:.1f}" if phase == "write" else ""
        print(f"{phase + ' ' + codec:<14}{b['seconds']:>12.3f}{a['seconds']:>13.3f}{a['seconds'] / b['seconds']:>14.2f}  {sizes}")
PY
