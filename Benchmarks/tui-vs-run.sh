#!/usr/bin/env bash
# Decode speed inside the full-screen app against headless `genplay run`, same model, same
# prompt, greedy (so both produce the same reply), runs alternated. The app's figure is the one
# its status bar shows for the reply; run's is its "generation" figure. Needs tmux.
#   Benchmarks/tui-vs-run.sh [MODEL] [ROUNDS]      MODEL defaults to smollm2-135m-instruct
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
model=${1:-smollm2-135m-instruct} rounds=${2:-3}
prompt="Write a short story about a lighthouse keeper who finds a message in a bottle."
(cd "$root" && swift build -c release >&2)
genplay="$root/.build/release/genplay"
socket="genplay-bench-$$"
tmux_() { tmux -L "$socket" "$@"; }
trap 'tmux_ kill-server 2>/dev/null || true' EXIT
wait_for() {  # wait_for PATTERN SECONDS
    local deadline=$((SECONDS + $2))
    while [ $SECONDS -lt $deadline ]; do tmux_ capture-pane -p -t b | grep -q -- "$1" && return 0; sleep 0.1; done
    echo "did not see '$1' within $2 s" >&2; tmux_ capture-pane -p -t b >&2; exit 1
}

app_rate() {
    export XDG_DATA_HOME=$(mktemp -d)   # keep the benchmark's chats out of the user's list
    tmux_ new-session -d -s b -x 120 -y 40 "TERM=xterm-256color $genplay -m $model --temp 0"
    wait_for "ctx 0/" 60
    tmux_ send-keys -t b -l "$prompt"
    tmux_ send-keys -t b Enter
    wait_for "Esc stop" 10
    wait_for "Enter send" 300
    tmux_ capture-pane -p -t b | grep -o '[0-9.]* tok/s' | tail -1 | cut -d' ' -f1
    tmux_ kill-session -t b
    rm -rf "$XDG_DATA_HOME"
}

run_rate() {
    "$genplay" run -m "$model" --chat -p "$prompt" --temp 0 -n 4096 2>&1 >/dev/null \
        | sed -n 's/.*generation: [0-9]* tokens, \([0-9.]*\) tok\/s.*/\1/p'
}

apps=() runs=()
for ((i = 1; i <= rounds; i++)); do
    runs+=("$(run_rate)")
    apps+=("$(app_rate)")
    echo "round $i: run ${runs[-1]} tok/s, app ${apps[-1]} tok/s" >&2
done
python3 - "${runs[*]}" "${apps[*]}" <<'PY'
import statistics, sys
run, app = ([float(x) for x in s.split()] for s in sys.argv[1:3])
r, a = statistics.median(run), statistics.median(app)
print("| measure | genplay run | genplay (app) | app / run |\n| --- | ---: | ---: | ---: |")
print(f"| decode tok/s, median of {len(run)} | {r:.1f} | {a:.1f} | {a / r:.3f} |")
PY
