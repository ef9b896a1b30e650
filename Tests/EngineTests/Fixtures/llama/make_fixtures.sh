#!/usr/bin/env bash
# Regenerates the llama.cpp parity fixtures of one model (or of all of them):
#   smollm2  SmolLM2-135M-Instruct Q4_1, prompts from prompts.txt
#   gemma3   Gemma 3 270M Q4_K_M, prompts from gemma3-prompts.txt
#   random-llama3, random-qwen2, random-qwen3, random-phi3 (or `random` for the four)
#            the random-weight models of Tests/TestSupport/RandomModels.swift, prompts from
#            random-prompts.txt, 32 tokens: the test suite writes them (RandomModelParityTests
#            with $GENPLAY_RANDOM_MODELS set), and random-NAME.sha256 records the file's hash;
#            random-NAME-Q8_0 and random-NAME-Q4_K_M are those files quantized by llama-quantize
# For model NAME it writes
#   NAME-greedy.jsonl      one line per prompt: the prompt, llama.cpp's prompt ids, up to 64 greedy
#                          tokens, the top-2 logits of every step, the first step's 64 best
#                          (id, logit) pairs, and the continuation's text
#   NAME-first-logits.f32  all first-step logits of the first prompt (little-endian floats)
# Prompts files hold prompts separated by a line "__genplay_prompt__"; a prompt is used byte for
# byte (chat prompts are written out in the model's template), tokenized with the model's BOS and
# with special tokens parsed, as llama-completion does.
# Decoding: greedy, context 2048, 2 threads, the whole prompt in one llama_decode (ubatches of 512),
# llama-completion's default context settings (see reference.cpp).
# End of generation: a continuation is 64 tokens, or stops right after the first end-of-generation
# token of the model (llama_vocab_is_eog: SmolLM2 <|endoftext|> 0, <|im_end|> 2, <reponame> 4;
# Gemma 3 <eos> 1, <end_of_turn> 106, </s> 212), which is recorded as the last id of "generated"
# (with its top-2) and adds nothing to "text". llama-completion stops at the same token and
# prints " [end of text]"; the cross-check requires that it prints exactly the same text and ends
# on an end token exactly when the reference does. The same rule holds for every model.
# Near-ties (top-2 margin < 1e-4) are counted per prompt in the cross-check's report.
# Perplexity: NAME-perplexity.json holds llama-perplexity's result on perplexity-sonnets.txt
# (Shakespeare's sonnets I-XV) with -c 512 -t 2: "ppl", "error" (its "± Y") and the running
# per-chunk values; `make_fixtures.sh perplexity-NAME` makes only that file.
# llama.cpp: the source that ../../../../../shared/tools/llamacpp-anchor unpacks, built once more
# by llamacpp-avx2.sh for plain x86-64 AVX2+FMA+F16C (GGML_NATIVE=OFF, no AVX-512) into the genplay cache. The
# anchor's own build is -march=native, and on an AVX-512 host ggml's float kernels (16-lane sums)
# give logits up to ~0.7 away from the AVX2 ones, which changes greedy continuations; the AVX2
# build reproduces the committed SmolLM2 fixtures byte for byte, and it is ggml's AVX2 order that
# the engine's kernels follow. Needs an AVX2 host (any x86-64 since ~2013).
# It builds reference.cpp against that llama.cpp, and replaces the fixtures only when every
# continuation agrees with its llama-completion's.
# Usage: make_fixtures.sh [smollm2|gemma3|random|random-NAME[-Q8_0|-Q4_K_M]|all] [MODEL.gguf]
#   (default all; MODEL.gguf overrides the model pulled into the genplay cache, one model only)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../../.." && pwd)
which=${1:-all}
models=${XDG_CACHE_HOME:-$HOME/.cache}/genplay/models
random_models=${GENPLAY_RANDOM_MODELS:-${XDG_CACHE_HOME:-$HOME/.cache}/genplay/random-models}
if [ "$which" = all ] || [ "$which" = random ]; then
  [ $# -le 1 ] || { echo "make_fixtures.sh: MODEL.gguf needs one model name" >&2; exit 2; }
  if [ "$which" = all ]; then bash "$0" smollm2; bash "$0" gemma3; fi
  mkdir -p "$random_models"
  (cd "$root" && GENPLAY_RANDOM_MODELS="$random_models" swift test -c release -Xswiftc -enable-testing \
      --filter RandomModelParityTests/loadsAsItsArchitecture >&2)
  for name in llama3 qwen2 qwen3 phi3; do
    for variant in "" -Q8_0 -Q4_K_M; do GENPLAY_RANDOM_MODELS="$random_models" bash "$0" "random-$name$variant"; done
  done
  exit 0
fi
n_predict=64
only_perplexity=0
case "$which" in perplexity-*) only_perplexity=1 which=${which#perplexity-} ;; esac
case "$which" in
  smollm2) model=$models/SmolLM2-135M-Instruct.Q4_1.gguf prompts=prompts.txt ;;
  gemma3)  model=$models/gemma-3-270m-q4_k_m.gguf        prompts=gemma3-prompts.txt ;;
  random-llama3|random-qwen2|random-qwen3|random-phi3)
    model=$random_models/$which.gguf prompts=random-prompts.txt n_predict=32
    [ -f "$model" ] || { echo "make_fixtures.sh: $model is missing: run make_fixtures.sh random" >&2; exit 1; } ;;
  random-*-Q8_0|random-*-Q4_K_M)
    model=$random_models/$which.gguf prompts=random-prompts.txt n_predict=32 quantize_from=$random_models/${which%-*}.gguf
    [ -f "$model" ] || [ -f "$quantize_from" ] || { echo "make_fixtures.sh: $quantize_from is missing: run make_fixtures.sh random" >&2; exit 1; } ;;
  *) echo "usage: make_fixtures.sh [smollm2|gemma3|random|random-NAME[-Q8_0|-Q4_K_M]|all] [MODEL.gguf]" >&2; exit 2 ;;
esac
model=${2:-$model}
bin=$("$here/llamacpp-avx2.sh" llama-completion llama-tokenize llama-perplexity llama-quantize)
src=$("$here/llamacpp-avx2.sh" --source)
if [ ! -f "$model" ] && [ -n "${quantize_from:-}" ]; then
  "$bin/llama-quantize" "$quantize_from" "$model" "${which##*-}" 2 >&2
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

"$bin/llama-perplexity" -m "$model" -f "$here/perplexity-sonnets.txt" -c 512 -t 2 > "$work/ppl.out" 2>&1
python3 - "$work/ppl.out" "$here/$which-perplexity.json" <<'PY'
import json, re, sys
out = open(sys.argv[1], encoding="utf-8", errors="replace").read()
final = re.search(r"Final estimate: PPL = ([0-9.]+) \+/- ([0-9.]+)", out)
running = [float(v) for v in re.findall(r"\[\d+\]([0-9.]+),", out)]
assert final and running, out[-2000:]
json.dump({"file": "perplexity-sonnets.txt", "context": 512, "ppl": float(final[1]), "error": float(final[2]),
           "running": running}, open(sys.argv[2], "w"))
print(f"perplexity: PPL = {final[1]} +/- {final[2]} over {len(running)} chunks")
PY
[ "$only_perplexity" = 1 ] && exit 0

g++ -O2 -std=c++17 "$here/reference.cpp" -I"$src/include" -I"$src/ggml/include" -L"$bin" \
    -lllama -lggml -lggml-base -Wl,-rpath,"$bin" -o "$work/reference"
"$work/reference" "$model" --eog-ids > "$work/eog-ids"
start=$SECONDS
"$work/reference" "$model" "$here/$prompts" "$n_predict" "$work/$which-first-logits.f32" > "$work/$which-greedy.jsonl"
echo "$which: reference generation took $((SECONDS - start)) s"

# Cross-check: llama-completion must print the same continuation text, and end it the same way.
python3 - "$work/$which-greedy.jsonl" "$bin/llama-completion" "$model" "$n_predict" "$work/eog-ids" <<'PY'
import json, subprocess, sys
path, completion, model, n_predict, eog_path = sys.argv[1:]
eog = {int(t) for t in open(eog_path).read().split()}
lines = open(path, encoding="utf-8").read().splitlines()
for i, line in enumerate(lines):
    d = json.loads(line)
    ref_eog = d["generated"][-1] in eog
    assert len(d["generated"]) == int(n_predict) or ref_eog
    out = subprocess.run([completion, "-m", model, "-p", d["prompt"], "-n", n_predict, "--temp", "0",
                          "-no-cnv", "-t", "2", "--no-display-prompt", "--no-warmup", "-c", "2048"],
                         capture_output=True).stdout
    # llama-completion prints the continuation, " [end of text]\n" if it stopped at an end token,
    # then "\n\n".
    body = out[:-2] if out.endswith(b"\n\n") else None
    out_eog = body is not None and body.endswith(b" [end of text]\n")
    if out_eog:
        body = body[:-len(b" [end of text]\n")]
    ok = body == bytes.fromhex(d["text_hex"]) and out_eog == ref_eog
    near = sum(1 for a, b in d["top2"] if a - b < 1e-4)
    print(f"prompt {i}: {len(d['prompt_ids'])} prompt tokens, {len(d['generated'])} generated"
          f"{' (ended on ' + str(d['generated'][-1]) + ')' if ref_eog else ''}, {near} near-ties (<1e-4),"
          f" llama-completion {'agrees' if ok else 'DIFFERS'}")
    if not ok:
        print("  reference:", repr(bytes.fromhex(d["text_hex"])), "end token" if ref_eog else "", "\n  completion:", repr(out))
        sys.exit(1)
PY
cp "$work/$which-greedy.jsonl" "$work/$which-first-logits.f32" "$here/"
case "$which" in random-*) sha256sum "$model" | cut -d' ' -f1 > "$here/$which.sha256" ;; esac
