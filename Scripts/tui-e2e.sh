#!/usr/bin/env bash
# End-to-end check of the full-screen app under tmux (issue 6):
# start it, type a message, see tokens stream, raise the temperature mid-stream, press Esc,
# resize the pane, quit, and check that the terminal is back in normal mode.
#
#   Scripts/tui-e2e.sh [GENPLAY_COMMAND...]      default: .build/debug/genplay --demo
#
# Needs tmux. Exits non-zero with a message on the first failed check.
set -euo pipefail

command=("$@")
[ ${#command[@]} -gt 0 ] || command=(.build/debug/genplay --demo)
socket="genplay-e2e-$$"
tmux_() { tmux -L "$socket" "$@"; }
screen() { tmux_ capture-pane -p -t e2e; }
fail() { echo "FAIL: $*"; echo "--- screen ---"; screen || true; tmux_ kill-server 2>/dev/null || true; exit 1; }
wait_for() {  # wait_for PATTERN SECONDS
    local deadline=$((SECONDS + $2))
    while [ $SECONDS -lt $deadline ]; do screen | grep -q -- "$1" && return 0; sleep 0.2; done
    fail "did not see '$1' within $2 s"
}

tmux_ new-session -d -s e2e -x 100 -y 30 "bash --norc --noprofile"
trap 'tmux_ kill-server 2>/dev/null || true' EXIT
tmux_ send-keys -t e2e "stty -a > /tmp/$socket.before; TERM=xterm-256color ${command[*]}; stty -a > /tmp/$socket.after; echo E2E-EXIT=\$?" Enter

wait_for "genplay  1 Chat" 30
tmux_ send-keys -t e2e "one two three four five six seven eight nine ten eleven twelve thirteen fourteen" Enter
wait_for "generating" 30
wait_for "[0-9] tokens" 30           # tokens are streaming in
tmux_ send-keys -t e2e F2 Right Right Right
wait_for "Temperature         0.95" 5
tmux_ send-keys -t e2e Escape        # back from the sampler panel
tmux_ send-keys -t e2e Escape        # stop generating
sleep 0.5
screen | grep -q "generating" && fail "still generating after Esc"
tmux_ resize-window -t e2e -x 60 -y 20
wait_for "Message" 5
tmux_ resize-window -t e2e -x 20 -y 5
wait_for "too small" 5
tmux_ resize-window -t e2e -x 100 -y 30
wait_for "genplay  1 Chat" 5
tmux_ send-keys -t e2e C-c
wait_for "E2E-EXIT=0" 10

[ "$(tmux_ display -p -t e2e '#{alternate_on}')" = "0" ] || fail "still on the alternate screen"
diff -q "/tmp/$socket.before" "/tmp/$socket.after" >/dev/null || fail "terminal modes differ after exit (stty -a)"
rm -f "/tmp/$socket.before" "/tmp/$socket.after"
echo "PASS: tui-e2e"
