#!/bin/sh
# The README's command-line walkthrough (packaging/demo-cli.sh) runs to its end against the real binaries of
# this build: a ledger on loopback, a terminal's offline morning, a sync in which the ledger accepts all four
# session events and rejects none, the revocation heard, and the terminal's totals equal to the ledger's.
#   check_demo_cli.sh SOURCE_DIR BUILD_DIR
set -eu
src=$1
build=$2
work=$(mktemp -d /tmp/sango-demo-cli-check.XXXXXX)
trap 'rm -rf "$work"' EXIT
out=$work/out.txt
# A fixed day (Monday 2026-12-14, 10:00 in Tokyo), whatever the wall clock says: the month's totals do not
# depend on whether the walkthrough happens to run across a month's end.
SANGO_DEMO_START=$(date -u -d '2026-12-14 01:00:00' +%s) \
  "$src/packaging/demo-cli.sh" "$build" "$work/demo" > "$out" 2>&1 || { cat "$out"; echo "demo-cli.sh failed" >&2; exit 1; }
fail() { cat "$out"; echo "demo-cli.sh: $1" >&2; exit 1; }
grep -q '"accepted":4,' "$out" || fail "the ledger did not accept the morning's four session events"
grep -q '"rejected":[1-9]' "$out" && fail "the ledger rejected an honest event"
grep -q '"result":"revoked"' "$out" || fail "the revoked coupon was not refused after the sync"
# The terminal's CSV totals (day 90 minutes, 5,100 yen; stay 60 minutes, 1,300 yen) and the ledger's agree.
grep -q '^day,1,90,3400,5100' "$out" || fail "the terminal's day total is not 90 minutes, 5100 yen"
grep -q '"amount_yen":5100,"billed_minutes":90,"service":"day"' "$out" || fail "the ledger's day total differs"
grep -q '"amount_yen":1300,"billed_minutes":60,"service":"stay"' "$out" || fail "the ledger's stay total differs"
echo "demo-cli.sh: ok"
