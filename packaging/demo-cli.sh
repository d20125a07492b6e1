#!/usr/bin/env bash
# A demonstration of the terminal and the reference ledger on loopback, with the `sango` command line (the
# headless path; packaging/demo.sh shows the kiosk): the municipality sets up a ledger, registers a provider and issues coupons (QR codes as
# PNG files); a terminal enrols, records a morning of care offline, synchronises, and hears of a revocation.
# Usage: packaging/demo-cli.sh BUILD_DIR [WORK_DIR]
# SANGO_DEMO_START (seconds since the epoch; default now) sets the moment the day begins, so that a test can run
# the walkthrough on a fixed day rather than on whatever day the wall clock says.
set -euo pipefail
build=${1:?usage: demo-cli.sh BUILD_DIR [WORK_DIR]}
sango="$build/ui/cli/sango"
ledger="$build/sync/ledger/sango-ledger"
work=${2:-$(mktemp -d /tmp/sango-demo.XXXXXX)}
mkdir -p "$work"
here=$(cd "$(dirname "$0")/.." && pwd)
export SANGO_DATA_DIR="$work/terminal"
export SANGO_LEDGER_DATA_DIR="$work/ledger"

say()  { printf '\n\033[1m== %s\033[0m\n' "$*"; }
# Long QR texts are shortened on screen (they are passed whole).
brief() { local a out=(); for a in "$@"; do [ ${#a} -gt 40 ] && a="${a:0:24}…${a: -8}"; out+=("$a"); done; printf '%s' "${out[*]}"; }
show() { printf '$ %s\n' "$(brief "$@")"; "$@"; }
# The day moves forward with libfaketime, as a day at a care facility would: each terminal command runs at its
# offset from the start (now, unless SANGO_DEMO_START says otherwise), and the ledger's clock (the modification
# time of a file, which libfaketime makes it follow) is moved along with it, since the ledger judges every event
# against its own clock.
start=${SANGO_DEMO_START:-$(date +%s)}
clock="$work/ledger.clock"
touch -d "@$start" "$clock"
sl()   { FAKETIME_FOLLOW_FILE="$clock" FAKETIME_DONT_RESET=1 FAKETIME_NO_CACHE=1 faketime -f '%' "$ledger" "$@"; }
lshow() { printf '$ sango-ledger %s\n' "$(brief "$@")"; sl "$@"; }
at()   {
  local offset=$1; shift
  local t=$(( start + ${offset%m} * 60 ))
  touch -d "@$t" "$clock"
  printf '$ (%s later) %s\n' "$offset" "$(brief "$@")"; faketime -f "@$(date -d "@$t" '+%Y-%m-%d %H:%M:%S')" "$@"
}
json() { python3 -c "import json,sys; print(json.load(sys.stdin)$1)"; }

say "The municipality: a ledger with its first issuer key (the trust store is printed)"
lshow init --municipality 131016 --policy "$here/tests/data/policy.json"
code=$(sl provider add --provider "$here/tests/data/provider.json" | json '["enrolment_code"]')
echo "provider P-0001 registered; its one-time enrolment code: $code"
sl issue --type standard --png "$work/coupon-1.png" > "$work/coupon-1.json"
sl issue --type standard --grant 60 --png "$work/coupon-2.png" > "$work/coupon-2.json"
qr1=$(json '["qr_text"]' < "$work/coupon-1.json"); id1=$(json '["coupon_id"]' < "$work/coupon-1.json")
qr2=$(json '["qr_text"]' < "$work/coupon-2.json"); id2=$(json '["coupon_id"]' < "$work/coupon-2.json")
echo "coupons issued: $id1 and $id2 (QR codes in $work/coupon-1.png and coupon-2.png)"

say "The ledger serves the terminal API on loopback (plain HTTP is for loopback only)"
# Preloaded directly (not through the faketime wrapper, which forks), so that $! is the ledger itself and the
# exit trap stops it rather than leaving it orphaned.
FAKETIME_FOLLOW_FILE="$clock" FAKETIME_DONT_RESET=1 FAKETIME_NO_CACHE=1 FAKETIME='%' \
  LD_PRELOAD='/usr/$LIB/faketime/libfaketime.so.1' "$ledger" serve --listen 127.0.0.1:0 \
  > "$work/serve.out" 2> "$work/ledger.log" &
ledger_pid=$!
trap 'kill $ledger_pid 2>/dev/null || true; wait $ledger_pid 2>/dev/null || true' EXIT
for _ in $(seq 100); do [ -s "$work/serve.out" ] && break; sleep 0.1; done
url=$(head -1 "$work/serve.out" | json '["listening"]')
echo "listening on $url"

say "A terminal enrols: device key, terminal id, provider profile, policy and trust store from the ledger"
at 0m "$sango" enroll --demo --ledger "$url" --code "$code" --label "reception 1"
echo 246800 | at 0m "$sango" staff add --id mgr1 --role manager
echo 1357 | at 0m "$sango" staff add --id rec1 --role staff

say "Offline morning: day care, 95 minutes (billed 90); a 60-minute coupon runs over (capped)"
at 0m "$sango" scan "$qr1" --service day --staff rec1
at 95m "$sango" scan "$qr1" --service day --staff rec1
at 1m "$sango" scan "$qr2" --service stay --staff rec1
at 150m "$sango" scan "$qr2" --service stay --staff rec1
at 151m "$sango" status

say "Synchronise: every event accepted once; a second sync sends nothing again"
at 152m "$sango" sync --once
at 153m "$sango" sync --once
lshow balance "$id1"

say "The mother switches to paper: the municipality revokes the coupon; after a sync the terminal refuses it"
lshow revoke "$id1" --reason paper
at 160m "$sango" sync --once
at 161m "$sango" --lang zh scan "$qr1" --service day --staff rec1 || echo "(refused, exit $?)"

say "The month: the terminal's totals and the ledger's accepted totals agree"
month=$(TZ=Asia/Tokyo date -d "@$start" +%Y-%m)
at 170m "$sango" report totals --month "$month" --format csv
lshow totals --provider P-0001 --month "$month"
at 170m "$sango" audit
printf '\nThe demo stays in %s (terminal/, ledger/, coupon-*.png).\n' "$work"
