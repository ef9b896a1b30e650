#!/usr/bin/env bash
# Time to first token and decode speed as an OpenAI client sees them: `genplay serve` and
# llama-server on the same model, same threads, runs alternated; `genplay run`'s own figures
# beside them (no HTTP). Prints medians and the ratios genplay / llama-server.
#
#   Benchmarks/serve-vs-llama-server.sh [MODEL.gguf] [RUNS] [TOKENS]
#
# llama-server: $LLAMA_SERVER, else one on the PATH or in ~/.cache/genplay/llamacpp-server/bin;
# without one, serve is compared with run only.
set -euo pipefail
cd "$(dirname "$0")/.."
model=${1:-$HOME/.cache/genplay/models/SmolLM2-135M-Instruct.Q4_1.gguf}
runs=${2:-5} tokens=${3:-128} threads=2
genplay=.build/release/genplay
server=${LLAMA_SERVER:-$(command -v llama-server || ls "$HOME"/.cache/genplay/llamacpp-server/bin/llama-server 2>/dev/null || true)}
[ -x "$genplay" ] || swift build -c release >/dev/null
[ -n "$server" ] && [ -x "$server" ] || { echo "no llama-server (set LLAMA_SERVER): comparing serve with run only"; server=""; }
prompt="Write a short story about a lighthouse keeper who finds a message in a bottle. It begins on a stormy night, when"

wait_up() { for _ in $(seq 300); do curl -sf "http://127.0.0.1:$1/health" >/dev/null && return 0; sleep 0.2; done; echo "server on $1 did not start"; exit 1; }
"$genplay" serve -m "$model" --port 18080 -t $threads 2>/dev/null & genplay_pid=$!
llama_pid=""
if [ -n "$server" ]; then "$server" -m "$model" --port 18081 -t $threads -c 2048 >/dev/null 2>&1 & llama_pid=$!; fi
trap 'kill $genplay_pid $llama_pid 2>/dev/null || true' EXIT
wait_up 18080; [ -z "$server" ] || wait_up 18081

results=$(mktemp)
for run in $(seq "$runs"); do
    # A different first word each run, so neither server finds the prompt in its cache.
    p="Story $run. $prompt"
    echo "genplay $(python3 Benchmarks/serve_timing.py http://127.0.0.1:18080/v1 "$p" "$tokens")" >> "$results"
    [ -z "$server" ] || echo "llama $(python3 Benchmarks/serve_timing.py http://127.0.0.1:18081/v1 "$p" "$tokens")" >> "$results"
    "$genplay" run -m "$model" -p "$p" -n "$tokens" --temp 0 -t $threads 2>&1 >/dev/null \
        | sed -n 's/.*prompt: \([0-9]*\) tokens, \([0-9.]*\) tok\/s | generation: [0-9]* tokens, \([0-9.]*\) tok\/s.*/run {"prompt_tokens": \1, "pp_s": \2, "tok_s": \3}/p' >> "$results"
done
python3 - "$results" "$model" "$runs" "$tokens" <<'PY'
import json, statistics, sys
rows = {}
for line in open(sys.argv[1]):
    name, data = line.split(" ", 1)
    rows.setdefault(name, []).append(json.loads(data))
med = lambda name, key: statistics.median(r[key] for r in rows[name])
run_ttft = statistics.median(r["prompt_tokens"] / r["pp_s"] for r in rows["run"])
print(f"model {sys.argv[2].split('/')[-1]}, {sys.argv[3]} runs alternated, {sys.argv[4]} tokens, 2 threads, medians")
print(f"{'':16}{'first token (ms)':>18}{'decode tok/s':>14}")
print(f"{'genplay serve':16}{med('genplay', 'ttft') * 1000:18.1f}{med('genplay', 'tok_s'):14.1f}")
if "llama" in rows:
    print(f"{'llama-server':16}{med('llama', 'ttft') * 1000:18.1f}{med('llama', 'tok_s'):14.1f}")
print(f"{'genplay run':16}{run_ttft * 1000:18.1f}{med('run', 'tok_s'):14.1f}   (prompt evaluation only, no HTTP)")
if "llama" in rows:
    print(f"serve / llama-server: first token {med('llama', 'ttft') / med('genplay', 'ttft'):.2f}x as fast, decode {med('genplay', 'tok_s') / med('llama', 'tok_s'):.2f}x")
print(f"serve / run: decode {med('genplay', 'tok_s') / med('run', 'tok_s'):.2f}x")
PY
rm -f "$results"
