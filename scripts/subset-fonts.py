#!/usr/bin/env python3
"""Subsets the web build's fonts to the glyphs the app draws from them (issue 15).

    scripts/subset-fonts.py --out DIR --text UI.otf MONO.ttf --icons ICONS.ttf \
        --scan src/app src/core data

Writes DIR/ui.otf, DIR/mono.ttf and DIR/icons.ttf with pyftsubset (Debian: fonttools).

Which code points:
  - text fonts (UI, mono): printable ASCII, Latin-1, General Punctuation (U+2000-206F),
    U+FFFD, and every code point of the scanned files: the characters of C++ sources
    (also written as "\\xE2\\x80\\x94" or "\\u2026" escapes) and of the bundled lists' JSON
    strings (authors with diacritics, titles). Code points the font lacks (CJK, Hangul)
    are simply not in it: the app draws those with the browser's fonts on first use
    (fonts.cpp, WantGlyphsFor), as it does for any code point the subset leaves out.
  - icon font: the Private Use code points (U+E000-F8FF) found in the scanned sources
    (the SM_ICON_* glyphs of fonts.h).
Fast (about a second of CPU for the three fonts) and deterministic: the same inputs give
the same bytes.
"""
import argparse
import json
import os
import re
import subprocess
import sys
import tempfile

BASE = set(range(0x20, 0x7F)) | set(range(0xA0, 0x100)) | set(range(0x2000, 0x2070)) | {0xFFFD}
PRIVATE_USE = range(0xE000, 0xF900)
ESCAPES = re.compile(rb'(?:\\x[0-9A-Fa-f]{2})+|\\u[0-9A-Fa-f]{4}|\\U[0-9A-Fa-f]{8}')


def source_code_points(data):
    """Code points of a C++ source: literal UTF-8 text and escaped UTF-8 byte runs."""
    cps = {ord(c) for c in data.decode('utf-8', errors='ignore') if ord(c) >= 0x80}
    for m in ESCAPES.finditer(data):
        s = m.group(0)
        if s.startswith(b'\\x'):
            raw = bytes(int(s[i + 2:i + 4], 16) for i in range(0, len(s), 4))
            # A run that is not UTF-8 (a BOM check, a byte test) adds what decodes.
            cps |= {ord(c) for c in raw.decode('utf-8', errors='ignore') if ord(c) >= 0x80}
        else:
            cps.add(int(s[2:], 16))
    return cps


def json_code_points(data):
    """Code points of every string (keys and values) of a JSON file."""
    cps = set()

    def walk(v):
        if isinstance(v, str):
            cps.update(ord(c) for c in v if ord(c) >= 0x80)
        elif isinstance(v, dict):
            for k, x in v.items():
                walk(k)
                walk(x)
        elif isinstance(v, list):
            for x in v:
                walk(x)

    try:
        walk(json.loads(data.decode('utf-8')))
    except (ValueError, UnicodeDecodeError):
        cps |= {ord(c) for c in data.decode('utf-8', errors='ignore') if ord(c) >= 0x80}
    return cps


def scan(paths):
    cps = set()
    for top in paths:
        files = [top] if os.path.isfile(top) else sorted(
            os.path.join(d, f) for d, _, fs in os.walk(top) for f in fs)
        for path in files:
            ext = os.path.splitext(path)[1]
            if ext not in ('.cpp', '.h', '.json'):
                continue
            with open(path, 'rb') as fh:
                data = fh.read()
            cps |= json_code_points(data) if ext == '.json' else source_code_points(data)
    return cps


def subset(font, out, cps):
    with tempfile.TemporaryDirectory() as tmp:
        tmp_out = os.path.join(tmp, os.path.basename(out))
        codes = ','.join('%04X' % c for c in sorted(cps))
        # Hinting is dropped: ImGui's stb_truetype ignores it.
        subprocess.run(['pyftsubset', font, '--unicodes=' + codes, '--output-file=' + tmp_out,
                        '--no-hinting', '--desubroutinize', '--layout-features=', '--name-IDs=*',
                        '--notdef-outline', '--drop-tables+=FFTM'], check=True)
        with open(tmp_out, 'rb') as fh:
            new = fh.read()
    with open(out, 'wb') as fh:
        fh.write(new)
    return len(new)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument('--out', required=True)
    ap.add_argument('--text', nargs=2, required=True, metavar=('UI', 'MONO'))
    ap.add_argument('--icons', required=True)
    ap.add_argument('--scan', nargs='+', required=True)
    args = ap.parse_args()
    found = scan(args.scan)
    text = BASE | {c for c in found if c not in PRIVATE_USE}
    icons = {c for c in found if c in PRIVATE_USE}
    if not icons:
        sys.exit('subset-fonts: no icon code points found in ' + ' '.join(args.scan))
    os.makedirs(args.out, exist_ok=True)
    sizes = [subset(args.text[0], os.path.join(args.out, 'ui.otf'), text),
             subset(args.text[1], os.path.join(args.out, 'mono.ttf'), text),
             subset(args.icons, os.path.join(args.out, 'icons.ttf'), icons)]
    print('subset-fonts: %d text code points, %d icons: ui %d, mono %d, icons %d bytes'
          % (len(text), len(icons), *sizes))


if __name__ == '__main__':
    main()
