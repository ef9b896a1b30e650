#!/usr/bin/env bash
# libFuzzer on everything that reads a saved chat: the chat-file reader and its bounds
# (ChatFileReader), then the app showing what opened — the chat at two sizes, its token view,
# the picker (Fuzz/Sources/ChatFileFuzzer). Issue 26 asks for 1,000,000 executions and no crash.
#
#   Scripts/fuzz-chat.sh [RUNS [LIBFUZZER_FLAGS...]]     default: 1000000 runs
#
# Built optimised with -sanitize=fuzzer: the code under test is Swift, whose bounds and
# overflow checks trap in every build (AddressSanitizer is for fuzz-gguf.sh's C kernels).
# Starts from Fuzz/chat-seeds; inputs that reach new code go to Fuzz/.build/chat-corpus, a
# crashing input to Fuzz/.build/chat-artifacts/. Runs at nice 19.
set -euo pipefail
cd "$(dirname "$0")/../Fuzz"
runs=${1:-1000000}
shift || true
swift build -c release --product ChatFileFuzzer -Xswiftc -sanitize=fuzzer 2>&1 | { grep -v "Cannot export local symbol" || true; }
[ "${PIPESTATUS[0]}" -eq 0 ] || exit 1
mkdir -p .build/chat-corpus .build/chat-artifacts
exec nice -n 19 .build/release/ChatFileFuzzer -runs="$runs" -rss_limit_mb=1024 -max_len=65536 -dict=chat.dict \
    -artifact_prefix=.build/chat-artifacts/ -print_final_stats=1 "$@" .build/chat-corpus chat-seeds
