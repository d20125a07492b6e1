#!/usr/bin/env bash
# The main job of `./dev.sh run`: the kiosk, against a demo ledger on loopback.
#   1. The municipality's side: a reference ledger (`sango-ledger`) with a provider and demo coupons, whose
#      QR codes are PNG files a person can hold up to the camera (on a phone or printed) or load from a file.
#   2. The ledger serves the terminal API on 127.0.0.1 (a free port).
#   3. A terminal enrols with it as a demonstration store (`--demo`: every screen and report says DEMO); a
#      manager and a staff member are registered with PINs; the coupon PNGs are copied into the kiosk's coupons
#      folder (DATA_DIR/coupons), which "Load QR image" opens.
#   4. The kiosk starts on that terminal (windowed; --full-screen for the kiosk look) and syncs in the
#      background. Quitting the kiosk stops the ledger. Without a display, the kiosk runs its self-test
#      offscreen instead (scan a coupon image, close the session, sync) and says how to see the window.
# Usage: packaging/demo.sh BUILD_DIR [WORK_DIR] [-- extra sango-kiosk options]
set -euo pipefail
build=${1:?usage: demo.sh BUILD_DIR [WORK_DIR]}
shift
work=""
if [ $# -gt 0 ] && [ "$1" != "--" ]; then work=$1; shift; fi
[ "${1:-}" = "--" ] && shift
work=${work:-$(mktemp -d /tmp/sango-demo.XXXXXX)}
sango="$build/ui/cli/sango"
ledger="$build/sync/ledger/sango-ledger"
kiosk="$build/ui/kiosk/sango-kiosk"
mkdir -p "$work/coupons"
here=$(cd "$(dirname "$0")/.." && pwd)
export SANGO_DATA_DIR="$work/terminal"
export SANGO_LEDGER_DATA_DIR="$work/ledger"

say()  { printf '\n\033[1m== %s\033[0m\n' "$*"; }
json() { python3 -c "import json,sys; print(json.load(sys.stdin)$1)"; }

say "The municipality: a demo ledger, provider P-0001, and coupons"
"$ledger" init --municipality 131016 --policy "$here/tests/data/policy.json" > /dev/null
code=$("$ledger" provider add --provider "$here/tests/data/provider.json" | json '["enrolment_code"]')
issue() { # name type [more options]
  local name=$1 type=$2; shift 2
  "$ledger" issue --type "$type" "$@" --png "$work/coupons/$name.png" > "$work/coupons/$name.json"
  printf '  %-28s %s  (%s)\n' "$work/coupons/$name.png" "$(json '["coupon_id"]' < "$work/coupons/$name.json")" "$type $*"
}
issue 1-standard standard
issue 2-multiple-birth multiple_birth
issue 3-one-hour-left standard --grant 60
issue 4-switched-to-paper standard
issue 5-visit-only disability --services visit

say "The ledger serves the terminal API on loopback"
"$ledger" serve --listen 127.0.0.1:0 > "$work/serve.out" 2> "$work/ledger.log" &
ledger_pid=$!
trap 'kill $ledger_pid 2>/dev/null || true; wait $ledger_pid 2>/dev/null || true' EXIT
for _ in $(seq 200); do [ -s "$work/serve.out" ] && break; sleep 0.05; done
url=$(head -1 "$work/serve.out" | json '["listening"]')
echo "  listening on $url (log: $work/ledger.log)"

say "A terminal enrols; staff are registered"
"$sango" enroll --demo --ledger "$url" --code "$code" --label "reception 1" > /dev/null
echo 246800 | "$sango" staff add --id mgr1 --role manager > /dev/null
echo 1357 | "$sango" staff add --id rec1 --role staff > /dev/null
echo "  manager: id mgr1, PIN 246800    staff: id rec1, PIN 1357"
# "Load QR image" shows only the coupons folder and removable media.
mkdir -p "$SANGO_DATA_DIR/coupons"
cp "$work"/coupons/*.png "$SANGO_DATA_DIR/coupons/"
echo "  the coupon PNGs are in the kiosk's coupons folder too: $SANGO_DATA_DIR/coupons"
# The mother of coupon 4 switched to paper tickets: the terminal learns it at its first sync.
id4=$(json '["coupon_id"]' < "$work/coupons/4-switched-to-paper.json")
"$ledger" revoke "$id4" --reason paper > /dev/null
echo "  coupon $id4 revoked (paper): scanning it answers 'revoked' once the kiosk has synced"

if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
  say "No display here: the kiosk's self-test, offscreen (scan coupon 1, close it, sync)"
  echo 1357 | QT_QPA_PLATFORM=offscreen "$kiosk" --self-test "$work/coupons/1-standard.png" --staff rec1 "$@"
  "$ledger" events --coupon "$(json '["coupon_id"]' < "$work/coupons/1-standard.json")" | python3 -c \
    'import json,sys; print("  the ledger holds: " + ", ".join(e.get("type","?") + " " + e.get("status","?") for e in json.load(sys.stdin)))'
  printf '\nTo see the kiosk, run ./dev.sh run on a desktop (or: xvfb-run -a %s --windowed, with SANGO_DATA_DIR=%s).\n' "$kiosk" "$SANGO_DATA_DIR"
  printf 'The demo stays in %s.\n' "$work"
  exit 0
fi

say "The kiosk (sign in as rec1 / 1357, or mgr1 / 246800; hold a coupon PNG up to the camera, or use 'Load QR image')"
"$kiosk" --windowed "$@" || status=$?
printf '\nThe demo stays in %s (terminal/, ledger/, coupons/).\n' "$work"
exit "${status:-0}"
