#!/bin/sh
# Renders a man page the ways Debian users and tools will, and fails on any warning:
#   groff -man -Tutf8 -ww      (every warning; with and without preconv, -k)
#   man --warnings -l          (man-db's own pipeline, at 80 and at 120 columns)
#   lexgrog                    (man-db's reading of the NAME section, which whatis(1) and apropos(1) need)
# and checks that the page's .TH names the file (sango-kiosk.1 -> .TH SANGO-KIOSK 1).
#   check_man_render.sh PAGE
set -u
page=$1
status=0
for tool in groff man lexgrog; do
    if ! command -v "$tool" >/dev/null 2>&1; then
        echo "check_man_render: $tool is missing: install groff-base and man-db (packaging/setup-debian.sh)" >&2
        exit 1
    fi
done
[ -r "$page" ] || { echo "check_man_render: cannot read $page" >&2; exit 1; }

fail() { printf "check_man_render: %s: %s\n" "$page" "$1" >&2; [ -n "${2:-}" ] && printf '%s\n' "$2" >&2; status=1; }

for k in "" -k; do
    out=$(LC_ALL=C.UTF-8 groff $k -man -Tutf8 -ww -z "$page" 2>&1) || fail "groff $k exited with an error" "$out"
    [ -z "$out" ] || fail "groff $k -man -Tutf8 -ww warns" "$out"
done
for width in 80 120; do
    out=$(LC_ALL=C.UTF-8 MANWIDTH=$width MAN_KEEP_FORMATTING= man --warnings -E UTF-8 -l "$page" 2>&1 >/dev/null) \
        || fail "man -l exited with an error at $width columns" "$out"
    [ -z "$out" ] || fail "man --warnings -l warns at $width columns" "$out"
done
out=$(lexgrog "$page" 2>&1) || fail "lexgrog cannot read its NAME section" "$out"

# .TH NAME SECTION: the file name, upper case, with \- for each hyphen.
base=$(basename "$page")
section=${base##*.}
name=${base%.*}
expected=$(printf '%s' "$name" | tr '[:lower:]' '[:upper:]' | sed 's/-/\\-/g')
th=$(sed -n 's/^\.TH[[:space:]]\{1,\}\([^[:space:]]*\)[[:space:]]\{1,\}\([^[:space:]]*\).*/\1 \2/p' "$page" | head -n 1)
[ "$th" = "$expected $section" ] || fail ".TH says \"$th\", expected \"$expected $section\""

# The rendered text must not be empty or cut short: it has the sections every page has.
text=$(LC_ALL=C.UTF-8 MANWIDTH=80 man -E UTF-8 -l "$page" 2>/dev/null)
for heading in NAME SYNOPSIS DESCRIPTION "SEE ALSO"; do
    printf '%s\n' "$text" | grep -q "^$heading\$" || fail "no $heading section in the rendered page"
done

[ $status -eq 0 ] && echo "check_man_render: $base renders without warnings"
exit $status
