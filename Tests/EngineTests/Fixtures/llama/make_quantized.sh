#!/usr/bin/env bash
# Makes the Q8_0 and Q4_K_M variants of the random-weight models (Tests/TestSupport/RandomModels.swift)
# with llama.cpp's llama-quantize into $GENPLAY_RANDOM_MODELS (default ~/.cache/genplay/random-models),
# where QuantizedRandomModelParityTests and PerplexityTests find them; their SHA-256 must be the
# recorded random-NAME-QUANT.sha256. The F32/F16 models are written by the test suite first.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../../.." && pwd)
dir=${GENPLAY_RANDOM_MODELS:-${XDG_CACHE_HOME:-$HOME/.cache}/genplay/random-models}
bin=$("$here/llamacpp-avx2.sh" llama-quantize)
mkdir -p "$dir"
names=(llama3 qwen2 qwen3 phi3)
for name in "${names[@]}"; do
  if [ ! -f "$dir/random-$name.gguf" ]; then
    (cd "$root" && GENPLAY_RANDOM_MODELS="$dir" swift test -c release -Xswiftc -enable-testing \
        --filter RandomModelParityTests/loadsAsItsArchitecture >&2)
    break
  fi
done
for name in "${names[@]}"; do
  for quant in Q8_0 Q4_K_M; do
    out=$dir/random-$name-$quant.gguf
    [ -f "$out" ] || "$bin/llama-quantize" "$dir/random-$name.gguf" "$out" "$quant" 2 > /dev/null 2>&1
    if [ "$(sha256sum "$out" | cut -d' ' -f1)" != "$(cat "$here/random-$name-$quant.sha256")" ]; then
      echo "make_quantized.sh: $out differs from the file the fixtures came from" >&2
      exit 1
    fi
  done
done
echo "make_quantized.sh: the quantized random-weight models are in $dir"
