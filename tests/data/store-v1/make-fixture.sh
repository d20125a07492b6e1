#!/usr/bin/env bash
# How tests/data/store-v1/ was made: a store of schema version 1, written by the `sango` of commit 62dfeb1 (the
# last commit before schema 2), kept so that every later version is tested to open and migrate it in place.
# Do not re-run this with a newer `sango`: the point of the fixture is that an old binary made it.
#   make-fixture.sh BUILD_DIR_OF_62dfeb1 OUT_DIR
set -euo pipefail
build=$1
out=$2
sango=$build/ui/cli/sango
issuer=$build/tests/sango-demo-issuer
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
data=$(cd "$(dirname "$0")/.." && pwd)
run() { TZ=UTC FAKETIME="@$1" LD_PRELOAD=/usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1 "$sango" --data-dir "$tmp/d" "${@:2}"; }
"$issuer" trust > "$tmp/trust.json"
run "2026-04-03 00:00:00" init --terminal-id T1 --policy "$data/policy.json" --provider "$data/provider.json" --trust "$tmp/trust.json"
q1=$("$issuer" issue 1 2>/dev/null)
q2=$("$issuer" issue 2 2>/dev/null)
q3=$("$issuer" issue 3 120 day 2>/dev/null)
run "2026-04-03 01:00:00" scan "$q1" --service day --staff s1        # opened T1-000005
run "2026-04-03 02:35:00" scan "$q1" --service day --staff s1        # closed: 95 min → 90
run "2026-04-03 01:10:00" scan "$q2" --service stay --staff s1       # opened T1-000007
run "2026-04-03 01:12:00" cancel T1-000007 --staff s1 --reason opened_by_mistake
run "2026-04-03 03:00:00" scan "$q3" --service day --staff s1        # opened T1-000009
run "2026-04-03 05:30:00" scan "$q3" --service day --staff s1        # closed: capped at 120
run "2026-04-03 06:00:00" correct T1-000005 --start 2026-04-03T10:00:00+09:00 --stop 2026-04-03T12:00:00+09:00 --staff m1 --reason forgotten_stop
run "2026-04-03 06:10:00" paper --ticket PT-001 --service visit --start 2026-04-03T13:00:00+09:00 --stop 2026-04-03T14:00:00+09:00 --staff m1
echo 1234 | run "2026-04-03 07:00:00" staff add --id m1 --role manager
run "2026-04-03 08:00:00" scan "$q2" --service stay --staff m1       # left open
run "2026-04-03 09:00:00" sessions > "$tmp/sessions.json"
mkdir -p "$out"
cp "$tmp/d/sango.db" "$tmp/d/store.key" "$tmp/d/store.keycheck" "$out/"
cp "$tmp/sessions.json" "$out/sessions.json"
echo "made $out"
