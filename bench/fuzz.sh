#!/usr/bin/env bash
# Long fuzz run of the parsers that read user uploads (tests/Mesa.Fuzzing): a million inputs by default.
#   bench/fuzz.sh [SCALE] [SEED]     (SCALE multiplies the per-target counts below; default 1 = 1,000,000 inputs)
# Two runner processes share the targets. Each prints, per target, the inputs tried, how many parsed and how many
# were refused with the parser's documented error, its throughput and peak working set, and every finding (another
# exception, an input over the 10 s time limit, over 256 MiB allocated, or a working set over 4 GiB). Findings go to
# bench/out/fuzz-findings/ with the input and a minimized copy; the exit status is non-zero when there are any.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
SCALE=${1:-1}
SEED=${2:-1}
OUT=bench/out/fuzz-findings
mkdir -p bench/out

WORK=$(mktemp -d /tmp/mesa-fuzz.XXXXXX)
trap 'rm -rf "$WORK"' EXIT

# A published copy, so rebuilding the tree while the run goes on does not touch its binaries.
dotnet publish tests/Mesa.Fuzzing -c Release -o "$WORK/fuzz" --nologo -v quiet >/dev/null
fuzz() { dotnet "$WORK/fuzz/Mesa.Fuzzing.dll" --seed "$SEED" --findings "$OUT" "$@"; }
n() { echo $(($1 * SCALE)); }

rc=0
fuzz --target upload-zip="$(n 50000)" --target wkb="$(n 400000)" --target gpkg-blob="$(n 300000)" >bench/out/fuzz-a.txt 2>&1 &
a=$!
fuzz --target config.ini="$(n 150000)" --target settings.xlsx="$(n 60000)" --target gpkg="$(n 40000)" >bench/out/fuzz-b.txt 2>&1 &
b=$!
wait "$a" || rc=1
wait "$b" || rc=1
cat bench/out/fuzz-a.txt bench/out/fuzz-b.txt
exit "$rc"
