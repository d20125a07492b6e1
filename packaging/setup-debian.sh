#!/usr/bin/env bash
# Installs every Debian 12 package Sango needs to build, run and test. Idempotent: installs only what is
# missing. Run as root, or as a user with sudo.
#   packaging/setup-debian.sh          build + run + test dependencies
#   packaging/setup-debian.sh --fuzz   and clang with libFuzzer, for ./dev.sh fuzz
set -euo pipefail

PACKAGES=(
  # toolchain
  build-essential cmake ninja-build pkg-config git ca-certificates
  # terminal/: the core
  libsqlcipher-dev sqlcipher      # encrypted event store (SQLCipher 3.4) and its shell for inspection
  libsodium-dev                   # Ed25519 signatures, Argon2id PIN hashes, random keys, BLAKE2b chain
  nlohmann-json3-dev              # JSON for credentials, policy files and machine output
  libexpected-dev                 # tl::expected: failures as values
  libhowardhinnant-date-dev tzdata  # date/tz: Asia/Tokyo local dates from the IANA database
  libspdlog-dev libfmt-dev        # logging with levels
  libcli11-dev                    # the `sango` and `sango-ledger` command lines
  libtomlplusplus-dev             # toml++ 3.3: the configuration file /etc/sango/terminal.toml
  # sync/: the wire
  libcurl4-openssl-dev            # the terminal's HTTPS client (certificate checks, public-key pinning)
  libboost-dev                    # Boost.Asio and Beast: the reference ledger's HTTP server
  libssl-dev openssl curl         # TLS for the ledger server; tests make self-signed pairs with openssl
                                  # and fetch over HTTPS with curl
  libqrencode-dev libpng-dev      # the ledger's coupon QR codes as PNG images
  libpqxx-dev                     # libpqxx 6.4 (C++ over libpq): the ledger's PostgreSQL engine (--database)
  # hal/: devices
  libzxing-dev                    # ZXing-C++ 1.4: QR decoding from camera frames and image files
  libstb-dev                      # stb_image: PNG and JPEG files decoded to pixels for the QR decoder
  # ui/: the kiosk (Qt 6.4 Widgets), its camera, printing and translations
  qt6-base-dev                    # Qt Widgets, Gui (QPdfWriter), PrintSupport (QPrinter), Test
  qt6-multimedia-dev              # the camera (QCamera, QVideoSink) and feedback sounds (QAudioSink)
  qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools  # Qt Linguist: lupdate and lrelease for ja, en, zh_CN
  qt6-qpa-plugins                 # the xcb, wayland and offscreen platforms
  fonts-noto-cjk                  # Noto Sans CJK: the JP face for Japanese, the SC face for Chinese
  fonts-dejavu-core               # DejaVu Sans: Latin text and digits in PDF reports (Qt keeps their text searchable)
  xvfb xauth                      # a virtual display, when the run command has no screen to show on
  # tests and benchmarks
  libgtest-dev libgmock-dev libbenchmark-dev
  faketime                        # libfaketime: integration tests pin the clock from outside the product
  postgresql                      # PostgreSQL 15 server: the ledger's tests run every assertion on a real
                                  # cluster too (tests/support/pg_cluster.cpp: initdb, pg_ctl in a temp dir)
  python3                         # test helpers (JSON checks in shell-driven tests)
  poppler-utils                   # pdftotext: the tests read back the text of printed PDF reports
  libzbar-dev                     # zbar: the QR decode benchmark's point of comparison (benchmarks only)
  groff-base man-db               # tests/packaging: the man pages render with groff -ww and man --warnings
  desktop-file-utils              # tests/packaging: desktop-file-validate checks the kiosk's desktop entry
  # packaging: the Debian packages and their install test (packaging/test-packages.sh)
  dpkg-dev                        # dpkg-shlibdeps: the packages' library dependencies, for CPack
  file                            # the package check looks that the binaries are stripped
  mmdebstrap                      # a fresh Debian 12 root from the mirror, to install the packages into
  lintian                         # Debian's package checker on both .deb files (packaging/lint-debs.sh, in the package test)
  systemd                         # systemd-analyze: verify the units and score their sandboxing
)

if [ "${1:-}" = "--fuzz" ]; then
  PACKAGES+=(clang libclang-rt-14-dev)
fi

missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "setup: all ${#PACKAGES[@]} packages already installed" >&2
  exit 0
fi
SUDO=""
if [ "$(id -u)" != 0 ]; then SUDO="sudo"; fi
echo "setup: installing ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
