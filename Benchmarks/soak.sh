#!/usr/bin/env bash
# Soak: 10,000 tokens generated in one process through the app's chat backend, in a 512-token
# context so that earlier turns are dropped again and again, with a new chat every 6 messages.
# Prints a row per 500 tokens (resident memory, tok/s, chats, context shifts) and the memory
# growth after warm-up (issue 8 asks for at most 5 %).
#   Benchmarks/soak.sh [MODEL] [TOKENS]        MODEL defaults to smollm2-135m-instruct
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
(cd "$root" && swift build -c release >&2)
exec "$root/.build/release/genplay" soak -m "${1:-smollm2-135m-instruct}" -n "${2:-10000}" --every 500
