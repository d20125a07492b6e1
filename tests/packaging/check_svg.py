#!/usr/bin/env python3
"""Checks the kiosk's scalable icon: well-formed XML, an SVG 1.1 root with a 256x256 viewBox, no text (the icon
must read in every language), nothing fetched from outside, and every url(#id) it uses defined in it.

    check_svg.py ICON.svg

Exit status 0 when it is fine, 1 otherwise (each problem listed).
"""
import re
import sys
import xml.etree.ElementTree as ET

SVG = "{http://www.w3.org/2000/svg}"
XLINK_HREF = "{http://www.w3.org/1999/xlink}href"


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    path = sys.argv[1]
    try:
        root = ET.parse(path).getroot()
    except (ET.ParseError, OSError) as e:
        print(f"check_svg: {path} is not well-formed XML: {e}", file=sys.stderr)
        return 1
    problems = []
    if root.tag != SVG + "svg":
        problems.append(f"the root element is {root.tag}, not an <svg> in the SVG namespace")
    if root.get("version") != "1.1":
        problems.append(f"version is {root.get('version')!r}, not '1.1'")
    view_box = (root.get("viewBox") or "").split()
    if view_box != ["0", "0", "256", "256"]:
        problems.append(f"viewBox is {root.get('viewBox')!r}, not '0 0 256 256'")

    ids = {e.get("id") for e in root.iter() if e.get("id")}
    shapes = 0
    for e in root.iter():
        name = e.tag.replace(SVG, "")
        if name in ("text", "tspan", "textPath", "font", "glyph"):
            problems.append(f"<{name}> found: the icon has no text")
        target = e.get("href") or e.get(XLINK_HREF) or ""
        if name in ("image", "script", "foreignObject") or (name == "use" and not target.startswith("#")):
            problems.append(f"<{name}> found: the icon is self-contained shapes only")
        if name in ("rect", "circle", "ellipse", "path", "polygon", "polyline", "line"):
            shapes += 1
        for attr, value in e.attrib.items():
            for ref in re.findall(r"url\(#([^)]+)\)", value):
                if ref not in ids:
                    problems.append(f"<{name} {attr}=\"{value}\"> refers to #{ref}, which is not defined")
    if shapes < 3:
        problems.append(f"only {shapes} shape(s): is this the icon?")

    for p in problems:
        print(f"check_svg: {path}: {p}", file=sys.stderr)
    if problems:
        return 1
    print(f"check_svg: {path}: well-formed SVG 1.1, 256x256, {shapes} shapes, no text")
    return 0


if __name__ == "__main__":
    sys.exit(main())
