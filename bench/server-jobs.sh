#!/usr/bin/env bash
# The Process step inside mesa-server, as users' jobs run there, beside the PostGIS reference.
#   bench/server-jobs.sh [RUNS] [PATTERN]   (default 3 jobs per workload, one at a time; PATTERN, a grep -E
#                                           expression, keeps the workloads whose names match it)
# Needs the projects bench/realdata.sh builds (real geometry and the four samples on two grids). Starts mesa-server
# on its embedded defaults (SQLite, local disk, .eml mail pickup; bench/one-server.sh), then `mesa-cloud bench jobs`
# submits the first project twice untimed (the server's build compiles its code in its first jobs; a deployed release
# is ReadyToRun), each project RUNS times, and reads every job's stage seconds from the server, and `bench postgis-reference`
# runs once per project (connection: $MESA_PG, else the test cluster scripts/test-env.sh starts). Prints per workload
# the median seconds from the complete-upload request to finished (queueing, unzipping, every stage and the results included),
# the job's own prep / intersect / flatten / tiles seconds, the PostGIS reference's total, and two ratios: PostGIS
# over the job's Process stages (all but tiles, which the reference does not draw: from the first one's start to the
# last one's end, since prep may run beside intersect) and over the whole job.
# Two settings differ from the defaults, by environment variable, so that one user may submit every job:
#   Mesa__Quotas__JobsPerDay 100000 and Mesa__Quotas__StorageBytes 1 TB (defaults 20 jobs and 2 GiB).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
RUNS=${1:-3}
PATTERN=${2:-}
PROJECTS=${TMPDIR:-/tmp}/mesa-bench-realdata
source bench/one-server.sh
bench_setup server-jobs

folders=()
for folder in "$PROJECTS"/*/; do
    [[ -f $folder/built.json ]] || { echo "incomplete project $folder: run bench/realdata.sh first" >&2; exit 1; }
    if grep -qE "$PATTERN" <<<"$(basename "$folder")"; then folders+=("${folder%/}"); fi
done
((${#folders[@]} > 0)) || { echo "no project of $PROJECTS matches '$PATTERN': run bench/realdata.sh first" >&2; exit 1; }

start_server "$WORK/data" Mesa__Quotas__JobsPerDay=100000 Mesa__Quotas__StorageBytes=1000000000000
cli bench jobs --url "$URL" --mail-folder "$WORK/data/mail" --runs "$RUNS" --warmup 2 "${folders[@]}" >"$WORK/jobs.jsonl" \
    || { tail -20 "$WORK/server.log"; exit 1; }
# The reference runs on a machine the server no longer shares.
kill "$SERVER_PID" && wait "$SERVER_PID" 2>/dev/null || true
SERVER_PID=
for folder in "${folders[@]}"; do
    cli bench postgis-reference "$folder" >"$WORK/$(basename "$folder").postgis.json"
done

python3 - "$WORK" "$RUNS" <<'PY'
import json, os, statistics, sys
work, runs = sys.argv[1], int(sys.argv[2])
print(f"{'workload':26s} | {'job s':>7s} {'prep':>6s} {'inter':>6s} {'flat':>6s} {'tiles':>6s} | {'PostGIS s':>9s} | {'stages':>7s} {'job':>6s}")
stage_ratios, job_ratios = [], []
for line in open(os.path.join(work, "jobs.jsonl")):
    job = json.loads(line)
    name = os.path.basename(job["workload"])
    postgis = json.load(open(os.path.join(work, f"{name}.postgis.json")))
    stages = job["stages"]
    processing = job["process_seconds"]
    reference = postgis["total_seconds"]
    stage_ratios.append(reference / processing)
    job_ratios.append(reference / job["median_seconds"])
    print(f"{name:26s} | {job['median_seconds']:7.2f} {stages.get('prep', 0):6.2f} {stages.get('intersect', 0):6.2f} "
          f"{stages.get('flatten', 0):6.2f} {stages.get('tiles', 0):6.2f} | {reference:9.2f} | {stage_ratios[-1]:6.1f}x {job_ratios[-1]:5.1f}x")
    print(f"{'':26s}   jobs: {', '.join(f'{s:.2f}' for s in job['seconds'])} s")
print(f"job s: median of {runs} jobs, complete-upload request to finished; stages: the jobs' own medians; "
      "ratios: PostGIS total over the Process stages (all but tiles, first start to last end) and over the whole job")
print(f"stages: lowest {min(stage_ratios):.1f}x, geometric mean {statistics.geometric_mean(stage_ratios):.1f}x; "
      f"whole job: lowest {min(job_ratios):.1f}x, geometric mean {statistics.geometric_mean(job_ratios):.1f}x")
PY
