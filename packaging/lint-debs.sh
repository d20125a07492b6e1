#!/usr/bin/env bash
# The packages through lintian, Debian's package checker, as the Debian 12 archive would run it: fails on any
# error and on any warning not overridden by the package itself (/usr/share/lintian/overrides/PACKAGE, each
# override with the reason above it). Info and pedantic tags are shown, not failed on (README: lintian).
#   packaging/lint-debs.sh DEB...
set -euo pipefail
[ $# -gt 0 ] || { echo "usage: lint-debs.sh DEB..." >&2; exit 2; }
command -v lintian >/dev/null \
  || { echo "lint-debs: lintian is missing (Debian package lintian, packaging/setup-debian.sh)" >&2; exit 1; }
# --fail-on: exit status 2 on an error or warning tag (overridden tags are not counted).
# --display-info --pedantic: the advice that does not fail the test is still shown.
# --show-overrides: the overridden tags are listed, marked O:, so that none hides unseen.
status=0
lintian --fail-on error,warning --display-info --pedantic --show-overrides "$@" || status=$?
if [ $status -ne 0 ]; then
  echo "lint-debs: FAILED: lintian found errors or warnings (above); fix them, or override one with its reason" >&2
  exit 1
fi
echo "  ok: lintian, no error or warning without an override"
