#!/usr/bin/env python3
"""What the two .deb files hold, checked before they are installed anywhere (packaging/test-packages.sh).

  check-debs.py SANGO_TERMINAL_DEB SANGO_LEDGER_DEB

Control fields (names, dependencies found by dpkg-shlibdeps plus the declared ones, recommendations), conffiles, maintainer
scripts, and the file list: FHS places only, owned by root, the right modes, no build paths, stripped binaries."""
import os
import subprocess
import sys
import tempfile

problems = []


def check(cond, message):
    if not cond:
        problems.append(message)


def deb_field(deb, field):
    return subprocess.run(["dpkg-deb", "-f", deb, field], check=True, capture_output=True, text=True).stdout.strip()


def deb_files(deb):
    out = subprocess.run(["dpkg-deb", "-c", deb], check=True, capture_output=True, text=True).stdout
    files = {}
    for line in out.splitlines():
        parts = line.split(None, 5)
        mode, owner, path = parts[0], parts[1], parts[5].split(" -> ")[0]
        files[path.lstrip(".")] = (mode, owner)
    return files


def deb_control_file(deb, name):
    r = subprocess.run(["dpkg-deb", "--ctrl-tarfile", deb], check=True, capture_output=True)
    listing = subprocess.run(["tar", "-tvf", "-"], input=r.stdout, check=True, capture_output=True).stdout.decode()
    content = subprocess.run(["tar", "-xOf", "-", "./" + name], input=r.stdout, capture_output=True)
    mode = next((l.split()[0] for l in listing.splitlines() if l.endswith("./" + name)), None)
    return mode, content.stdout.decode() if content.returncode == 0 else None


def check_package(deb, name, needs_libs, declared, recommended, files_wanted, conffiles_wanted, binaries):
    check(deb_field(deb, "Package") == name, f"{deb}: Package is not {name}")
    depends = deb_field(deb, "Depends")
    for lib in needs_libs:
        check(lib in depends, f"{name}: Depends lacks {lib} (dpkg-shlibdeps did not run?): {depends}")
    for d in declared:
        check(d in depends, f"{name}: Depends lacks {d}: {depends}")
    recommends = [r.strip() for r in deb_field(deb, "Recommends").split(",") if r.strip()]
    for r in recommended:
        check(r in recommends, f"{name}: Recommends lacks {r}: {recommends}")
    files = deb_files(deb)
    for path, mode in files_wanted.items():
        check(path in files, f"{name}: {path} is not in the package")
        if path in files:
            check(files[path][0] == mode, f"{name}: {path} has mode {files[path][0]}, not {mode}")
    for path, (mode, owner) in files.items():
        check(owner == "root/root", f"{name}: {path} is owned by {owner}")
        check(not path.startswith(("/usr/local", "/home", "/tmp", "/var/lib")),
              f"{name}: {path} is not an FHS place for a package file (data directories are made by postinst)")
        check("build/" not in path and "/work/" not in path, f"{name}: {path} looks like a build path")
    mode, conffiles = deb_control_file(deb, "conffiles")
    check(conffiles is not None, f"{name}: no conffiles")
    if conffiles is not None:
        check(sorted(conffiles.split()) == sorted(conffiles_wanted), f"{name}: conffiles are {conffiles.split()}")
    for script in ("postinst", "prerm", "postrm"):
        mode, text = deb_control_file(deb, script)
        check(text is not None, f"{name}: no {script}")
        if text is not None:
            check(mode == "-rwxr-xr-x", f"{name}: {script} has mode {mode}")
            check(text.startswith("#!/bin/sh") and "set -e" in text, f"{name}: {script} is not a sh script with set -e")
    # Binaries: stripped (CPACK_STRIP_FILES), so no debug sections leak build paths.
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(["dpkg-deb", "-x", deb, tmp], check=True)
        for b in binaries:
            out = subprocess.run(["file", "-b", tmp + b], check=True, capture_output=True, text=True).stdout
            check("not stripped" not in out, f"{name}: {b} is not stripped")
            check(os.path.getsize(tmp + b) > 0, f"{name}: {b} is empty")
    print(f"  ok: {name} {deb_field(deb, 'Version')}: {len(files)} entries; Depends: {depends}")


terminal, ledger = sys.argv[1], sys.argv[2]
check_package(terminal, "sango-terminal",
              ["libqt6widgets6", "libsqlcipher0", "libsodium23", "libcurl4", "libzxing"],
              ["adduser", "fonts-noto-cjk", "qt6-qpa-plugins", "gstreamer1.0-plugins-good"],
              ["cage", "xwayland", "qt6-wayland"],
              {"/usr/bin/sango": "-rwxr-xr-x", "/usr/bin/sango-kiosk": "-rwxr-xr-x",
               "/usr/sbin/sango-seal-key": "-rwxr-xr-x", "/usr/libexec/sango/kiosk-session": "-rwxr-xr-x",
               "/etc/sango/terminal.toml": "-rw-r--r--", "/etc/pam.d/sango-kiosk": "-rw-r--r--",
               "/lib/systemd/system/sango-kiosk.service": "-rw-r--r--",
               "/usr/share/applications/sango-kiosk.desktop": "-rw-r--r--",
               "/usr/share/icons/hicolor/scalable/apps/sango-kiosk.svg": "-rw-r--r--",
               "/usr/share/man/man1/sango.1.gz": "-rw-r--r--", "/usr/share/man/man1/sango-kiosk.1.gz": "-rw-r--r--",
               "/usr/share/man/man5/sango-terminal.toml.5.gz": "-rw-r--r--",
               "/usr/share/man/man8/sango-seal-key.8.gz": "-rw-r--r--",
               "/usr/share/doc/sango-terminal/copyright": "-rw-r--r--",
               "/usr/share/doc/sango-terminal/changelog.Debian.gz": "-rw-r--r--",
               "/usr/share/lintian/overrides/sango-terminal": "-rw-r--r--"},
              ["/etc/sango/terminal.toml", "/etc/pam.d/sango-kiosk"],
              ["/usr/bin/sango", "/usr/bin/sango-kiosk"])
check_package(ledger, "sango-ledger",
              ["libsqlcipher0", "libssl3", "libqrencode4"],
              ["adduser"],
              ["postgresql"],  # the production engine; SQLCipher stays the default
              {"/usr/bin/sango-ledger": "-rwxr-xr-x", "/etc/sango/ledger.conf": "-rw-r--r--",
               "/lib/systemd/system/sango-ledger.service": "-rw-r--r--",
               "/usr/share/man/man1/sango-ledger.1.gz": "-rw-r--r--",
               "/usr/share/doc/sango-ledger/copyright": "-rw-r--r--",
               "/usr/share/doc/sango-ledger/changelog.Debian.gz": "-rw-r--r--",
               "/usr/share/lintian/overrides/sango-ledger": "-rw-r--r--"},
              ["/etc/sango/ledger.conf"],
              ["/usr/bin/sango-ledger"])
if problems:
    for p in problems:
        print("check-debs: " + p, file=sys.stderr)
    sys.exit(1)
