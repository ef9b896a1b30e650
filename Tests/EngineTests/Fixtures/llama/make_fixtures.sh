#!/usr/bin/env bash
# Regenerates the llama.cpp parity fixtures for SmolLM2-135M-Instruct Q4_1:
#   smollm2-greedy.jsonl  one line per prompt of prompts.txt: llama.cpp's prompt ids, 64 greedy
#                         tokens, the top-2 logits of every step, the first step's 64 best logits
#   smollm2-first-logits.f32  all first-step logits of the first prompt (little-endian floats)
# It builds reference.cpp against the llama.cpp that ../../../../../shared/tools/llamacpp-anchor
# builds, and cross-checks every continuation against llama-completion's own output.
# Usage: make_fixtures.sh [MODEL.gguf]   (default: the pulled SmolLM2 in the genplay cache)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../../.." && pwd)
model=${1:-${XDG_CACHE_HOME:-$HOME/.cache}/genplay/models/SmolLM2-135M-Instruct.Q4_1.gguf}
bin=$("$root/../shared/tools/llamacpp-anchor")
src=$(cd "$bin/../.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

g++ -O2 -std=c++17 "$here/reference.cpp" -I"$src/include" -I"$src/ggml/include" -L"$bin" \
    -lllama -lggml -lggml-base -Wl,-rpath,"$bin" -o "$work/reference"
"$work/reference" "$model" "$here/prompts.txt" 64 "$here/smollm2-first-logits.f32" > "$here/smollm2-greedy.jsonl"

# Cross-check: llama-completion must print the same continuation text.
python3 - "$here/smollm2-greedy.jsonl" "$bin/llama-completion" "$model" <<'PY'
import json, subprocess, sys
lines = open(sys.argv[1]).read().splitlines()
for i, line in enumerate(lines):
    d = json.loads(line)
    out = subprocess.run([sys.argv[2], "-m", sys.argv[3], "-p", d["prompt"], "-n", "64", "--temp", "0",
                          "-no-cnv", "-t", "2", "--no-display-prompt", "--no-warmup", "-c", "2048"],
                         capture_output=True, text=True, errors="replace").stdout
    out = out.split(" [end of text]")[0]
    ok = out.rstrip() == d["text"].rstrip()
    print(f"prompt {i}: {len(d['prompt_ids'])} prompt tokens, {len(d['generated'])} generated, llama-completion {'agrees' if ok else 'DIFFERS'}")
    if not ok:
        print("  reference:", repr(d["text"]), "\n  completion:", repr(out))
        sys.exit(1)
PY
