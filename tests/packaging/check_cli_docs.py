#!/usr/bin/env python3
"""Checks that a man page documents every command and option a binary's --help prints.

    check_cli_docs.py BINARY MAN_PAGE

Runs `BINARY --help`, then `BINARY SUB --help` for every subcommand it lists (recursively), and reads the
CLI11 (or QCommandLineParser) help text: options, positionals, subcommands. Then, in the man page's roff
source:
  - every option of the top level appears in the `.SH OPTIONS` section;
  - every subcommand path (`staff add`) has a `.SS` subsection whose title starts with it, and that
    subsection names every long option (but --help, documented once under OPTIONS) and every positional
    the subcommand's --help prints.
So an option or a command added to the binary without documentation fails the check. Exit status 0 when all
is documented, 1 when something is missing (each one listed), 2 when the help cannot be read.
"""
import os
import re
import subprocess
import sys
import tempfile

SECTION_RE = re.compile(r"^(Options|Subcommands|Positionals|Arguments):\s*$")


def run_help(binary, path, env):
    """The help text of `binary path... --help` (stdout, or stderr if stdout is empty)."""
    cmd = [binary, *path, "--help"]
    try:
        done = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=60)
    except (OSError, subprocess.TimeoutExpired) as e:
        sys.exit(f"check_cli_docs: cannot run {' '.join(cmd)}: {e}")
    if done.returncode != 0:
        print(f"check_cli_docs: {' '.join(cmd)} exited {done.returncode}:\n{done.stdout}{done.stderr}",
              file=sys.stderr)
        sys.exit(2)
    return done.stdout or done.stderr


def parse_help(text):
    """(long options, positionals, subcommands) of one help text."""
    options, positionals, subcommands = [], [], []
    section = None
    for line in text.splitlines():
        m = SECTION_RE.match(line)
        if m:
            section = m.group(1)
            continue
        if not line.strip():
            continue
        if not line.startswith(" "):
            section = None  # a line at the margin ends the section (a usage or description line)
            continue
        indent = len(line) - len(line.lstrip(" "))
        if indent > 4:
            continue  # a wrapped description
        tokens = line.split()
        if section == "Options":
            for token in tokens:
                if not token.startswith("-"):
                    break
                for name in token.split(","):
                    name = name.split("=", 1)[0]
                    if name.startswith("--") and len(name) > 2:
                        options.append(name)
        elif section in ("Positionals", "Arguments"):
            positionals.append(tokens[0])
        elif section == "Subcommands":
            subcommands.append(tokens[0])
    return options, positionals, subcommands


def roff_to_text(source):
    """The roff source with comments dropped and the escapes that matter for names undone."""
    lines = []
    for line in source.splitlines():
        if line.startswith('.\\"') or line.startswith("'\\\""):
            continue
        line = re.sub(r"\\f(\[[^\]]*\]|\(..|.)", "", line)  # font changes
        for escape, plain in (("\\-", "-"), ("\\%", ""), ("\\:", ""), ("\\&", ""), ("\\|", ""),
                              ("\\^", ""), ("\\~", " "), ("\\e", "\\"), ("\\(aq", "'"), ("\\(dq", '"')):
            line = line.replace(escape, plain)
        lines.append(line)
    return lines


def split_man(lines):
    """{'OPTIONS': text, ...} for .SH sections and [(title, text)] for .SS subsections."""
    sections, subsections = {}, []
    sh, ss = None, None
    for line in lines:
        m = re.match(r'^\.SH\s+"?([^"]*)"?\s*$', line)
        if m:
            sh, ss = m.group(1).strip().upper(), None
            sections.setdefault(sh, [])
            continue
        m = re.match(r'^\.SS\s+"?([^"]*)"?\s*$', line)
        if m:
            ss = [m.group(1).strip(), [m.group(1)]]
            subsections.append(ss)
            if sh is not None:
                sections[sh].append(line)
            continue
        if sh is not None:
            sections[sh].append(line)
        if ss is not None:
            ss[1].append(line)
    return ({k: "\n".join(v) for k, v in sections.items()},
            [(title, "\n".join(body)) for title, body in subsections])


def mentions(text, word):
    return re.search(r"(?<![\w-])" + re.escape(word) + r"(?![\w-])", text) is not None


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    binary, page = sys.argv[1], sys.argv[2]
    with open(page, encoding="utf-8") as f:
        sections, subsections = split_man(roff_to_text(f.read()))
    program = os.path.basename(binary)
    problems = []

    with tempfile.TemporaryDirectory() as home:
        # --help touches no store; a clean environment keeps the developer's settings out of the check.
        env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": home, "LANG": "C.UTF-8",
               "LC_ALL": "C.UTF-8", "QT_QPA_PLATFORM": "offscreen"}
        top_options, _, top_subcommands = parse_help(run_help(binary, [], env))
        if not top_options:
            print(f"check_cli_docs: found no option in `{program} --help`: has its format changed?",
                  file=sys.stderr)
            return 2
        options_text = sections.get("OPTIONS")
        if options_text is None:
            problems.append(f"{page}: no .SH OPTIONS section")
            options_text = ""
        for option in top_options:
            if not mentions(options_text, option):
                problems.append(f"{page}: option {option} of `{program} --help` is not in the OPTIONS section")

        checked_commands, checked_items = 0, len(top_options)
        queue = [[s] for s in top_subcommands]
        while queue:
            path = queue.pop(0)
            name = " ".join(path)
            options, positionals, subcommands = parse_help(run_help(binary, path, env))
            queue.extend(path + [s] for s in subcommands)
            checked_commands += 1
            bodies = [body for title, body in subsections if title == name or title.startswith(name + " ")]
            if not bodies:
                problems.append(f"{page}: `{program} {name}` has no .SS subsection whose title starts with "
                                f"\"{name}\" (document it under COMMANDS)")
                continue
            if subcommands:
                continue  # a group (`staff`): its subcommands are checked one by one
            body = "\n".join(bodies)
            for item in [o for o in options if o != "--help"] + positionals:
                checked_items += 1
                if not mentions(body, item):
                    problems.append(f"{page}: {item} of `{program} {name} --help` is not in the subsection "
                                    f"\"{name}\"")

    for p in problems:
        print(p, file=sys.stderr)
    if problems:
        print(f"check_cli_docs: {len(problems)} undocumented item(s): document them in {page}", file=sys.stderr)
        return 1
    print(f"check_cli_docs: {program}: {checked_commands} command(s) and {checked_items} option(s) or "
          f"argument(s) documented in {os.path.basename(page)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
