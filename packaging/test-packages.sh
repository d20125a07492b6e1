#!/usr/bin/env bash
# The packages, tested the way a site installs them: builds the .deb files from BUILD_DIR with CPack, checks what
# is in them (check-debs.py) and runs lintian on them (lint-debs.sh), makes a brand-new Debian 12 root with
# mmdebstrap from the package mirror, installs them there with apt (which pulls every dependency dpkg-shlibdeps and
# the control files name), and runs package-smoke.sh inside: `sango --version`, `sango init` as the service user,
# scans, a report, the kiosk's self-test offscreen, backup and audit. Then it removes the packages, purges them,
# checks that the store is still there byte for byte, installs them again and audits the same store. Run by
# `./dev.sh test` (so by CI). Needs root (mmdebstrap, chroot).
#   packaging/test-packages.sh BUILD_DIR
# SANGO_PKGTEST_KEEP=1 keeps the root in /var/tmp for a look afterwards.
set -euo pipefail
build=$(cd "${1:?usage: test-packages.sh BUILD_DIR}" && pwd)
here=$(cd "$(dirname "$0")/.." && pwd)
say()  { printf '\n\033[1m== package test: %s\033[0m\n' "$*"; }
fail() { echo "package test FAILED: $*" >&2; exit 1; }

SUDO=""
if [ "$(id -u)" != 0 ]; then SUDO="sudo"; fi

say "building the packages (cpack, dependencies by dpkg-shlibdeps)"
# What the packages hold, no more (under ./dev.sh test all is built already; on a release build, no tests).
cmake --build "$build" -j "$(nproc)" --target sango_shipped >/dev/null
rm -rf "$build/packages"
(cd "$build" && cpack -G DEB -B "$build/packages" >/dev/null) || fail "cpack failed (see $build/packages/_CPack_Packages)"
shopt -s nullglob
debs=("$build"/packages/*.deb)
[ ${#debs[@]} -eq 2 ] || fail "expected 2 packages, cpack made ${#debs[@]}: ${debs[*]}"
terminal_deb=$(ls "$build"/packages/sango-terminal_*.deb)
ledger_deb=$(ls "$build"/packages/sango-ledger_*.deb)

say "what the packages hold"
"$here/packaging/check-debs.py" "$terminal_deb" "$ledger_deb"

say "lintian: no error, no warning but those overridden in the packages (README: lintian)"
"$here/packaging/lint-debs.sh" "$terminal_deb" "$ledger_deb"

say "a fresh Debian 12 root (mmdebstrap, minbase)"
root=$($SUDO mktemp -d /var/tmp/sango-pkgtest.XXXXXX)
mounts=()
cleanup() {
  for ((i=${#mounts[@]}-1; i>=0; i--)); do $SUDO umount -l "${mounts[$i]}" 2>/dev/null || true; done
  if [ "${SANGO_PKGTEST_KEEP:-0}" = 1 ]; then echo "package test: the root stays in $root" >&2
  else $SUDO rm -rf --one-file-system "$root"; fi
}
trap cleanup EXIT
$SUDO mmdebstrap --quiet --variant=minbase --include=faketime,systemd bookworm "$root" \
  || fail "mmdebstrap could not make a Debian 12 root (is the package mirror reachable?)"
# apt in the new root may reuse the .deb files this machine already fetched (its Qt, fonts, ...): a cache only,
# what gets installed is decided by the new root's own apt.
$SUDO mkdir -p "$root/var/cache/apt/archives"
$SUDO mount --bind /var/cache/apt/archives "$root/var/cache/apt/archives"; mounts+=("$root/var/cache/apt/archives")
$SUDO mount -t proc proc "$root/proc"; mounts+=("$root/proc")
$SUDO mkdir -p "$root/tmp/debs" "$root/tmp/sango-smoke"
$SUDO cp "$terminal_deb" "$ledger_deb" "$root/tmp/debs/"
$SUDO cp "$here/tests/data/policy.json" "$here/tests/data/provider.json" "$here/tests/data/trust.json" \
  "$here/tests/data/qr/clean/00.png" "$root/tmp/sango-smoke/"
python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["text"])' "$here/tests/data/qr/clean/00.json" \
  | $SUDO tee "$root/tmp/sango-smoke/coupon.txt" >/dev/null
$SUDO cp "$here/packaging/package-smoke.sh" "$root/tmp/package-smoke.sh"
in_root() { $SUDO chroot "$root" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin LANG=C.UTF-8 HOME=/root "$@"; }
# unsafe-io: no fsync per file while unpacking (a throw-away root; saves about a minute)
apt_root() { in_root env DEBIAN_FRONTEND=noninteractive apt-get -o Dpkg::Use-Pty=0 -o Dpkg::Options::=--force-unsafe-io -qq "$@"; }

say "apt-get install ./sango-terminal_*.deb ./sango-ledger_*.deb (with what they recommend: cage, Xwayland, Qt Wayland; not PostgreSQL)"
apt_root update
# `postgresql-` keeps out the one recommendation the test does not use: the ledger's PostgreSQL server (LLVM and a
# database cluster: a large download and a longer install); the smoke test runs the default engine, SQLCipher.
apt_root install -y /tmp/debs/"$(basename "$terminal_deb")" /tmp/debs/"$(basename "$ledger_deb")" postgresql- \
  >/dev/null || fail "the packages did not install in a fresh Debian 12 root"
in_root dpkg -s postgresql >/dev/null 2>&1 && fail "postgresql was installed though the test asked apt not to"

say "the unit files, checked by systemd-analyze against the installed root"
"$here/packaging/check-units.sh" "$root"

say "inside the root: version, init, scans, report, kiosk self-test, backup, audit"
in_root bash /tmp/package-smoke.sh use || fail "the smoke test inside the root failed"
store_sum=$($SUDO sha256sum "$root/var/lib/sango/sango.db" | cut -d' ' -f1)

say "an upgrade (reinstall): the unit an admin enabled stays enabled, the data directory's mode is put right"
ledger_wants=$root/etc/systemd/system/multi-user.target.wants/sango-ledger.service
in_root systemctl enable sango-ledger.service >/dev/null 2>&1 || fail "systemctl enable sango-ledger failed"
[ -L "$ledger_wants" ] || fail "systemctl enable made no link for sango-ledger.service"
$SUDO chmod 0755 "$root/var/lib/sango-ledger"
apt_root install -y --reinstall /tmp/debs/"$(basename "$ledger_deb")" >/dev/null || fail "reinstalling sango-ledger failed"
[ -L "$ledger_wants" ] || fail "the upgrade disabled sango-ledger.service"
[ "$(in_root stat -c '%a %U' /var/lib/sango-ledger)" = "700 sango-ledger" ] \
  || fail "postinst did not put /var/lib/sango-ledger back to 0700 sango-ledger"

say "apt-get remove: the binaries go, the store and the configuration stay"
apt_root remove -y sango-terminal sango-ledger >/dev/null
[ ! -e "$root/usr/bin/sango" ] || fail "/usr/bin/sango is still there after remove"
[ -f "$root/etc/sango/terminal.toml" ] || fail "remove took the configuration (only purge may)"
in_root bash /tmp/package-smoke.sh kept "$store_sum" || fail "the store did not survive apt-get remove"

say "apt-get purge: the configuration goes, the store stays"
apt_root purge -y sango-terminal sango-ledger >/dev/null
[ ! -e "$root/etc/sango/terminal.toml" ] || fail "purge left /etc/sango/terminal.toml"
[ ! -L "$ledger_wants" ] || fail "purge left sango-ledger.service enabled"
in_root bash /tmp/package-smoke.sh kept "$store_sum" || fail "the store did not survive apt-get purge"

say "installed again: the same store opens, its chain intact, and takes new events"
apt_root install -y --no-install-recommends /tmp/debs/"$(basename "$terminal_deb")" >/dev/null \
  || fail "the package did not install again"
in_root bash /tmp/package-smoke.sh again || fail "the kept store did not work after reinstalling"

say "passed"
