#!/usr/bin/env bash
# Engine choice by evidence: the same `mesa-cloud process` command on the same workload with --engine cpu and
# --engine postgis, per-stage seconds side by side, written to docs/engine-choice.md.
#   bench/engines.sh [TARGET_MB]      (default 100: about 1 million hexagon cells and 10 groups of organic polygons)
# Publishes the CLI as deployed (bench/synth.sh), writes the synthetic workload (mesa-cloud workload synth --target-mb TARGET_MB --seed 1) into
# ${TMPDIR:-/tmp}/mesa-bench-synth-<TARGET_MB>mb (shared with bench/pipeline.sh and reused), then runs process
# --no-tiles once per engine, each in its own process. PostGIS: $MESA_PG, else the test cluster scripts/test-env.sh
# starts. Fails when the two runs' output files differ (the manifests' SHA-256) or when the faster engine of a stage
# is not that stage's default (EngineChoice.Default in src/Mesa.PostGis/EngineChoice.cs).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
TARGET_MB=${1:-100}
WORKLOAD=${TMPDIR:-/tmp}/mesa-bench-synth-${TARGET_MB}mb
export MESA_PG=${MESA_PG:-Host=127.0.0.1;Port=55432;Username=postgres;Database=mesa}
WORK=$(mktemp -d /tmp/mesa-bench-engines.XXXXXX)
trap 'rm -rf "$WORK"' EXIT

source bench/synth.sh
bench_synth_workload "$TARGET_MB" "$WORKLOAD" "$WORK"

for engine in cpu postgis; do
    cut -d' ' -f1 /proc/loadavg >"$WORK/$engine.load"
    start=$(date +%s.%N)
    cli process "$WORKLOAD" --out "$WORK/$engine" --engine "$engine" --no-tiles >"$WORK/$engine.json" 2>"$WORK/$engine.err" \
        || { cat "$WORK/$engine.err" >&2; exit 1; }
    echo "$(date +%s.%N) - $start" | bc >"$WORK/$engine.wall"
    cut -d' ' -f1 /proc/loadavg >>"$WORK/$engine.load"
done

# The Npgsql connection string as libpq key=value pairs, for psql.
CONNINFO=$(python3 -c '
import os
keys = {"host": "host", "port": "port", "username": "user", "user id": "user", "database": "dbname", "password": "password"}
pairs = (p.split("=", 1) for p in os.environ["MESA_PG"].split(";") if "=" in p)
print(" ".join(f"{keys[k.strip().lower()]}={v.strip()}" for k, v in pairs if k.strip().lower() in keys))')
PG_VERSION=$(psql "$CONNINFO" -Atc "SELECT split_part(version(), ' on ', 1) || ', PostGIS ' || postgis_lib_version()")

python3 - "$WORK" "$WORKLOAD" "$TARGET_MB" "$PG_VERSION" <<'PY'
import datetime, json, os, platform, re, sys
work, workload, target_mb, pg_version = sys.argv[1:]
synth = json.load(open(os.path.join(workload, "synth.json")))
runs = {e: json.load(open(os.path.join(work, f"{e}.json"))) for e in ("cpu", "postgis")}
walls = {e: float(open(os.path.join(work, f"{e}.wall")).read()) for e in runs}
loads = {e: " -> ".join(open(os.path.join(work, f"{e}.load")).read().split()) for e in runs}
manifests = {e: json.load(open(os.path.join(work, e, "manifest.json"))) for e in runs}
same_files = manifests["cpu"]["files"] == manifests["postgis"]["files"]

# Staging throughput of the PostGIS run, from its process.log (part of its intersect stage).
staged = [json.loads(line)["Properties"] for line in open(os.path.join(work, "postgis", "process.log"))
          if json.loads(line).get("MessageTemplate", "").startswith("Staged ")]
staged_bytes = sum(s["Bytes"] for s in staged)
staged_seconds = sum(s["Seconds"] for s in staged)

cpu_model = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), platform.processor())
mem_gib = int(next(l.split()[1] for l in open("/proc/meminfo") if l.startswith("MemTotal"))) / 2**20
stages = ["prep", "intersect", "flatten", "segment"]
# The defaults as the code declares them (EngineChoice.Default).
source = open("src/Mesa.PostGis/EngineChoice.cs").read()
declared = re.search(r"Default \{ get; \} = new\((\w+)\.EngineName, (\w+)\.EngineName\)", source).groups()
default = dict(zip(["intersect", "flatten"], ["cpu" if d == "CpuEngine" else "postgis" for d in declared]))

rows, picks = [], {}
for stage in stages:
    c, p = runs["cpu"]["stages"][stage], runs["postgis"]["stages"][stage]
    choice = ""
    if stage in default:
        picks[stage] = "cpu" if c <= p else "postgis"
        choice = picks[stage]
    rows.append(f"| {stage} | {c:.2f} | {p:.2f} | {p / c if c else float('nan'):.1f} | {choice} |")
rows.append(f"| whole process (wall, incl. start-up and manifest) | {walls['cpu']:.2f} | {walls['postgis']:.2f} | {walls['postgis'] / walls['cpu']:.1f} | |")

# The gpu engine is not part of this run (bench/gpu.sh measures it on a GPU); its section is kept as written.
GPU_ENGINE = """
## The gpu engine

`--engine gpu` (`Mesa:Processing:Engine=gpu`, or per stage `intersect=gpu`) runs intersect with a GPU's help;
flatten stays on cpu (no measurement shows flatten's per-code sums paying for a transfer). It is not a default:
it has not yet been measured on a GPU (`bench/gpu.sh` measures it; see the README).

What runs where: the cpu engine's STR-tree finds each cell's candidate asset pieces; every (cell, piece) pair goes to
the device in batches of one chunk of cells, with all pieces' rings uploaded once per run. The ILGPU kernel
(`src/Mesa.Gpu/ClassifyKernel.cs`) classifies each pair by comparisons only: *boundary* when some segment of the
piece comes within a margin of the cell's envelope, else *inside* or *outside* by counting the segments that
straddle the cell's first vertex's height to its right. An asset whose candidate pieces are all inside/outside
takes the verdict the cpu rule gives such pieces (overlaps when one holds the cell, apart otherwise); every other
asset (boundary pairs, points, lines, cells under 1 m^2, non-convex cells, invalid assets, verdicts near 1 m^2)
goes through the cpu engine's exact code (`OverlapRule`), and the cpu engine's writers write every file. The
kernel computes no value that lands in a file, and its margin (10^-9 of the coordinates' magnitude) is far above
the rounding of the cpu engine's crossing test, so its answers are the cpu engine's: the output files are byte for
byte the cpu engine's (`Mesa.Gpu.Tests`, on every sample package, a synthetic and the edge-case workload, with the
kernels on ILGPU's CPU accelerator).

Fallback: without a CUDA device (no driver, no GPU) the run logs a warning and intersect runs on the cpu engine;
manifest.json's `engine` says `intersect=cpu (gpu unavailable: ...),flatten=cpu`. When the device fails mid-run,
that chunk and the rest run on the cpu engine and the manifest says `intersect=gpu (cuda ...) then cpu after a
device failure,flatten=cpu`. A run on the device records `intersect=gpu (cuda MODEL),flatten=cpu`.
`--gpu-accelerator cpu` (`Mesa:Processing:GpuAccelerator=cpu`) runs the kernels on ILGPU's CPU accelerator, to
check them on a machine without a GPU (16-21x slower than plain loops: never for production); the manifest then
says `intersect=gpu (ilgpu-cpu),flatten=cpu`.

Known limit of this version: only the inside/outside classification runs on the device; the candidate search,
the exact rule for boundary pairs (the overlap area of convex cells near a boundary included) and the writing stay
on the cpu cores. The share of pairs left to the exact rule depends on the workload, not the hardware: on the real-data
benchmark's projects (`bench/gpu.sh` with `GPU_ACCELERATOR=cpu`, all 12 with files identical to the cpu engine's) it
was 19 % (Aegean, hexagons) to 84 % (Norway, QDGC), 32-43 % on the samples' 250 m hexagons, 58-78 % on their 1 km
squares, and 69 % on a 1 MB synthetic workload. Where it is high, the cpu work that remains bounds the gain.
"""
doc = f"""# Engine choice

Which engine computes intersect and flatten by default follows the measurements below, taken by
`bench/engines.sh {target_mb}`: the same `mesa-cloud process --no-tiles` command on the same workload with
`--engine cpu` and `--engine postgis`, each in its own process, one after the other. Both runs wrote the same
files (manifest SHA-256 of every output): {"yes" if same_files else "NO"}.

**Defaults: intersect = {default['intersect']}, flatten = {default['flatten']}** (`EngineChoice.Default`). The faster engine per stage
in this run: intersect = {picks['intersect']}, flatten = {picks['flatten']}. Choose `--engine postgis` (or
`Mesa:Processing:Engine`) where the database has more cores than the processing node, or to keep the per-job work
on the database server.

- Date: {datetime.datetime.now(datetime.timezone.utc):%Y-%m-%d %H:%M} UTC
- Machine: {os.cpu_count()} cores ({cpu_model}), {mem_gib:.0f} GiB RAM, {platform.system()} {platform.release()}; shared with
  other work while measured. Load average (1 min) at the start and end of each run: cpu {loads['cpu']},
  postgis {loads['postgis']}. Above {os.cpu_count()} both engines wait for cores, so absolute seconds are inflated; the
  ratios are the figures to compare.
- Database: {pg_version}, on the same machine (loopback), default settings of the test cluster.
- Workload: synthetic, {synth['total_bytes'] / 1e6:.1f} MB, {synth['objects']} asset objects in {synth['groups']} groups,
  {synth['cells']} hexagon cells of {synth['cell_metres']} m; {runs['cpu']['stacked_rows']} tbl_stacked rows, {runs['cpu']['flat_rows']} tbl_flat rows.

Seconds per stage, as manifest.json records them:

| stage | cpu s | postgis s | postgis / cpu | faster |
| --- | --- | --- | --- | --- |
{chr(10).join(rows)}

What each stage holds: on postgis, intersect is staging the workload by binary COPY
({staged_bytes / 1e6:.1f} MB in {staged_seconds:.2f} s, {staged_bytes / 1e6 / staged_seconds if staged_seconds else 0:.1f} MB/s), the spatial indexes, the
intersect SQL and streaming tbl_stacked's pairs back into the writers; flatten is the flatten SQL and reading
tbl_flat back; on cpu, intersect includes building the STR-tree of asset pieces. Both write tbl_stacked and the
segmentation rows inside intersect and tbl_flat inside flatten, with the same writers. Prep and segment run on
cpu in both runs.
""" + GPU_ENGINE
open("docs/engine-choice.md", "w").write(doc)
print(doc)
if not same_files:
    sys.exit("the engines' output files differ")
if picks != default:
    sys.exit(f"the faster engines {picks} are not the defaults {default}: update EngineChoice.Default and its docs")
PY
