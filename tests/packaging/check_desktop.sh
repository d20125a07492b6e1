#!/bin/sh
# Checks the kiosk's desktop entry: desktop-file-validate passes with no error and no warning (hints are
# allowed), it starts the kiosk in a window, names an icon the package installs, and has its name and comment
# in Japanese and Simplified Chinese as well as English.
#   check_desktop.sh DESKTOP_FILE ICON_DIR
set -u
entry=$1
icons=$2
status=0
fail() { printf 'check_desktop: %s: %s\n' "$entry" "$1" >&2; status=1; }

if ! command -v desktop-file-validate >/dev/null 2>&1; then
    echo "check_desktop: desktop-file-validate is missing: install desktop-file-utils (packaging/setup-debian.sh)" >&2
    exit 1
fi
out=$(desktop-file-validate "$entry" 2>&1) || fail "desktop-file-validate fails"
if printf '%s\n' "$out" | grep -Eq ': (error|warning):'; then
    fail "desktop-file-validate reports:"
    printf '%s\n' "$out" >&2
fi

value() { sed -n "s/^$1=//p" "$entry" | head -n 1; }
[ "$(value Exec)" = "sango-kiosk --windowed" ] || fail "Exec is \"$(value Exec)\", not \"sango-kiosk --windowed\""
[ "$(value Type)" = Application ] || fail "Type is not Application"
[ "$(value Terminal)" = false ] || fail "Terminal is not false"
icon=$(value Icon)
[ -n "$icon" ] && [ -f "$icons/$icon.svg" ] || fail "Icon=$icon names no $icons/$icon.svg"
for key in 'Name' 'Name\[ja\]' 'Name\[zh_CN\]' 'Comment' 'Comment\[ja\]' 'Comment\[zh_CN\]'; do
    [ -n "$(value "$key")" ] || fail "no $(printf '%s' "$key" | tr -d '\\')"
done
[ $status -eq 0 ] && echo "check_desktop: $(basename "$entry") is valid"
exit $status
