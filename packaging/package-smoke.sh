#!/usr/bin/env bash
# Runs INSIDE the fresh Debian 12 root that packaging/test-packages.sh made, on the installed packages (/usr/bin),
# as a site administrator would: the service user `sango` runs `sango`; the configuration is
# /etc/sango/terminal.toml (no --data-dir anywhere). The clock is pinned with libfaketime (installed in the root) so
# that the demo coupon (tests/data/qr/clean/00.png, valid 2026-03-31 to 2027-03-31) is valid and every duration
# is exact.
#   package-smoke.sh use          layout, versions, init, staff, scans, report, kiosk self-test, backup, audit
#   package-smoke.sh kept SHA256  after remove/purge: the store is there, byte for byte, with its key
#   package-smoke.sh again        after installing again: the same store audits intact and takes a scan
set -euo pipefail
data=/tmp/sango-smoke
fail() { echo "package-smoke: FAILED: $*" >&2; exit 1; }
ok()   { echo "  ok: $*"; }
at()   { # at "YYYY-MM-DD HH:MM:SS" COMMAND...  (UTC), as the user sango
  local when=$1; shift
  runuser -u sango -- env FAKETIME="@$when" LD_PRELOAD=/usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1 \
    TZ=UTC HOME=/var/lib/sango "$@"
}
json_has() { grep -q "\"$1\": *$2" || fail "expected \"$1\": $2 in: $3"; }

case "${1:?verb}" in
use)
  # --- what the packages installed -------------------------------------------------------------------------------
  getent passwd sango >/dev/null || fail "no user sango"
  getent passwd sango-ledger >/dev/null || fail "no user sango-ledger"
  [ "$(stat -c '%U %G %a' /var/lib/sango)" = "sango sango 700" ] || fail "/var/lib/sango is $(stat -c '%U %G %a' /var/lib/sango)"
  [ "$(stat -c '%U %a' /var/lib/sango-ledger)" = "sango-ledger 700" ] || fail "/var/lib/sango-ledger mode"
  [ "$(stat -c '%U %a' /etc/sango/terminal.toml)" = "root 644" ] || fail "/etc/sango/terminal.toml mode"
  for f in /lib/systemd/system/sango-kiosk.service /lib/systemd/system/sango-ledger.service /etc/pam.d/sango-kiosk \
           /usr/share/applications/sango-kiosk.desktop /usr/share/icons/hicolor/scalable/apps/sango-kiosk.svg \
           /usr/share/man/man1/sango.1.gz /usr/share/man/man1/sango-kiosk.1.gz /usr/share/man/man1/sango-ledger.1.gz \
           /usr/share/man/man5/sango-terminal.toml.5.gz /usr/libexec/sango/kiosk-session /usr/sbin/sango-seal-key \
           /etc/sango/ledger.conf; do
    [ -e "$f" ] || fail "$f is missing"
  done
  ok "users, directories and files in their FHS places"
  v=$(sango --version); echo "  $v"; case "$v" in "sango "[0-9]*) ;; *) fail "sango --version said: $v";; esac
  v=$(sango-ledger --version); echo "  $v"; case "$v" in "sango-ledger "[0-9]*) ;; *) fail "sango-ledger --version: $v";; esac
  v=$(QT_QPA_PLATFORM=offscreen sango-kiosk --version 2>&1); echo "  $v"
  case "$v" in *sango-kiosk*[0-9]*) ;; *) fail "sango-kiosk --version said: $v";; esac

  # --- root is sent to the service user ---------------------------------------------------------------------------
  if sango status >/tmp/out 2>/tmp/err; then fail "sango as root on sango's directory was not refused"; fi
  grep -q "sudo -u sango" /tmp/err || fail "root's refusal does not say what to do: $(cat /tmp/err)"
  ok "root is told to run sango as the user sango"

  # --- init, staff, a scan to open and one to close, a report -----------------------------------------------------
  # The tests' coupons are signed with a published test key: only a demonstration store (--demo) trusts it; a
  # real one is refused (test_key_refused, exit 2) and nothing is made.
  if at "2026-04-03 00:00:00" sango init --terminal-id T1 --policy $data/policy.json --provider $data/provider.json \
     --trust $data/trust.json >/tmp/out; then fail "sango init trusted a published test key without --demo"; fi
  grep -q test_key_refused /tmp/out || fail "sango init without --demo: $(cat /tmp/out)"
  [ ! -e /var/lib/sango/sango.db ] || fail "a refused sango init left a store"
  at "2026-04-03 00:00:00" sango init --demo --terminal-id T1 --policy $data/policy.json --provider $data/provider.json \
     --trust $data/trust.json >/tmp/out || fail "sango init: $(cat /tmp/out)"
  [ "$(stat -c '%U %a' /var/lib/sango/sango.db)" = "sango 600" ] || fail "the store is $(stat -c '%U %a' /var/lib/sango/sango.db)"
  [ "$(stat -c '%U %a' /var/lib/sango/store.key)" = "sango 600" ] || fail "the key is $(stat -c '%U %a' /var/lib/sango/store.key)"
  ok "sango init made /var/lib/sango/sango.db and store.key (0600, user sango) from /etc/sango/terminal.toml"
  echo 246800 | at "2026-04-03 00:01:00" sango staff add --id mgr1 --role manager >/dev/null
  echo 1357 | at "2026-04-03 00:02:00" sango staff add --id rec1 --role staff >/dev/null
  qr=$(cat $data/coupon.txt)
  out=$(at "2026-04-03 01:00:00" sango scan "$qr" --service day --staff rec1) || fail "scan (open): $out"
  echo "$out" | json_has action '"opened"' "$out"
  out=$(at "2026-04-03 02:35:00" sango scan "$qr" --service day --staff rec1) || fail "scan (close): $out"
  echo "$out" | json_has action '"closed"' "$out"
  echo "$out" | json_has billed_minutes 90 "$out"
  ok "a scan opened a session and the next closed it: 95 minutes billed as 90"
  report=$(at "2026-04-03 03:00:00" sango report daily --month 2026-04 --format csv 2>/dev/null | tr -d '\r') \
    || fail "report: $report"
  echo "$report" | grep -qx "2026-04-03,day,1,90" || fail "the daily report lacks 2026-04-03,day,1,90: $report"
  ok "the daily report: $(echo "$report" | grep 2026-04-03)"

  # --- the kiosk itself, offscreen: sign in, scan the PNG through the window, close from the open list ------------
  out=$(echo 1357 | at "2026-04-03 04:00:00" env QT_QPA_PLATFORM=offscreen sango-kiosk --self-test $data/00.png \
        --staff rec1 2>/tmp/kiosk.err) || fail "sango-kiosk --self-test: $out $(cat /tmp/kiosk.err)"
  echo "$out" | json_has opened true "$out"
  echo "$out" | json_has closed true "$out"
  ok "sango-kiosk --self-test (Qt, fonts, QR decoding from the installed packages): $out"

  # --- and as the unit runs it: kiosk-session starts cage (wlroots' headless backend here, no screen), the kiosk a
  # Wayland client of it (qt6-wayland), as the user sango with the unit's runtime directory.
  install -d -m 0700 -o sango -g sango /run/sango-kiosk
  # Without cage (a --no-install-recommends install) it says what to install and exits 78, which the unit does
  # not restart.
  mv /usr/bin/cage /usr/bin/cage.away
  status=0; runuser -u sango -- env RUNTIME_DIRECTORY=/run/sango-kiosk /usr/libexec/sango/kiosk-session \
    >/dev/null 2>/tmp/nocage.err || status=$?
  mv /usr/bin/cage.away /usr/bin/cage
  [ "$status" = 78 ] && grep -q "apt install cage" /tmp/nocage.err \
    || fail "kiosk-session without cage: status $status, $(cat /tmp/nocage.err)"
  grep -q '^RestartPreventExitStatus=78' /lib/systemd/system/sango-kiosk.service || fail "the unit restarts on 78"
  ok "without cage the kiosk unit says what to install (exit 78, not restarted)"
  out=$(echo 1357 | at "2026-04-03 04:30:00" env RUNTIME_DIRECTORY=/run/sango-kiosk WLR_BACKENDS=headless \
        WLR_RENDERER=pixman WLR_LIBINPUT_NO_DEVICES=1 /usr/libexec/sango/kiosk-session --self-test $data/00.png \
        --staff rec1 2>/tmp/cage.err) || true
  echo "$out" | grep -q '"closed":true' || fail "the kiosk under cage did not complete its self-test: $out $(tail -5 /tmp/cage.err)"
  ok "the kiosk under cage (Wayland, as the unit starts it): $out"

  # --- the store key as an encrypted systemd credential: sango-seal-key (the host key here, no TPM in this root),
  # then what systemd does for LoadCredentialEncrypted= at the unit's start (decrypt into the credentials
  # directory, 0400, the service user's), and sango reading the key from there with store.key out of the way.
  # (A booted system has a machine id, which the host key is bound to; a root fresh from mmdebstrap has none yet.)
  grep -q . /etc/machine-id 2>/dev/null || systemd-machine-id-setup >/dev/null 2>&1
  sango-seal-key >/tmp/seal.out 2>&1 || fail "sango-seal-key: $(cat /tmp/seal.out)"
  grep -qx 'LoadCredentialEncrypted=store-key:/etc/credstore.encrypted/sango-store-key' \
    /etc/systemd/system/sango-kiosk.service.d/store-key.conf || fail "sango-seal-key wrote no drop-in"
  creds=/run/credentials/sango-kiosk.service
  install -d -m 0700 -o sango -g sango $creds
  systemd-creds decrypt --name=store-key /etc/credstore.encrypted/sango-store-key $creds/store-key 2>/dev/null
  chown sango:sango $creds/store-key; chmod 0400 $creds/store-key
  mv /var/lib/sango/store.key /root/store.key.away
  out=$(at "2026-04-03 04:45:00" env CREDENTIALS_DIRECTORY=$creds sango status 2>/dev/null) || true
  mv /root/store.key.away /var/lib/sango/store.key
  rm -rf $creds
  echo "$out" | json_has key_source '"credential"' "$out"
  ok "sango-seal-key sealed the key; sango opened the store with it from \$CREDENTIALS_DIRECTORY"

  # --- backup and audit --------------------------------------------------------------------------------------------
  out=$(at "2026-04-03 05:00:00" sango backup) || fail "sango backup: $out"
  ls /var/lib/sango/backups/*.db >/dev/null 2>&1 || fail "no backup file in /var/lib/sango/backups"
  out=$(at "2026-04-03 05:01:00" sango audit) || fail "sango audit: $out"
  echo "$out" | json_has intact true "$out"
  ok "backup made and audit intact: $out"
  ;;
kept)
  sum=${2:?sha256}
  [ -f /var/lib/sango/sango.db ] || fail "/var/lib/sango/sango.db is gone"
  [ -f /var/lib/sango/store.key ] || fail "/var/lib/sango/store.key is gone"
  [ "$(sha256sum /var/lib/sango/sango.db | cut -d' ' -f1)" = "$sum" ] || fail "the store changed"
  ls /var/lib/sango/backups/*.db >/dev/null 2>&1 || fail "the backups are gone"
  getent passwd sango >/dev/null || fail "the user sango is gone (its files would be orphaned)"
  ok "the store, its key and its backups are still there, unchanged"
  ;;
again)
  out=$(at "2026-04-04 01:00:00" sango audit) || fail "sango audit after reinstalling: $out"
  echo "$out" | json_has intact true "$out"
  qr=$(cat $data/coupon.txt)
  out=$(at "2026-04-04 01:05:00" sango scan "$qr" --service day --staff rec1) || fail "scan after reinstalling: $out"
  echo "$out" | json_has action '"opened"' "$out"
  ok "the kept store audits intact and takes a new scan: $out"
  ;;
*) fail "unknown verb $1" ;;
esac
