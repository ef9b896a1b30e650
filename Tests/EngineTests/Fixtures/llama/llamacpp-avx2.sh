#!/usr/bin/env bash
# Builds llama.cpp 0.3.36 (the source the anchor unpacks, as .ci/run fetches it) for plain x86-64
# AVX2+FMA+F16C (GGML_NATIVE=OFF, no AVX-512: the arithmetic genplay's kernels follow) into the
# genplay cache, only the targets named (and only those not built yet), and prints its bin folder.
# Usage: llamacpp-avx2.sh TARGET...   (llama-completion, llama-tokenize, llama-perplexity, llama-quantize)
#        llamacpp-avx2.sh --source     prints the source folder only
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../../.." && pwd)
version=${LLAMACPP_PY_VERSION:-0.3.36}
src=${LLAMACPP_ANCHOR_DIR:-$HOME/.cache/llamacpp-anchor}/$version/src/vendor/llama.cpp
[ -d "$src/models" ] || src=$(cd "$("$root/../shared/tools/llamacpp-anchor")/../.." && pwd)
[ "${1:-}" = --source ] && { echo "$src"; exit 0; }
grep -qw avx2 /proc/cpuinfo || { echo "llamacpp-avx2.sh: ggml's AVX2 build needs an AVX2 host" >&2; exit 1; }
build=${XDG_CACHE_HOME:-$HOME/.cache}/genplay/llamacpp-avx2/$version/build
missing=()
for target in "$@"; do [ -x "$build/bin/$target" ] || missing+=("$target"); done
if [ ${#missing[@]} -gt 0 ]; then
  command -v cmake >/dev/null || { echo "llamacpp-avx2.sh: building llama.cpp needs cmake (apt-get install cmake)" >&2; exit 1; }
  echo "llamacpp-avx2.sh: building ${missing[*]} for AVX2 in $build (llama-quantize alone: about 4 minutes on 2 cores; all four: about 15)" >&2
  [ -f "$build/CMakeCache.txt" ] || cmake -S "$src" -B "$build" -DCMAKE_BUILD_TYPE=Release -DLLAMA_CURL=OFF -DGGML_NATIVE=OFF \
      -DGGML_AVX=ON -DGGML_AVX2=ON -DGGML_FMA=ON -DGGML_F16C=ON -DGGML_BMI2=ON \
      -DLLAMA_BUILD_TESTS=OFF -DLLAMA_BUILD_SERVER=OFF >&2
  cmake --build "$build" -j"$(nproc)" --target "${missing[@]}" >&2
fi
echo "$build/bin"
