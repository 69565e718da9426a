#!/usr/bin/env bash
# Publishes mesa-cloud into OUTDIR: the managed program (framework-dependent linux-x64, ReadyToRun: mesa-cloud.dll,
# which runs every command) and, as the mesa-cloud executable, its native entry point (src/Mesa.Cli.Native, compiled
# ahead of time with gcc), which runs `process` on the cpu engine itself and hands every other command to
# `dotnet mesa-cloud.dll`. deploy/publish.sh and the benchmarks (bench/synth.sh) publish through this.
#
#   deploy/publish-cli.sh OUTDIR [VERSION]
set -euo pipefail

(($# >= 1 && $# <= 2)) || { echo "usage: deploy/publish-cli.sh OUTDIR [VERSION]" >&2; exit 1; }
OUT=$1
version=(${2:+-p:InformationalVersion=$2})
cd "$(dirname "${BASH_SOURCE[0]}")/.."
native=$(mktemp -d "${TMPDIR:-/tmp}/mesa-native.XXXXXX")
trap 'rm -rf "$native"' EXIT

dotnet publish src/Mesa.Cli -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true "${version[@]}" \
    -o "$OUT" --nologo -v quiet >/dev/null
dotnet publish src/Mesa.Cli.Native -c Release -r linux-x64 "${version[@]}" -o "$native" --nologo -v quiet >/dev/null
# Replaces the managed program's launcher; `dotnet mesa-cloud.dll` still runs the managed program directly.
install -m 755 "$native/mesa-cloud-native" "$OUT/mesa-cloud"
