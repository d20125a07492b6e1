#!/bin/sh
# Regenerates the QR test images of tests/data/qr (committed; run this only to change them, then re-measure
# the decode rates that tests/hal/qr_dataset_test.cpp asserts).
#   tests/tools/make-qr-set.sh [BUILD_DIR]     (default build/dev)
set -eu
root=$(cd "$(dirname "$0")/../.." && pwd)
build=${1:-$root/build/dev}
cmake --build "$build" --target sango-qrgen
out="$root/tests/data/qr"
rm -rf "$out"
mkdir -p "$out"
"$build/tests/hal/sango-qrgen" "$root/tests/data/credentials.json" "$out"
du -sh "$out"
