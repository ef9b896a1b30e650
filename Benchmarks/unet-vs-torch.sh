#!/usr/bin/env bash
# The diffusion UNet in genplay vs PyTorch CPU, measured side by side: builds genplay in release,
# then alternates `genplay bench-image` and Benchmarks/unet_torch.py (same checkpoint, same
# thread count) for a few rounds, and prints the median of each figure and the ratio.
#
#   Benchmarks/unet-vs-torch.sh [--rounds 3] [--threads 2] [--runs 100] [--sample-runs 3]
#
# On a shared machine the two alternate so both see the same load; a ratio > 1 means genplay
# is faster.
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=3 threads=2 runs=100 sample_runs=3
while [ $# -gt 0 ]; do
    case "$1" in
        --rounds) rounds=$2; shift 2 ;;
        --threads) threads=$2; shift 2 ;;
        --runs) runs=$2; shift 2 ;;
        --sample-runs) sample_runs=$2; shift 2 ;;
        *) echo "unknown option $1" >&2; exit 2 ;;
    esac
done
# The PyTorch side needs torch, numpy (Checkpoints/recipes/common.py) and gguf (reading the
# checkpoint); say so before the build rather than fail after it.
command -v python3 >/dev/null || { echo "unet-vs-torch: needs python3 (apt-get install python3 python3-pip)" >&2; exit 1; }
missing=$(python3 -c 'import importlib.util as u; print(" ".join(m for m in ("torch", "numpy", "gguf") if u.find_spec(m) is None))')
if [ -n "$missing" ]; then
    echo "unet-vs-torch: needs the Python modules: $missing" >&2
    echo "  install them with: python3 -m pip install $missing" >&2
    exit 1
fi
swift build -c release --product genplay >&2
bin=$(swift build -c release --show-bin-path)/genplay
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
for round in $(seq "$rounds"); do
    echo "round $round/$rounds" >&2
    "$bin" bench-image --threads "$threads" --runs "$runs" --sample-runs "$sample_runs" >>"$out/swift.txt"
    python3 Benchmarks/unet_torch.py --threads "$threads" --runs "$runs" --sample-runs "$sample_runs" >>"$out/torch.txt"
done
python3 - "$out/swift.txt" "$out/torch.txt" "$threads" <<'PY'
import re, statistics, sys
def figures(path):
    got = {}
    for line in open(path):
        m = re.match(r"(forward batch \d|DDIM \d+ steps).*?: ([\d.]+) ms", line)
        if m:
            got.setdefault(m.group(1), []).append(float(m.group(2)))
    return {k: statistics.median(v) for k, v in got.items()}
swift, torch = figures(sys.argv[1]), figures(sys.argv[2])
print(f"{'median ms, ' + sys.argv[3] + ' threads':<28}{'genplay':>10}{'PyTorch':>10}{'speed-up':>10}")
for key in swift:
    if key in torch:
        print(f"{key:<28}{swift[key]:>10.2f}{torch[key]:>10.2f}{torch[key] / swift[key]:>9.1f}x")
PY
