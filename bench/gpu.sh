#!/usr/bin/env bash
# Intersect on the GPU: the cpu engine vs the gpu engine (mesa-cloud process --engine gpu), same workloads, same machine.
#
# The GPU machines have CUDA but no .NET, so the benchmark travels as a bundle: a self-contained linux-x64 publish of
# the CLI, the generated workloads and this script.
#   1. On a machine with the .NET SDK:   bench/gpu.sh prepare BUNDLE_DIR [TARGET_MB]
#      publishes the CLI into BUNDLE_DIR/cli, writes the synthetic workload (workload synth --target-mb TARGET_MB,
#      default 100, --seed 1) into BUNDLE_DIR/workloads/synth-<TARGET_MB>mb, and copies the real-data benchmark's
#      projects (${TMPDIR:-/tmp}/mesa-bench-realdata, built by bench/realdata.sh; skipped with a note when absent).
#   2. Copy BUNDLE_DIR to the GPU machine and there run:   BUNDLE_DIR/gpu.sh run BUNDLE_DIR
#      (needs bash, python3 and the NVIDIA driver's libcuda.so.1; nothing else). For every workload it runs
#      `process --no-tiles` once with --engine cpu (all cores) and once with --engine gpu, checks that both runs'
#      manifests list the same files with the same SHA-256 (exit 1 otherwise) and that the gpu run really ran on a
#      CUDA device (exit 1 when it fell back to the cpu engine), and prints per-stage seconds, the gpu engine's kernel
#      and transfer seconds (from its log), the intersect ratio cpu/gpu and transfers as a share of GPU time.
#      GPU_ACCELERATOR=cpu BUNDLE_DIR/gpu.sh run BUNDLE_DIR checks the script itself on a machine without a GPU (the
#      kernels on ILGPU's CPU accelerator; its seconds say nothing about a GPU).
set -euo pipefail
GPU_ACCELERATOR=${GPU_ACCELERATOR:-cuda}
MODE=${1:?usage: bench/gpu.sh prepare BUNDLE_DIR [TARGET_MB] | run BUNDLE_DIR}
BUNDLE=${2:?usage: bench/gpu.sh prepare BUNDLE_DIR [TARGET_MB] | run BUNDLE_DIR}

prepare() {
    local target_mb=${1:-100} repo
    repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
    mkdir -p "$BUNDLE/workloads"
    dotnet publish "$repo/src/Mesa.Cli" -c Release -r linux-x64 --self-contained true -o "$BUNDLE/cli" --nologo -v quiet >/dev/null
    local synth=$BUNDLE/workloads/synth-${target_mb}mb
    if [[ ! -f $synth/synth.json ]]; then
        "$BUNDLE/cli/mesa-cloud" workload synth --target-mb "$target_mb" --seed 1 --out "$synth" >"$BUNDLE/synth.json.tmp"
        mv "$BUNDLE/synth.json.tmp" "$synth/synth.json"
    fi
    local realdata=${TMPDIR:-/tmp}/mesa-bench-realdata
    if [[ -d $realdata ]]; then
        for project in "$realdata"/*/; do cp -r "$project" "$BUNDLE/workloads/realdata-$(basename "$project")"; done
    else
        echo "note: $realdata is missing (run bench/realdata.sh once); the bundle has the synthetic workload only" >&2
    fi
    cp "$repo/bench/gpu.sh" "$BUNDLE/gpu.sh"
    echo "bundle ready: $(du -sh "$BUNDLE" | cut -f1) in $BUNDLE; on the GPU machine run: $BUNDLE/gpu.sh run $BUNDLE"
}

run() {
    local status=0
    work=$(mktemp -d /tmp/mesa-bench-gpu.XXXXXX)
    trap 'rm -rf "$work"' EXIT
    for workload in "$BUNDLE"/workloads/*/; do
        local name
        name=$(basename "$workload")
        for engine in cpu gpu; do
            "$BUNDLE/cli/mesa-cloud" process "$workload" --out "$work/$name-$engine" --engine "$engine" --gpu-accelerator "$GPU_ACCELERATOR" --no-tiles \
                >"$work/$name-$engine.json" 2>"$work/$name-$engine.err" || { echo "$name: --engine $engine failed:"; tail -5 "$work/$name-$engine.err"; status=1; }
        done
    done
    python3 - "$work" "$GPU_ACCELERATOR" <<'PY' || status=1
import glob, json, os, re, sys
work, accelerator = sys.argv[1:]
expected = "intersect=gpu (cuda" if accelerator == "cuda" else "intersect=gpu (ilgpu-cpu"
failed = False
print(f"{'workload':<34} {'cells':>9} {'rows':>9} {'cpu int s':>9} {'gpu int s':>9} {'ratio':>6} {'kernel s':>9} {'xfer s':>7} {'xfer %':>6} {'pairs':>11} {'exact %':>7}  device")
for summary in sorted(glob.glob(os.path.join(work, "*-cpu.json"))):
    name = os.path.basename(summary)[:-len("-cpu.json")]
    try:
        cpu = json.load(open(summary))
        gpu = json.load(open(os.path.join(work, f"{name}-gpu.json")))
    except (OSError, ValueError):
        failed = True
        continue
    manifests = [json.load(open(os.path.join(work, f"{name}-{e}", "manifest.json")))["files"] for e in ("cpu", "gpu")]
    if manifests[0] != manifests[1]:
        print(f"{name}: the output files differ between the engines")
        failed = True
    line = ""
    for entry in open(os.path.join(work, f"{name}-gpu", "process.log")):
        message = json.loads(entry).get("RenderedMessage", "")
        if message.startswith("GPU intersect on"):
            line = message
    m = re.search(r'GPU intersect on "?(.*?)"?: kernel ([\d.]+) s, transfers ([\d.]+) s, (\d+) pairs classified, (\d+) left', line)
    if not m or not gpu["engine"].startswith(expected):
        print(f"{name}: the gpu engine did not run on the {accelerator} accelerator: {gpu['engine']}")
        failed = True
        continue
    device, kernel, transfer, pairs, exact = m.group(1), float(m.group(2)), float(m.group(3)), int(m.group(4)), int(m.group(5))
    ci, gi = cpu["stages"]["intersect"], gpu["stages"]["intersect"]
    print(f"{name:<34} {cpu['cells']:>9} {cpu['stacked_rows']:>9} {ci:>9.2f} {gi:>9.2f} {ci / gi:>6.2f} {kernel:>9.3f} {transfer:>7.3f} "
          f"{100 * transfer / max(kernel + transfer, 1e-9):>6.1f} {pairs:>11} {100 * exact / max(pairs, 1):>7.1f}  {device}")
    for stage in cpu["stages"]:
        print(f"    {stage:<10} cpu {cpu['stages'][stage]:>8.2f} s   gpu {gpu['stages'].get(stage, float('nan')):>8.2f} s")
sys.exit(1 if failed else 0)
PY
    return $status
}

case $MODE in
    prepare) prepare "${3:-100}" ;;
    run) run ;;
    *) echo "usage: bench/gpu.sh prepare BUNDLE_DIR [TARGET_MB] | run BUNDLE_DIR" >&2; exit 2 ;;
esac
