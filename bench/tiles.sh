#!/usr/bin/env bash
# Tiles: mesa-cloud tiles (zooms 6-12, every layer of every group, all cores) vs a GDAL reference on the same cells.
#   bench/tiles.sh [TARGET_MB]      (default 100: about 1 million hexagon cells, 635k tbl_flat rows)
# Publishes the CLI as deployed (bench/synth.sh), writes the synthetic workload (mesa-cloud workload synth --target-mb TARGET_MB --seed 1) into
# ${TMPDIR:-/tmp}/mesa-bench-tiles-<TARGET_MB>mb and processes it there with --no-tiles (both reused by later runs),
# then times:
#   ours: mesa-cloud tiles DIR, three runs under /usr/bin/time -v (median wall time, peak RSS);
#   GDAL: the tbl_flat cells (exported untimed to FlatGeobuf in EPSG:3857: gdal_rasterize does not reproject, so
#         GDAL is spared the projection that ours does inside its time) burnt with gdal_rasterize as band indexes into a
#         Web Mercator raster at zoom 12 resolution aligned to the tile grid, coloured with gdaldem color-relief,
#         written with gdal_translate -of MBTILES and given zooms 11..6 with gdaladdo: one layer (sensitivity_max).
# Painted tiles are counted in the files. Prints one table; ours renders every layer, so tiles/s is the fair rate.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
TARGET_MB=${1:-100}
WORKLOAD=${TMPDIR:-/tmp}/mesa-bench-tiles-${TARGET_MB}mb
WORK=$(mktemp -d /tmp/mesa-bench-tiles.XXXXXX)
trap 'rm -rf "$WORK"' EXIT

source bench/synth.sh
bench_synth_workload "$TARGET_MB" "$WORKLOAD" "$WORK"
# processed.json is written last, so its presence means a complete step.
if [[ ! -f $WORKLOAD/processed.json ]]; then
    cli process "$WORKLOAD" --no-tiles >"$WORK/processed.json" 2>/dev/null
    mv "$WORK/processed.json" "$WORKLOAD/processed.json"
fi
FLAT=$WORKLOAD/output/geoparquet/tbl_flat.parquet

# Three runs: the median is reported (one process's wall time on a shared machine varies by 10% or more).
for run in 1 2 3; do
    /usr/bin/time -v -o "$WORK/ours.$run.time" \
        dotnet "$CLI_DIR/mesa-cloud.dll" tiles "$WORKLOAD" --minzoom 6 --maxzoom 12 >"$WORK/ours.json" 2>/dev/null
done

# GDAL's input: the same cells with the band index (1..5 = A..E) of sensitivity_code_max, as FlatGeobuf.
cli parquet cat "$FLAT" | python3 -c '
import csv, json, sys
out = csv.writer(sys.stdout)
out.writerow(["WKT", "band"])
for line in sys.stdin:
    row = json.loads(line)
    out.writerow([row["geometry"], "ABCDE".find(row["sensitivity_code_max"] or "?") + 1])
' >"$WORK/cells.csv"
ogr2ogr -f FlatGeobuf -s_srs EPSG:4326 -t_srs EPSG:3857 -oo KEEP_GEOM_COLUMNS=NO -oo AUTODETECT_TYPE=YES "$WORK/cells.fgb" "$WORK/cells.csv"
python3 - "$WORKLOAD/config.ini" >"$WORK/colours.txt" <<'PY'
import configparser, sys
ini = configparser.ConfigParser(interpolation=None, inline_comment_prefixes=None)
ini.read(sys.argv[1])
for i, code in enumerate("ABCDE", 1):
    hex_ = ini.get(code, "category_colour", fallback={"A": "#bd0026", "B": "#f03b20", "C": "#fd8d3c", "D": "#fecc5c", "E": "#ffffb2"}[code]).strip()
    print(i, int(hex_[1:3], 16), int(hex_[3:5], 16), int(hex_[5:7], 16), 255)
print("nv 0 0 0 0")
PY
# Zoom 12 pixel grid: 2^12 tiles of 256 px over the EPSG:3857 square; the extent snapped outwards to whole tiles.
read -r XMIN YMIN XMAX YMAX RES < <(ogrinfo -so -al "$WORK/cells.fgb" | python3 -c '
import math, re, sys
w, s, e, n = map(float, re.search(r"Extent: \(([-\d.]+), ([-\d.]+)\) - \(([-\d.]+), ([-\d.]+)\)", sys.stdin.read()).groups())
half = math.pi * 6378137.0; tile = 2 * half / 4096
lo = lambda v: -half + math.floor((v + half) / tile) * tile
hi = lambda v: -half + math.ceil((v + half) / tile) * tile
print(f"{lo(w):.6f} {lo(s):.6f} {hi(e):.6f} {hi(n):.6f} {tile / 256:.12f}")')

START=$(date +%s.%N)
gdal_rasterize -q -a band -ot Byte -a_nodata 0 -a_srs EPSG:3857 -te "$XMIN" "$YMIN" "$XMAX" "$YMAX" -tr "$RES" "$RES" \
    -co TILED=YES -co COMPRESS=LZW "$WORK/cells.fgb" "$WORK/index.tif" 2>"$WORK/gdal.log"
# Band indexes are whole numbers listed in the colour file, so interpolation returns exactly their colours
# (-exact_color_entry gives an all-transparent raster on GDAL 3.6).
gdaldem color-relief -q -alpha -co TILED=YES -co COMPRESS=LZW "$WORK/index.tif" "$WORK/colours.txt" "$WORK/rgba.tif"
gdal_translate -q -of MBTILES -co RESAMPLING=NEAREST "$WORK/rgba.tif" "$WORK/gdal.mbtiles"
gdaladdo -q -r nearest "$WORK/gdal.mbtiles" 2 4 8 16 32 64
END=$(date +%s.%N)

python3 - "$WORK" "$WORKLOAD" "$START" "$END" <<'PY'
import json, os, re, sqlite3, sys
work, workload, start, end = sys.argv[1], sys.argv[2], float(sys.argv[3]), float(sys.argv[4])
synth = json.load(open(os.path.join(workload, "synth.json")))
processed = json.load(open(os.path.join(workload, "processed.json")))
ours = json.load(open(os.path.join(work, "ours.json")))
time_v = [open(os.path.join(work, f"ours.{run}.time")).read() for run in (1, 2, 3)]
rss_kb = max(int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", t).group(1)) for t in time_v)
walls = [sum(float(p) * 60 ** i for i, p in enumerate(reversed(re.search(r"Elapsed \(wall clock\).*: ([\d:.]+)", t).group(1).split(":"))))
         for t in time_v]
wall = sorted(walls)[1]

def tiles(path):
    db = sqlite3.connect(path)
    counts = dict(db.execute("SELECT zoom_level, count(*) FROM tiles GROUP BY zoom_level"))
    db.close()
    return counts

our_files = [os.path.join(workload, f) for f in ours["files"]]
our_counts = [tiles(f) for f in our_files]
our_total = sum(sum(c.values()) for c in our_counts)
sensitivity = next(c for f, c in zip(our_files, our_counts) if f.endswith("_sensitivity_max.mbtiles"))
gdal_counts = tiles(os.path.join(work, "gdal.mbtiles"))
gdal_total, gdal_wall = sum(gdal_counts.values()), end - start

print(f"workload: {synth['total_bytes'] / 1e6:.1f} MB, {processed['flat_rows']} tbl_flat cells of {synth['cell_metres']} m ({workload}); zooms 6-12")
print(f"{'':<32}{'layers':>7}{'painted tiles':>15}{'seconds':>10}{'tiles/s':>10}")
print(f"{'mesa-cloud tiles (all cores)':<32}{len(our_files):>7}{our_total:>15}{wall:>10.2f}{our_total / wall:>10.0f}")
print(f"{'GDAL rasterize+MBTILES+addo':<32}{1:>7}{gdal_total:>15}{gdal_wall:>10.2f}{gdal_total / gdal_wall:>10.0f}")
print(f"ratio (ours/GDAL tiles/s): {(our_total / wall) / (gdal_total / gdal_wall):.1f}x; "
      f"one layer: ours {wall / len(our_files):.2f} s (all layers' time / layers) vs GDAL {gdal_wall:.2f} s")
print(f"tiles per zoom, sensitivity_max: ours {dict(sorted(sensitivity.items()))}, GDAL {dict(sorted(gdal_counts.items()))}")
print(f"ours: {our_total / wall / os.cpu_count():.0f} painted tiles/s per core ({os.cpu_count()} cores), "
      f"peak RSS {rss_kb / 1024:.0f} MiB, median wall {wall:.2f} s of {', '.join(f'{w:.2f}' for w in walls)} s "
      f"(inside the last command: {ours['seconds']} s)")
PY
