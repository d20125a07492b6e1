#!/usr/bin/env bash
# How tests/data/ledger-v1/ was made: a reference ledger of schema version 1, written by the `sango-ledger` (and
# `sango`) of schema 1 (the commit before ledger schema 2), kept so that every later version is tested to open
# and migrate it in place (tests/ledger/ledger_migration_test.cpp runs over every tests/data/ledger-v*/).
# Do not re-run this with a newer build: the point of the fixture is that the binary of its schema made it.
#   make-fixture.sh BUILD_DIR OUT_DIR
# Besides the ledger (ledger.db, ledger.key) it writes what that binary said about it: events.json, totals.json,
# balances.json, terminals.json, and facts.json (the coupons, the unused enrolment code, the session left open).
set -euo pipefail
build=$1
out=$2
ledger=$build/sync/ledger/sango-ledger
sango=$build/ui/cli/sango
tmp=$(mktemp -d)
trap 'kill "${serve_pid:-0}" 2>/dev/null || true; rm -rf "$tmp"' EXIT
data=$(cd "$(dirname "$0")/.." && pwd)
fake=/usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1
L=$tmp/ledger
T=$tmp/terminal
lrun() { TZ=UTC FAKETIME="@2026-04-03 00:00:00" LD_PRELOAD=$fake "$ledger" --data-dir "$L" "$@"; }
trun() { TZ=UTC FAKETIME="@$1" LD_PRELOAD=$fake "$sango" --data-dir "$T" "${@:2}"; }
field() { python3 -c "import json,sys; print(json.load(sys.stdin)['$1'])"; }

lrun init --municipality 131016 --policy "$data/policy.json" > /dev/null
code=$(lrun provider add --provider "$data/provider.json" | field enrolment_code)
unused=$(lrun provider code --provider P-0001 | field enrolment_code)
c1=$(lrun issue --type standard | field coupon_id)
c2=$(lrun issue --type standard --grant 600 | field coupon_id)
c3=$(lrun issue --type disability | field coupon_id)
TZ=UTC FAKETIME="@2026-04-03 00:00:00" LD_PRELOAD=$fake "$ledger" --data-dir "$L" serve --listen 127.0.0.1:0 \
  > "$tmp/serve.out" 2> "$tmp/serve.err" &
serve_pid=$!
for _ in $(seq 200); do [ -s "$tmp/serve.out" ] && break; sleep 0.05; done
url=$(head -1 "$tmp/serve.out" | field listening)

trun "2026-04-03 00:00:10" enroll --ledger "$url" --code "$code" > /dev/null
echo 2468 | trun "2026-04-03 00:00:20" staff add --id m1 --role manager > /dev/null
trun "2026-04-03 01:00:00" scan --id "$c1" --service day --staff m1 > /dev/null       # typed id: unverified
trun "2026-04-03 02:35:00" scan --id "$c1" --service day --staff m1 > /dev/null       # closed: 95 min -> 90
trun "2026-04-03 01:10:00" scan --id "$c2" --service stay --staff m1 > "$tmp/open.json"  # left open
trun "2026-04-03 01:20:00" scan --id "$c3" --service visit --staff m1 > /dev/null
trun "2026-04-03 02:20:00" scan --id "$c3" --service visit --staff m1 > /dev/null      # closed: 60 min
trun "2026-04-03 02:40:00" sync --once > /dev/null
lrun revoke "$c3" --reason paper > /dev/null
trun "2026-04-03 02:45:00" sync --once > /dev/null
kill "$serve_pid"; wait "$serve_pid" 2>/dev/null || true

mkdir -p "$out"
lrun events > "$out/events.json"
lrun totals --provider P-0001 --month 2026-04 > "$out/totals.json"
{ echo "["; lrun balance "$c1"; echo ","; lrun balance "$c2"; echo ","; lrun balance "$c3"; echo "]"; } > "$out/balances.json"
lrun terminals > "$out/terminals.json"
open_session=$(field session_id < "$tmp/open.json")
python3 - "$out/facts.json" <<PY
import json, sys
json.dump({"schema_version": 1, "made_at": "2026-04-03T03:00:00Z",
           "coupons": {"closed_day": "$c1", "open_stay": "$c2", "revoked_after_visit": "$c3"},
           "unused_enrolment_code": "$unused", "code_made_at": 1775174400,
           "open_session": {"session_id": "$open_session", "coupon_id": "$c2"}},
          open(sys.argv[1], "w"), indent=1)
PY
cp "$L/ledger.db" "$L/ledger.key" "$out/"
echo "made $out"
