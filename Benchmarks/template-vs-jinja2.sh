#!/usr/bin/env bash
# Time to render a 100-turn chat (with tool definitions) through a few real chat templates:
# genplay's Jinja interpreter against Python's jinja2 on the same machine, in one run.
# Needs llama.cpp's source (../shared/tools/llamacpp-anchor or .ci/run fetches it) and jinja2.
set -euo pipefail
cd "$(dirname "$0")/.."
templates="${LLAMACPP_ANCHOR_DIR:-$HOME/.cache/llamacpp-anchor}/${LLAMACPP_PY_VERSION:-0.3.36}/src/vendor/llama.cpp/models/templates"
swift build -c release >/dev/null
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 - "$work" <<'PY'
import json, sys
messages = [{"role": "system", "content": "You are a helpful assistant."}]
for i in range(50):
    messages.append({"role": "user", "content": f"Question {i}: what is {i} squared? Say \"why\", é ü 日本."})
    messages.append({"role": "assistant", "content": f"<think>easy</think>{i} squared is {i * i}.\nDone."})
tools = [{"type": "function", "function": {"name": "get_weather", "description": "Today's weather.",
          "parameters": {"type": "object", "properties": {"city": {"type": "string"}}, "required": ["city"]}}}]
json.dump(messages, open(sys.argv[1] + "/chat.json", "w"))
json.dump(tools, open(sys.argv[1] + "/tools.json", "w"))
PY
printf '| template (100 turns + tools) | genplay ms | jinja2 ms | jinja2 / genplay |\n| --- | ---: | ---: | ---: |\n'
for name in Qwen-Qwen3-0.6B meta-llama-Llama-3.1-8B-Instruct deepseek-ai-DeepSeek-R1-Distill-Qwen-32B HuggingFaceTB-SmolLM3-3B; do
    [ -f "$templates/$name.jinja" ] || continue
    ours=$(.build/release/genplay template "$templates/$name.jinja" "$work/chat.json" --tools "$work/tools.json" --add-generation-prompt --time 2>&1 >/dev/null | awk '{print $2}')
    theirs=$(python3 Benchmarks/template_jinja2.py "$templates/$name.jinja" "$work/chat.json" "$work/tools.json" | awk '{print $2}')
    awk -v n="$name" -v a="$ours" -v b="$theirs" 'BEGIN { printf "| %s | %.3f | %.3f | %.2f× |\n", n, a, b, b / a }'
done
