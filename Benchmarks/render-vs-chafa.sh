#!/usr/bin/env bash
# genplay's pixel rendering (Sources/Render/Pixels) next to chafa's on the same image: one DDIM
# sample, drawn at the same size in half-blocks and in braille by both, written as ANSI text
# and, through ansi_to_png.py, as PNGs to look at. The findings are in render-vs-chafa.md.
#
#   Benchmarks/render-vs-chafa.sh [--size 40x20] [--out /tmp/render-vs-chafa]
#
# $GENPLAY names a genplay binary to use instead of building one in release.
set -euo pipefail
cd "$(dirname "$0")/.."
size=40x20 out=/tmp/render-vs-chafa
while [ $# -gt 0 ]; do
    case "$1" in
        --size) size=$2; shift 2 ;;
        --out) out=$2; shift 2 ;;
        *) echo "unknown option $1" >&2; exit 2 ;;
    esac
done
command -v chafa > /dev/null || { echo "chafa not found (apt-get install chafa)" >&2; exit 1; }
genplay=${GENPLAY:-}
if [ -z "$genplay" ]; then
    swift build -c release --product genplay > /dev/null
    genplay=.build/release/genplay
fi
mkdir -p "$out"
rows=${size#*x}
for mode in halfblocks braille color16; do
    # The same seed gives the same image each time; only the preview's first $rows lines are the image.
    COLORTERM=truecolor "$genplay" sample ddim --count 1 --class sneaker --seed 3 --out "$out" \
        --mode "$mode" --preview-size "$size" | sed -n "1,${rows}p" > "$out/genplay-$mode.ans"
done
for symbols in half braille; do
    chafa --size "$size" --scale max --symbols "$symbols" -c full "$out/ddim-000.png" > "$out/chafa-$symbols.ans"
done
chafa --size "$size" --scale max --symbols half -c 16 --dither diffusion "$out/ddim-000.png" > "$out/chafa-16.ans"
python3 Benchmarks/ansi_to_png.py "$out"/*.ans
wc -c "$out"/*.ans
