#!/usr/bin/env bash
# genplay against llama.cpp on the same model, same thread counts, runs alternated:
# prompt processing (pp128, pp512) and generation (tg128) speed, peak RSS of a 128-token
# generation, load time and time to the first generated token for a 16-token prompt.
#   Benchmarks/vs-llamacpp.sh [MODEL.gguf] [ROUNDS]
# MODEL defaults to the cached SmolLM2-135M-Instruct Q4_1; ROUNDS (default 3) alternations.
# For figures worth quoting, run it on an otherwise idle machine.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
model=${1:-${XDG_CACHE_HOME:-$HOME/.cache}/genplay/models/SmolLM2-135M-Instruct.Q4_1.gguf}
rounds=${2:-3}
(cd "$root" && swift build -c release >&2)
bin=$("$root/../shared/tools/llamacpp-anchor")
exec python3 "$root/Benchmarks/vs_llamacpp.py" "$root/.build/release/genplay" "$bin" "$model" "$rounds"
