#!/usr/bin/env bash
# Publishes a release: mesa-server and mesa-cloud (framework-dependent linux-x64, ReadyToRun; mesa-cloud's `process`
# also as a native executable, deploy/publish-cli.sh) into one folder, then
# its build manifest (build-manifest.json: version, time, every file's path, size and SHA-256), which install.sh,
# update.sh and `mesa-cloud doctor` check.
#
#   deploy/publish.sh VERSION OUTDIR      e.g. deploy/publish.sh 1.4.0 /tmp/mesa-1.4.0
set -euo pipefail

die() { printf '[publish] ERROR: %s\n' "$*" >&2; exit 1; }

(($# == 2)) || die "usage: deploy/publish.sh VERSION OUTDIR"
VERSION=$1
OUT=$2
[[ $VERSION =~ ^[A-Za-z0-9][A-Za-z0-9._+-]*$ ]] || die "version '$VERSION': letters, digits and . _ + - only (it names a folder)"
# A file left from an earlier publish would enter the manifest as part of this release.
[[ ! -e $OUT || -z $(ls -A "$OUT") ]] || die "$OUT is not empty"
mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd)
cd "$(dirname "${BASH_SOURCE[0]}")/.."

dotnet publish src/Mesa.Server -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true \
    -p:InformationalVersion="$VERSION" -o "$OUT"
# The CLI references the server, so it goes second: the assemblies both use end up in the versions the CLI resolved.
bash deploy/publish-cli.sh "$OUT" "$VERSION"
dotnet "$OUT/mesa-cloud.dll" doctor write-manifest --release "$OUT" --version "$VERSION"
