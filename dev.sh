#!/usr/bin/env bash
# The two things a new user does, on a fresh Debian 12 (as root or with sudo):
#   ./dev.sh run     install what is missing, build, and run the main job
#   ./dev.sh test    install what is missing, build, and pass the tests
# Other verbs: package (the release .deb files), build [PRESET], bench, asan (the tests under AddressSanitizer + UBSan), fuzz (each parser
# under libFuzzer for SANGO_FUZZ_SECONDS, default 60).
set -euo pipefail
cd "$(dirname "$0")"

# preset_build PRESET [TARGET...]: configure and build (only the targets named, or everything).
preset_build() {
  local preset=$1; shift
  cmake --preset "$preset" >/dev/null
  if [ $# -gt 0 ]; then
    cmake --build --preset "$preset" -j "$(nproc)" --target "$@"
  else
    cmake --build --preset "$preset" -j "$(nproc)"
  fi
}

verb=${1:-run}
case "$verb" in
  run)
    packaging/setup-debian.sh
    preset_build release sango sango-ledger sango-kiosk
    exec packaging/demo.sh build/release
    ;;
  test)
    packaging/setup-debian.sh
    preset_build dev
    ctest --preset dev
    # The Debian packages, made from the build just tested, installed into a fresh Debian 12 root and used there.
    packaging/test-packages.sh build/dev
    ;;
  asan)
    packaging/setup-debian.sh
    preset_build asan
    ctest --preset asan
    ;;
  fuzz)
    packaging/setup-debian.sh --fuzz
    cmake --preset fuzz >/dev/null
    cmake --build --preset fuzz --target fuzz
    ;;
  bench)
    packaging/setup-debian.sh
    preset_build release sango_bench sango_sync_bench sango_hal_decode_bench sango_kiosk_bench
    build/release/tests/bench/sango_bench
    build/release/tests/bench/sango_sync_bench
    build/release/tests/bench/sango_hal_decode_bench
    build/release/tests/bench/sango_kiosk_bench
    ;;
  package)
    # The packages that ship: the release preset, sango-terminal and sango-ledger .deb files in build/release/packages.
    packaging/setup-debian.sh
    preset_build release sango_shipped # the three programs and the man pages, no tests
    (cd build/release && cpack -G DEB -B packages)
    ls -1 build/release/packages/*.deb
    ;;
  build)
    packaging/setup-debian.sh
    preset_build "${2:-dev}"
    ;;
  *)
    echo "usage: $0 run|test|asan|bench|fuzz|package|build [PRESET]" >&2
    exit 1
    ;;
esac
