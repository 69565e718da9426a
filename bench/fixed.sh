#!/usr/bin/env bash
# Fixed costs of a small job: where `mesa-cloud process --no-tiles` spends its wall time, phase by phase
# (`process --timings FILE`), on the four MESA samples on 250 m hexagons and 1 km squares and one real-data workload.
#   bench/fixed.sh [RUNS] [CLI_DIR...]   (default 5: each workload runs RUNS times in a fresh process; medians are
#                                         shown. Without CLI_DIR it publishes the CLI as bench/synth.sh does; with
#                                         published CLI folders it runs each of them in turn, run by run, and prints
#                                         one table per folder, to compare builds on a busy machine.)
# Needs the projects bench/realdata.sh builds. Phases: the runtime's start before Main (from the process start time),
# parsing the command line, reading config.ini and tbl_settings, log setup, pre-flight (reading and checking the
# tables' schemas, clearing old outputs), each stage, manifest.json (SHA-256 of every output), the JSON summary, and
# the runtime's shutdown (wall clock by /usr/bin/time less all of the above). "JIT" is the methods the JIT compiled
# (code that ReadyToRun did not cover) and the seconds it spent, summed over threads.
# Set CLI_DIR to publish into a folder of your own (bench/synth.sh).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
RUNS=${1:-5}
shift $(($# > 0 ? 1 : 0))
PROJECTS=${TMPDIR:-/tmp}/mesa-bench-realdata
WORK=$(mktemp -d /tmp/mesa-bench-fixed.XXXXXX)
trap 'rm -rf "$WORK"' EXIT

if (($# > 0)); then
    builds=("$@")
else
    source bench/synth.sh
    builds=("$CLI_DIR")
fi

names=()
for folder in "$PROJECTS"/*-hex250 "$PROJECTS"/*-square1000 "$PROJECTS"/aegean-hex; do
    [[ -f $folder/built.json ]] || { echo "missing project $folder: run bench/realdata.sh first" >&2; exit 1; }
    names+=("$(basename "$folder")")
done
for run in $(seq "$RUNS"); do
    for name in "${names[@]}"; do
        for build in "${!builds[@]}"; do
            /usr/bin/time -f "%e %U %S" -o "$WORK/$build.$name.$run.time" "${builds[$build]}/mesa-cloud" process "$PROJECTS/$name" \
                --out "$WORK/out" --no-tiles --timings "$WORK/$build.$name.$run.json" >/dev/null 2>"$WORK/$build.$name.$run.log"
        done
    done
done

for build in "${!builds[@]}"; do
    echo "${builds[$build]}:"
    python3 - "$WORK" "$build" "$RUNS" "${names[@]}" <<'PY'
import json, statistics, sys
work, build, runs, names = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4:]
median = statistics.median
columns = []
rows = []
for name in names:
    per_phase, walls, cpus, jitted, jit = {}, [], [], [], []
    for run in range(1, runs + 1):
        wall, user, system = map(float, open(f"{work}/{build}.{name}.{run}.time").read().split()[-3:])
        report = json.load(open(f"{work}/{build}.{name}.{run}.json"))
        phases = {p["phase"]: p["seconds"] for p in report["phases"]}
        phases["shutdown"] = max(0.0, wall - sum(phases.values()))
        for phase, seconds in phases.items():
            per_phase.setdefault(phase, [0.0] * (run - 1)).append(seconds)
        for seconds in per_phase.values():
            seconds += [0.0] * (run - len(seconds))
        walls.append(wall); cpus.append(user + system)
        jitted.append(report["jitted_methods"]); jit.append(report["jit_seconds"])
    columns += [p for p in per_phase if p not in columns]
    rows.append((name, {p: median(v) for p, v in per_phase.items()}, median(walls), median(cpus), median(jitted), median(jit)))
short = {"runtime start": "runtime", "command line": "cmdline", "config.ini + tbl_settings": "config", "log setup": "log",
         "before prep": "preflight", "intersect": "inter", "flatten": "flat", "segment": "segm", "manifest": "manif"}
header = f"{'workload':<26}{'wall s':>7}{'cpu s':>6} |" + "".join(f"{short.get(c, c)[:9]:>10}" for c in columns) + f" | {'JIT meth':>8}{'JIT s':>6}"
print(header)
for name, phases, wall, cpu, methods, jit in rows:
    print(f"{name:<26}{wall:>7.2f}{cpu:>6.2f} |" + "".join(f"{phases.get(c, 0):>10.3f}" for c in columns) + f" | {methods:>8.0f}{jit:>6.2f}")
fixed = [c for c in columns if c not in ("prep", "intersect", "flatten", "segment")]
print(f"medians of {runs} runs; fixed (all but the four stages): " +
      ", ".join(f"{name} {sum(phases.get(c, 0) for c in fixed):.2f} s" for name, phases, *_ in rows))
PY
done
