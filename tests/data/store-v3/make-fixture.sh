#!/usr/bin/env bash
# How tests/data/store-v3/ was made: a store of schema version 3, written by the `sango` of schema 3 (the
# commit that added this directory), kept so that every later version is tested to open and migrate it in
# place (tests/unit/test_store_migration.cpp runs over every tests/data/store-v*/).
# Do not re-run this with a newer `sango`: the point of the fixture is that the binary of its schema made it.
#   make-fixture.sh BUILD_DIR OUT_DIR
# Besides the store (sango.db, store.key, store.keycheck) it writes what the binary said about it:
# sessions.json (`sango sessions`) and expected.json (events and outbox length, from `sango status`).
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
run "2026-04-03 00:00:00" init --demo --terminal-id T1 --policy "$data/policy.json" --provider "$data/provider.json" --trust "$tmp/trust.json"
# Staff with PINs (Argon2id hashes in the store), a manager among them: from here on only they are accepted.
echo 246800 | run "2026-04-03 00:01:00" staff add --id m1 --role manager
echo 1357 | run "2026-04-03 00:02:00" staff add --id s1 --role staff
q1=$("$issuer" issue 1 2>/dev/null)
q2=$("$issuer" issue 2 2>/dev/null)
q3=$("$issuer" issue 3 120 day 2>/dev/null)
run "2026-04-03 01:00:00" scan "$q1" --service day --staff s1        # opened T1-000007
run "2026-04-03 02:35:00" scan "$q1" --service day --staff s1        # closed: 95 min → 90
run "2026-04-03 01:10:00" scan "$q2" --service stay --staff s1       # opened T1-000009
run "2026-04-03 01:12:00" cancel T1-000009 --staff s1 --reason opened_by_mistake
run "2026-04-03 03:00:00" scan "$q3" --service day --staff s1        # opened T1-000011
run "2026-04-03 05:30:00" scan "$q3" --service day --staff s1        # closed: capped at 120
run "2026-04-03 06:00:00" correct T1-000007 --start 2026-04-03T10:00:00+09:00 --stop 2026-04-03T12:00:00+09:00 --staff m1 --reason forgotten_stop
run "2026-04-03 06:10:00" paper --ticket PT-001 --service visit --start 2026-04-03T13:00:00+09:00 --stop 2026-04-03T14:00:00+09:00 --staff m1
run "2026-04-03 08:00:00" scan "$q2" --service stay --staff m1       # left open
# Schema 3: a restore from a backup that lacks events begins a new incarnation; its sessions carry its tag.
run "2026-04-03 08:10:00" backup --out "$tmp/backup.db" > /dev/null
run "2026-04-03 08:20:00" scan "$q1" --service day --staff s1        # opened, then lost with the restore
run "2026-04-03 08:30:00" restore "$tmp/backup.db" --force > /dev/null
run "2026-04-03 08:40:00" scan "$q1" --service day --staff s1        # opened T1-<tag>-NNNNNN
run "2026-04-03 09:00:00" sessions > "$tmp/sessions.json"
run "2026-04-03 09:00:00" audit > /dev/null
run "2026-04-03 09:00:00" status | jq -c '{schema_version: 3, events: .events, outbox: .queue_length, terminal_id: .terminal_id}' > "$tmp/expected.json"
mkdir -p "$out"
cp "$tmp/d/sango.db" "$tmp/d/store.key" "$tmp/d/store.keycheck" "$out/"
cp "$tmp/sessions.json" "$tmp/expected.json" "$out/"
echo "made $out"
