#!/usr/bin/env python3
"""Subsets the web build's fonts to the glyphs the app draws from them (issue 15).

    scripts/subset-fonts.py --out DIR --text UI.otf MONO.ttf --icons ICONS.ttf \
        --scan src/app src/core data

Writes DIR/ui.ttf, DIR/mono.ttf and DIR/icons.ttf with pyftsubset (Debian: fonttools).
A font with PostScript (CFF) outlines, like Debian's Inter, is converted to TrueType
(quadratic) outlines: ImGui's stb_truetype reads a TrueType glyph's box from its header
and its outline without running a CFF charstring interpreter, which made the font atlas
about a third of the start-up's font work in wasm (issue 15).

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
    if cff_to_truetype(out):
        with open(out, 'rb') as fh:
            new = fh.read()
    return len(new)


def cff_to_truetype(path, max_err=1.0):
    """Rewrites a CFF-outline font at `path` with TrueType outlines (cubic curves
    approximated by quadratic ones within `max_err` font units, invisible at UI sizes).
    Returns False for a font that already has TrueType outlines."""
    from fontTools.pens.cu2quPen import Cu2QuPen
    from fontTools.pens.ttGlyphPen import TTGlyphPen
    from fontTools.ttLib import TTFont, newTable

    font = TTFont(path)
    if 'CFF ' not in font:
        return False
    order = font.getGlyphOrder()
    glyph_set = font.getGlyphSet()
    glyphs = {}
    for name in order:
        pen = TTGlyphPen(glyph_set)
        # TrueType contours run clockwise, CFF ones counter-clockwise.
        glyph_set[name].draw(Cu2QuPen(pen, max_err, reverse_direction=True))
        glyphs[name] = pen.glyph()
    font['loca'] = newTable('loca')
    font['glyf'] = glyf = newTable('glyf')
    glyf.glyphOrder = order
    glyf.glyphs = glyphs
    del font['CFF ']
    if 'VORG' in font:
        del font['VORG']
    glyf.compile(font)
    hmtx = font['hmtx']
    for name, g in glyphs.items():  # left side bearing = the outline's xMin
        if hasattr(g, 'xMin'):
            hmtx[name] = (hmtx[name][0], g.xMin)
    font['maxp'] = maxp = newTable('maxp')
    maxp.tableVersion = 0x00010000
    maxp.maxZones = 1
    maxp.maxTwilightPoints = maxp.maxStorage = maxp.maxFunctionDefs = 0
    maxp.maxInstructionDefs = maxp.maxStackElements = maxp.maxSizeOfInstructions = 0
    maxp.maxComponentElements = 0
    post = font['post']
    post.formatType = 2.0
    post.extraNames = []
    post.mapping = {}
    post.glyphOrder = order
    font['head'].glyphDataFormat = 0
    font.sfntVersion = '\x00\x01\x00\x00'
    font.save(path)
    return True


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
    sizes = [subset(args.text[0], os.path.join(args.out, 'ui.ttf'), text),
             subset(args.text[1], os.path.join(args.out, 'mono.ttf'), text),
             subset(args.icons, os.path.join(args.out, 'icons.ttf'), icons)]
    print('subset-fonts: %d text code points, %d icons: ui %d, mono %d, icons %d bytes'
          % (len(text), len(icons), *sizes))


if __name__ == '__main__':
    main()
