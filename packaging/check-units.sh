#!/usr/bin/env bash
# The systemd units as installed in ROOT (a root with the packages installed): `systemd-analyze verify` (syntax,
# every directive known to this systemd, ExecStart's programs present) and `systemd-analyze security --offline`
# (the sandbox: an exposure score at or under the threshold the unit is meant to reach).
#   packaging/check-units.sh ROOT
set -euo pipefail
root=${1:?usage: check-units.sh ROOT}
fail() { echo "check-units: FAILED: $*" >&2; exit 1; }
command -v systemd-analyze >/dev/null || fail "systemd-analyze is missing (Debian package systemd)"
# Most exposed score each unit may have (0 safest .. 10 unsafe). The kiosk needs the screen, input devices, the
# camera and the network, so it cannot be as closed as the ledger.
declare -A threshold=([sango-kiosk.service]=3.0 [sango-ledger.service]=2.0)
# The kiosk needs the screen, input, camera, scanner and printer devices: no option that closes devices, and
# ProtectClock= is one (before systemd 253 it implies DeviceAllow=char-rtc, which shuts every other device out).
kiosk_unit=$root/lib/systemd/system/sango-kiosk.service
if grep -nE '^(ProtectClock|PrivateDevices|DeviceAllow|DevicePolicy)=' "$kiosk_unit"; then
  fail "sango-kiosk.service closes devices the kiosk needs (the lines above)"
fi
for unit in sango-kiosk.service sango-ledger.service; do
  file=$root/lib/systemd/system/$unit
  [ -f "$file" ] || fail "$file is not installed"
  # verify: every directive known to this systemd, the programs of Exec lines present in the root.
  if ! out=$(systemd-analyze verify --man=no --root="$root" "/lib/systemd/system/$unit" 2>&1) || [ -n "$out" ]; then
    fail "$unit: systemd-analyze verify: $out"
  fi
  score=$(systemd-analyze security --offline=true --root="$root" "/lib/systemd/system/$unit" 2>/dev/null \
          | sed -n 's/.*Overall exposure level for [^:]*: *\([0-9.]*\).*/\1/p')
  [ -n "$score" ] || fail "$unit: systemd-analyze security gave no score"
  awk -v s="$score" -v t="${threshold[$unit]}" 'BEGIN { exit !(s <= t) }' \
    || fail "$unit: exposure $score is over ${threshold[$unit]} (systemd-analyze security --offline=true)"
  echo "  ok: $unit verified; exposure $score (at most ${threshold[$unit]})"
done
