#!/usr/bin/env python3
"""Draws terminal output (SGR colours; ▀ ▄ ▌ ▐ █, spaces and braille) as a PNG, each cell
8 × 16 pixels, about as a terminal with a black background and a light-grey default
foreground shows it, so that renderings can be compared by eye without a terminal.

    Benchmarks/ansi_to_png.py out.ans ...   # writes out.png beside each

Standard library only (the PNG is written by hand).
"""
import re
import struct
import sys
import zlib

CELL_WIDTH, CELL_HEIGHT = 8, 16
DEFAULT_FG, DEFAULT_BG = (200, 200, 200), (0, 0, 0)
ANSI16 = [(0, 0, 0), (170, 0, 0), (0, 170, 0), (170, 85, 0), (0, 0, 170), (170, 0, 170), (0, 170, 170), (170, 170, 170),
          (85, 85, 85), (255, 85, 85), (85, 255, 85), (255, 255, 85), (85, 85, 255), (255, 85, 255), (85, 255, 255), (255, 255, 255)]
# Braille dot bits by (row, column).
BRAILLE_BITS = [[0, 3], [1, 4], [2, 5], [6, 7]]


def xterm256(n):
    if n < 16:
        return ANSI16[n]
    if n < 232:
        n -= 16
        levels = [0, 95, 135, 175, 215, 255]
        return (levels[n // 36], levels[n // 6 % 6], levels[n % 6])
    grey = 8 + 10 * (n - 232)
    return (grey, grey, grey)


def parse(text):
    """Rows of (character, foreground, background)."""
    rows = []
    for line in text.split("\n"):
        fg, bg, reverse, cells = None, None, False, []
        for m in re.finditer(r"\x1b\[([0-9;?]*)([a-zA-Z])|(.)", line):
            if m.group(3) is not None:
                f, b = fg or DEFAULT_FG, bg or DEFAULT_BG
                cells.append((m.group(3), *((b, f) if reverse else (f, b))))
                continue
            if m.group(2) != "m":
                continue
            codes = [int(c) for c in m.group(1).split(";") if c] or [0]
            i = 0
            while i < len(codes):
                c = codes[i]
                if c == 0:
                    fg, bg, reverse = None, None, False
                elif c in (7, 27):
                    reverse = c == 7
                elif c in (38, 48):
                    color = tuple(codes[i + 2:i + 5]) if codes[i + 1] == 2 else xterm256(codes[i + 2])
                    i += 4 if codes[i + 1] == 2 else 2
                    fg, bg = (color, bg) if c == 38 else (fg, color)
                elif c in (39, 49):
                    fg, bg = (None, bg) if c == 39 else (fg, None)
                elif 30 <= c <= 37:
                    fg = ANSI16[c - 30]
                elif 40 <= c <= 47:
                    bg = ANSI16[c - 40]
                i += 1
        rows.append(cells)
    while rows and not rows[-1]:
        rows.pop()
    return rows


def is_ink(character, x, y):
    """Whether pixel (x, y) of a cell showing `character` is in the foreground colour."""
    half_w, half_h = CELL_WIDTH // 2, CELL_HEIGHT // 2
    shapes = {"▀": y < half_h, "▄": y >= half_h, "▌": x < half_w, "▐": x >= half_w, "█": True}
    if character in shapes:
        return shapes[character]
    dots = ord(character) - 0x2800
    if 0 <= dots <= 0xFF:
        # A dot is a 2 × 2 square in its 4 × 4 share of the cell.
        bit = BRAILLE_BITS[y * 4 // CELL_HEIGHT][x * 2 // CELL_WIDTH]
        inside = 1 <= x % (CELL_WIDTH // 2) <= 2 and 1 <= y % (CELL_HEIGHT // 4) <= 2
        return bool(dots >> bit & 1) and inside
    return False


def write_png(rows, path):
    columns = max(len(r) for r in rows)
    raw = bytearray()
    for row in rows:
        for y in range(CELL_HEIGHT):
            raw.append(0)  # filter: none
            for cx in range(columns):
                character, fg, bg = row[cx] if cx < len(row) else (" ", DEFAULT_FG, DEFAULT_BG)
                for x in range(CELL_WIDTH):
                    raw += bytes(fg if is_ink(character, x, y) else bg)

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", columns * CELL_WIDTH, len(rows) * CELL_HEIGHT, 8, 2, 0, 0, 0)
    with open(path, "wb") as f:
        f.write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(bytes(raw))) + chunk(b"IEND", b""))


if __name__ == "__main__":
    for source in sys.argv[1:]:
        rows = parse(open(source, encoding="utf-8").read())
        write_png(rows, source.rsplit(".", 1)[0] + ".png")
        print(f"{source}: {max(len(r) for r in rows)} × {len(rows)} cells")
