#!/usr/bin/env python3
"""Checks that sango-terminal.toml(5) documents every setting of the shipped terminal.toml, with its value.

    check_config_docs.py TERMINAL_TOML MAN_PAGE

For every key of every section of TERMINAL_TOML (packaging/terminal.toml, the file the package installs as
/etc/sango/terminal.toml), the man page must have, under the `.SS "[section]"` subsection, a `.TP` whose tag
reads `key = VALUE`, VALUE written as in the file ("ja", 200, true). So a setting added to the file, or a
default changed there, without the man page following, fails. Every section and key the page documents must
also be in the file (documentation of a setting that no longer exists is stale).

Exit status 0 when all is documented, 1 when something is missing or different (each one listed).
"""
import json
import os
import re
import sys

try:
    import tomllib  # Python 3.11 (Debian 12)
except ModuleNotFoundError:  # pragma: no cover - older Pythons
    tomllib = None



def toml_literal(value):
    """The value as TOML writes it: strings in double quotes, booleans in lower case."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def read_settings(path):
    """{section: {key: literal}} of the file (only tables of plain values: that is the file's whole form)."""
    with open(path, "rb") as f:
        raw = f.read()
    if tomllib is not None:
        data = tomllib.loads(raw.decode("utf-8"))
        settings = {}
        for section, table in data.items():
            if not isinstance(table, dict):
                raise SystemExit(f"check_config_docs: {path}: `{section}` is outside any section")
            settings[section] = {k: toml_literal(v) for k, v in table.items()}
        return settings
    # Without tomllib: the subset the file uses ([section] headers, key = value lines, # comments).
    settings, section = {}, None
    for line in raw.decode("utf-8").splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        m = re.match(r"^\[([A-Za-z0-9_]+)\]$", line)
        if m:
            section = settings.setdefault(m.group(1), {})
            continue
        m = re.match(r'^([A-Za-z0-9_]+)\s*=\s*("(?:[^"\\]|\\.)*"|[^#\s]+)', line)
        if m and section is not None:
            section[m.group(1)] = m.group(2)
    return settings


def roff_plain(line):
    line = re.sub(r"\\f(\[[^\]]*\]|\(..|.)", "", line)
    for escape, plain in (("\\(dq", '"'), ("\\(aq", "'"), ("\\-", "-"), ("\\%", ""), ("\\:", ""), ("\\&", ""),
                          ("\\|", ""), ("\\~", " "), ("\\e", "\\")):
        line = line.replace(escape, plain)
    return line


def read_page(path):
    """{section: {key: value}} from the page's `.SS "[section]"` subsections and their `.TP` tags."""
    with open(path, encoding="utf-8") as f:
        lines = [l.rstrip("\n") for l in f if not l.startswith('.\\"')]
    documented, section, tag_next = {}, None, False
    for line in lines:
        m = re.match(r'^\.SS\s+"?\[([A-Za-z0-9_]+)\]"?\s*$', line)
        if m:
            section = documented.setdefault(m.group(1), {})
            tag_next = False
            continue
        if re.match(r"^\.(SH|SS)\b", line):
            section, tag_next = None, False
            continue
        if line.startswith(".TP"):
            tag_next = True
            continue
        if tag_next and section is not None:
            tag_next = False
            m = re.match(r"^\.(?:B|I|BR|IR|RB|BI)\s+(.*)$", line)
            # A plain " in roff source only groups a macro's arguments; a literal quote is written \(dq.
            text = roff_plain((m.group(1) if m else line).replace('"', ""))
            m = re.match(r"^([A-Za-z0-9_]+)\s*=\s*(.*?)\s*$", text)
            if m:
                section[m.group(1)] = m.group(2)
    return documented


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    toml_path, page = sys.argv[1], sys.argv[2]
    if not os.path.exists(toml_path):
        print(f"check_config_docs: {toml_path} does not exist")
        return 1
    settings = read_settings(toml_path)
    documented = read_page(page)
    problems = []
    count = 0
    for section, keys in settings.items():
        if section not in documented:
            problems.append(f"{page}: no .SS \"[{section}]\" subsection for the section [{section}] of {toml_path}")
            continue
        for key, value in keys.items():
            count += 1
            if key not in documented[section]:
                problems.append(f"{page}: [{section}] {key} of {toml_path} is not documented (add a .TP tagged "
                                f"\"{key} = {value}\" under .SS \"[{section}]\")")
            elif documented[section][key] != value:
                problems.append(f"{page}: [{section}] {key} is documented as {documented[section][key]} but "
                                f"{toml_path} says {value}")
    for section, keys in documented.items():
        if section not in settings:
            problems.append(f"{page}: documents a section [{section}] that {toml_path} does not have")
            continue
        for key in keys:
            if key not in settings[section]:
                problems.append(f"{page}: documents [{section}] {key}, which {toml_path} does not have")
    if count == 0:
        problems.append(f"{toml_path}: found no setting at all: has its form changed?")
    for p in problems:
        print(p, file=sys.stderr)
    if problems:
        return 1
    print(f"check_config_docs: {count} setting(s) in {len(settings)} section(s) documented with their values")
    return 0


if __name__ == "__main__":
    sys.exit(main())
