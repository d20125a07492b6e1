#!/usr/bin/env bash
# A short demonstration of the terminal with the `sango` command line (until the kiosk exists): a new
# encrypted store, staff, a few scans of demo coupons, a correction, and the month's reports.
# Usage: packaging/demo.sh BUILD_DIR [DATA_DIR]
set -euo pipefail
build=${1:?usage: demo.sh BUILD_DIR [DATA_DIR]}
sango="$build/ui/cli/sango"
issuer="$build/tests/sango-demo-issuer"
data=${2:-$(mktemp -d /tmp/sango-demo.XXXXXX)/data}
work=$(dirname "$data")
mkdir -p "$work"
here=$(cd "$(dirname "$0")/.." && pwd)

say()  { printf '\n\033[1m== %s\033[0m\n' "$*"; }
# Long QR texts are shortened on screen (they are passed whole).
brief() { local a out=(); for a in "$@"; do [ ${#a} -gt 40 ] && a="${a:0:24}…${a: -8}"; out+=("$a"); done; printf '%s' "${out[*]}"; }
show() { printf '$ %s\n' "$(brief "$@")"; "$@"; }
# The demo moves time forward with libfaketime, as a day at a care facility would.
at()   { local offset=$1; shift; printf '$ (%s later) %s\n' "$offset" "$(brief "$@")"; faketime -f "+$offset" "$@"; }

export SANGO_DATA_DIR="$data"
"$issuer" trust > "$work/trust.json"

say "A new terminal: an encrypted store and its 0600 key file in $data"
show "$sango" init --terminal-id DEMO-1 --policy "$here/tests/data/policy.json" \
  --provider "$here/tests/data/provider.json" --trust "$work/trust.json"
ls -l "$data"

say "Staff: a manager and a receptionist (PINs read from stdin, stored as Argon2id hashes)"
echo 2468 | show "$sango" staff add --id mgr1 --role manager
echo 1357 | show "$sango" staff add --id rec1 --role staff

qr1=$("$issuer" issue 1001 2520 2>/dev/null)
qr2=$("$issuer" issue 1002 60 2>/dev/null)
qr3=$("$issuer" issue 1003 2520 visit 2>/dev/null)

say "Verify a coupon (records nothing)"
show "$sango" verify "$qr1"

say "Day care: scan to open, scan again to close 95 minutes later (billed 90: 30-minute units, floor, 5 min grace)"
show "$sango" scan "$qr1" --service day --staff rec1
show "$sango" scan "$qr1" --service day --staff rec1 || true   # a repeat scan within 10 s is ignored
at 95m "$sango" scan "$qr1" --service day --staff rec1

say "A coupon with 60 minutes left runs over: it bills only what is left, flagged capped"
show "$sango" scan "$qr2" --service stay --staff rec1
at 150m "$sango" scan "$qr2" --service stay --staff rec1
at 160m "$sango" scan "$qr2" --service stay --staff rec1 || echo "(refused, exit $?)"

say "A home-visit coupon used for day care is refused, in Chinese for the mother"
show "$sango" --lang zh scan "$qr3" --service day --staff rec1 || echo "(refused, exit $?)"

say "Balances and the month's reports"
id1=$("$issuer" issue 1001 2>&1 >/dev/null | sed 's/coupon id //')
show "$sango" balance "$id1"
say "Manual entry of the printed id (the QR would not scan): known here, so verified"
at 200m "$sango" scan --id "$id1" --service day --staff rec1
at 290m "$sango" scan --id "$id1" --service day --staff rec1
say "The manager corrects a session whose stop was forgotten (a new event; the original stays)"
sid=$("$sango" sessions --format json | python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["session_id"])')
start=$("$sango" sessions --format json | python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["start"])')
at 300m "$sango" correct "$sid" --start "$start" --stop "$(TZ=Asia/Tokyo faketime -f +120m date +%Y-%m-%dT%H:%M:%S+09:00)" \
  --staff mgr1 --reason forgotten_stop
show "$sango" history "$sid"
month=$(TZ=Asia/Tokyo date +%Y-%m)
show "$sango" report monthly --month "$month" --format csv
show "$sango" report totals --month "$month" --format csv

say "The audit chain"
show "$sango" audit
show "$sango" status
printf '\nThe demo store stays in %s: try `SANGO_DATA_DIR=%s %s sessions`.\n' "$data" "$data" "$sango"
