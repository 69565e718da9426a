#!/usr/bin/env bash
# Process step on real geometry: the cpu engine (mesa-cloud process, all cores) vs the PostGIS reference.
#   bench/realdata.sh [RUNS] [PATTERN]   (default 3: each workload is processed RUNS times and the median is shown;
#                                         PATTERN, a grep -E expression, keeps the workloads whose names match it)
# Workloads: real borders, seas, maritime zones and coastlines of the @geo-maps npm packages (installed once into
# ${TMPDIR:-/tmp}/mesa-realdata-sources), cut over two regions by `mesa-cloud workload realdata` onto QDGC grids at
# two levels and on hexagons, plus the four MESA sample packages on 250 m hexagons and 1 km squares. The projects
# are built once into ${TMPDIR:-/tmp}/mesa-bench-realdata and reused. Each workload runs `process --no-tiles` in
# its own process (CLI start-up included, peak RSS by /usr/bin/time) and `bench postgis-reference` (connection:
# $MESA_PG, else the test cluster scripts/test-env.sh starts), whose total includes staging, the union and
# geodesic area of the data extent, intersect, flatten and reading back. Beside the CLI it times the same pipeline warm,
# as a server node runs job after job (`bench warm`: RUNS+1 runs in one process, the median of all but the first).
# Prints one table with per-stage seconds and ratios for both, and fails when the engines' tbl_stacked or tbl_flat row
# counts or data extent areas differ.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
RUNS=${1:-3}
PATTERN=${2:-}
SOURCES=${TMPDIR:-/tmp}/mesa-realdata-sources
PROJECTS=${TMPDIR:-/tmp}/mesa-bench-realdata
WORK=$(mktemp -d /tmp/mesa-bench.XXXXXX)
trap 'rm -rf "$WORK"' EXIT

source bench/synth.sh

packages=(countries-land-10m countries-maritime-10m earth-seas-10m countries-coastline-1m)
for package in "${packages[@]}"; do
    if [[ ! -f $SOURCES/node_modules/@geo-maps/$package/map.geo.json ]]; then
        npm install --prefix "$SOURCES" --no-save --no-audit --no-fund --loglevel=error "${packages[@]/#/@geo-maps/}" >/dev/null
        break
    fi
done

# name|how to build it. A project is complete once its build summary (built.json) is written.
workloads=(
    "norway-qdgc|realdata norway qdgc:2 qdgc:3"
    "norway-hex|realdata norway hex:6000"
    "aegean-qdgc|realdata aegean qdgc:3 qdgc:4"
    "aegean-hex|realdata aegean hex:2500"
)
for sample in ../shared/data/mesa-samples/*/; do
    name=$(basename "$sample")
    workloads+=("$name-hex250|from-samples $sample hex:250" "$name-square1000|from-samples $sample square:1000")
done

build() {
    local folder=$1 kind=$2 source=$3; shift 3
    case $kind in
        realdata) cli workload realdata "$SOURCES/node_modules/@geo-maps" --region "$source" "${@/#/--grid=}" --out "$folder" ;;
        from-samples) cli workload from-samples "$source" --grid "$1" --out "$folder" ;;
    esac
}

if [[ -n $PATTERN ]]; then
    selected=()
    for entry in "${workloads[@]}"; do
        if grep -qE "$PATTERN" <<<"${entry%%|*}"; then selected+=("$entry"); fi
    done
    workloads=("${selected[@]}")
fi
for entry in "${workloads[@]}"; do
    name=${entry%%|*}
    read -r -a how <<<"${entry#*|}"
    folder=$PROJECTS/$name
    if [[ ! -f $folder/built.json ]]; then
        build "$folder" "${how[@]}" >"$WORK/built.json"
        mv "$WORK/built.json" "$folder/built.json"
    fi
    for run in $(seq "$RUNS"); do
        /usr/bin/time -v -o "$WORK/$name.cpu-$run.time" \
            "$CLI_DIR/mesa-cloud" process "$folder" --out "$WORK/out" --no-tiles >"$WORK/$name.cpu-$run.json" 2>"$WORK/$name.cpu-$run.log"
    done
    cli bench warm "$folder" --runs $((RUNS + 1)) >"$WORK/$name.warm.json"
    cli bench postgis-reference "$folder" >"$WORK/$name.postgis.json"
done

python3 - "$WORK" "$PROJECTS" "$RUNS" "${workloads[@]%%|*}" <<'PY'
import json, os, re, statistics, sys
work, projects, runs, names = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4:]

def wall(text):
    # "Elapsed (wall clock) time (h:mm:ss or m:ss): 1:02.47"
    clock = re.search(r"Elapsed \(wall clock\).*: ([\d:.]+)", text).group(1)
    return sum(float(part) * 60 ** i for i, part in enumerate(reversed(clock.split(":"))))

print(f"{'workload':<26}{'objects':>8}{'vertices':>10}{'cells':>8}{'stacked':>9} | {'ours s':>7}{'prep':>7}{'inter':>7}{'flat':>6}{'RSS MiB':>8} | "
      f"{'warm s':>7}{'prep':>7}{'inter':>7}{'flat':>6} | {'PostGIS s':>9}{'prep':>7}{'inter':>7}{'flat':>6} | {'ratio':>6}{'warm':>7}")
problems, ratios, warm_ratios = [], [], []
for name in names:
    built = json.load(open(os.path.join(projects, name, "built.json")))
    cpu_runs = []
    for run in range(1, runs + 1):
        report = json.load(open(os.path.join(work, f"{name}.cpu-{run}.json")))
        time_v = open(os.path.join(work, f"{name}.cpu-{run}.time")).read()
        rss = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", time_v).group(1)) / 1024
        cpu_runs.append((wall(time_v), report, rss))
    cpu_runs.sort(key=lambda r: r[0])
    total, cpu, rss = cpu_runs[len(cpu_runs) // 2]
    pg = json.load(open(os.path.join(work, f"{name}.postgis.json")))
    cells = cpu["cells"]
    vertices = built.get("vertices", "-")  # from-samples does not count them
    warm = json.load(open(os.path.join(work, f"{name}.warm.json")))
    ratio = pg["total_seconds"] / total
    warm_ratio = pg["total_seconds"] / warm["median_seconds"]
    ratios.append(ratio)
    warm_ratios.append(warm_ratio)
    s, w, p = cpu["stages"], warm["stages"], pg["stages"]
    print(f"{name:<26}{built['objects']:>8}{vertices:>10}{cells:>8}{cpu['stacked_rows']:>9} | {total:>7.2f}{s['prep']:>7.2f}{s['intersect']:>7.2f}{s['flatten']:>6.2f}{rss:>8.0f} | "
          f"{warm['median_seconds']:>7.3f}{w['prep']:>7.3f}{w['intersect']:>7.3f}{w['flatten']:>6.3f} | "
          f"{pg['total_seconds']:>9.2f}{p['prep']:>7.2f}{p['intersect']:>7.2f}{p['flatten']:>6.2f} | {ratio:>5.1f}x{warm_ratio:>6.1f}x")
    if len(cpu_runs) > 1:
        print(f"{'':<26}runs: {', '.join(f'{r[0]:.2f}' for r in sorted(cpu_runs, key=lambda r: r[0]))} s")
    if (warm["stacked_rows"], warm["flat_rows"]) != (cpu["stacked_rows"], cpu["flat_rows"]):
        problems.append(f"{name}: warm {warm['stacked_rows']} stacked / {warm['flat_rows']} flat, CLI {cpu['stacked_rows']} / {cpu['flat_rows']}")
    if (cpu["stacked_rows"], cpu["flat_rows"]) != (pg["stacked_rows"], pg["flat_rows"]):
        problems.append(f"{name}: cpu {cpu['stacked_rows']} stacked / {cpu['flat_rows']} flat, PostGIS {pg['stacked_rows']} / {pg['flat_rows']}")
    if abs(cpu["data_extent_km2"] - pg["data_extent_km2"]) > 1e-9 * max(pg["data_extent_km2"], 1):
        problems.append(f"{name}: data extent cpu {cpu['data_extent_km2']} km2, PostGIS {pg['data_extent_km2']} km2")
print(f"ratio = PostGIS total / ours (CLI: median of {runs} processes; warm: median of {runs} runs after a first in one process)")
print(f"CLI: lowest {min(ratios):.1f}x, geometric mean {statistics.geometric_mean(ratios):.1f}x; "
      f"warm: lowest {min(warm_ratios):.1f}x, geometric mean {statistics.geometric_mean(warm_ratios):.1f}x")
if problems:
    sys.exit("engines disagree:\n  " + "\n  ".join(problems))
print("row counts and data extents agree")
PY
