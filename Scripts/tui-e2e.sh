#!/usr/bin/env bash
# End-to-end check of the full-screen app under tmux (issues 6, 7, 8 and 21):
# start it, type a message, see tokens stream, raise the temperature mid-stream, press Esc,
# open the Diffusion, GAN and VAE tabs and step the diffusion run forward and back,
# resize the pane (at 60×15 edit the sampler and read the help), see a notice after an idle spell, send Esc and F2 together, quit, and check
# that the terminal is back in normal mode. Then start it
# again for each way it can end mid-stream — SIGINT, SIGTERM, SIGHUP, SIGQUIT, crash signals
# sent with kill (SIGILL, SIGSEGV, SIGABRT), and a real fatal error: the model file truncated
# under the running app, so the next token's embedding read faults (SIGBUS: one plain line, no
# crash report) — and check the terminal each time: same `stty -a`, main screen, keypad and
# mouse modes off, cursor shown.
#
#   Scripts/tui-e2e.sh [GENPLAY [MODEL.gguf]]     default: .build/debug/genplay --demo
#
# The app runs on a copy of MODEL (the copy is truncated). Chats go where XDG_DATA_HOME says.
# Needs tmux. Exits non-zero with a message on the first failed check.
set -euo pipefail

genplay=${1:-.build/debug/genplay}
socket="genplay-e2e-$$"
before="/tmp/$socket.before" after="/tmp/$socket.after" model="/tmp/$socket.gguf"
if [ $# -ge 2 ]; then cp "$2" "$model"; command=("$genplay" -m "$model"); else command=("$genplay" --demo); fi
tmux_() { tmux -L "$socket" "$@"; }
screen() { tmux_ capture-pane -p -t e2e; }
fail() { echo "FAIL: $*"; echo "--- screen ---"; screen || true; tmux_ kill-server 2>/dev/null || true; exit 1; }
wait_for() {  # wait_for PATTERN SECONDS
    local deadline=$((SECONDS + $2))
    while [ $SECONDS -lt $deadline ]; do screen | grep -q -- "$1" && return 0; sleep 0.2; done
    fail "did not see '$1' within $2 s"
}
pane() { tmux_ display -p -t e2e "$1"; }

# Starts the app in the pane's shell, which records `stty -a` before and after and then the
# exit status. Swift's crash backtracer prints without waiting for a key.
start_app() {
    tmux_ send-keys -t e2e "clear; stty -a > $before; TERM=xterm-256color SWIFT_BACKTRACE=interactive=no ${command[*]}; status=\$?; stty -a > $after; echo E2E-EXIT=\$status" Enter
    wait_for "genplay  1 Chat" 30
}

# expect_restored WHAT STATUS: the app ended with STATUS and left the terminal as it found it.
expect_restored() {
    wait_for "E2E-EXIT=$2" 15
    [ "$(pane '#{alternate_on}')" = "0" ] || fail "$1: still on the alternate screen"
    [ "$(pane '#{keypad_cursor_flag}#{keypad_flag}')" = "00" ] || fail "$1: keypad mode still on"
    [ "$(pane '#{mouse_any_flag}#{mouse_button_flag}#{mouse_standard_flag}#{mouse_sgr_flag}')" = "0000" ] || fail "$1: mouse reporting still on"
    [ "$(pane '#{cursor_flag}')" = "1" ] || fail "$1: cursor hidden"
    diff -q "$before" "$after" >/dev/null || fail "$1: terminal modes differ after exit (stty -a): $(diff "$before" "$after" | tr '\n' ' ')"
}

tmux_ new-session -d -s e2e -x 100 -y 30 "bash --norc --noprofile"
trap 'tmux_ kill-server 2>/dev/null || true; rm -f "$before" "$after" "$model"' EXIT
# No core files; SIGINT ignored by the shell itself, or bash would drop the rest of the
# command line (the status and `stty -a`) when the app dies of it.
tmux_ send-keys -t e2e "ulimit -c 0; trap '' INT" Enter

start_app
tmux_ send-keys -t e2e "one two three four five six seven eight nine ten eleven twelve thirteen fourteen" Enter
wait_for "generating" 30
wait_for "[0-9] tokens" 30           # tokens are streaming in
tmux_ send-keys -t e2e F2 Right Right Right
wait_for "Temperature         0.95" 5
tmux_ send-keys -t e2e Escape        # back from the sampler panel
tmux_ send-keys -t e2e Escape        # stop generating
sleep 0.5
screen | grep -q "generating" && fail "still generating after Esc"
# Alt-y copies the answer through OSC 52 (issue 20); tmux, with set-clipboard on, keeps it as
# a paste buffer. Its first word is the answer's, on screen.
tmux_ set -s set-clipboard on
tmux_ send-keys -t e2e M-y
wait_for "Copied the answer" 5
copied=$(tmux_ show-buffer 2>/dev/null || true)
[ -n "$copied" ] || fail "Alt-y: no OSC 52 reached tmux"
first_word=$(printf '%s' "$copied" | awk 'NF { print $1; exit }')
screen | grep -qF -- "$first_word" || fail "Alt-y copied '${copied:0:60}', which is not on screen"

# The image tabs (issue 7): each loads its model when first opened (Checkpoints/ beside the
# binary); the diffusion run steps forward and back over the steps it keeps; then the chat again.
press_until() {  # press_until KEY PATTERN: press KEY until PATTERN shows (steps arrive as computed)
    local deadline=$((SECONDS + 60))
    while [ $SECONDS -lt $deadline ]; do
        tmux_ send-keys -t e2e "$1"; sleep 0.3
        screen | grep -q -- "$2" && return 0
    done
    fail "pressing $1 did not bring '$2'"
}
tmux_ send-keys -t e2e M-2
wait_for "step 1/50 · t 999 · ᾱ_t" 60
press_until Right "step 3/50 · t 959"
tmux_ send-keys -t e2e Left
wait_for "step 2/50 · t 979" 5
tmux_ send-keys -t e2e M-3
wait_for "sample 1/16 · " 60
tmux_ send-keys -t e2e M-4
wait_for "z = (" 60
tmux_ send-keys -t e2e M-1
wait_for "Message" 5
tmux_ resize-window -t e2e -x 60 -y 20
wait_for "Message" 5
# At 60×15 (issue 21) the focused sampler panel still shows, its rows scrolled to the one
# edited, and the help wraps its actions instead of cutting them.
tmux_ resize-window -t e2e -x 60 -y 15
wait_for "Message" 5
tmux_ send-keys -t e2e Tab
wait_for "▸ Temperature" 5
tmux_ send-keys -t e2e Down Down Down Down Down Down
wait_for "▸ Stop strings" 5
tmux_ send-keys -t e2e Up Up Up Up Up Up Escape
tmux_ send-keys -t e2e F1
wait_for "Keys · Esc closes" 5
press_until NPage "Token view: move over tokens, see *│"
screen | grep -q "^│ *alternatives, branch *│" || fail "the help's wrapped line"
tmux_ send-keys -t e2e Escape
tmux_ resize-window -t e2e -x 20 -y 5
wait_for "too small" 5
tmux_ resize-window -t e2e -x 100 -y 30
wait_for "genplay  1 Chat" 5
# After an idle spell with nothing animating, a notice still shows (issue 21): the app's clock
# is read at each key, not only on animation frames.
sleep 6
tmux_ send-keys -t e2e C-n
wait_for "New chat." 2
# Esc then F2, sent together, is Esc and then F2, not Alt-F2: the shown sampler panel hides
# at that F2 and comes back focused at the next.
wait_for "Temperature         0.95" 5
tmux_ send-keys -t e2e Escape F2 F2 Right
wait_for "Temperature         1.00" 5
tmux_ send-keys -t e2e Escape
sleep 0.5                            # or Esc and the Ctrl-C below read as Alt-Ctrl-C
tmux_ send-keys -t e2e C-c
expect_restored "quit with Ctrl-C" 0

chats="${XDG_DATA_HOME:-$HOME/.local/share}/genplay/chats"
for signal in INT TERM HUP QUIT ILL SEGV ABRT; do
    start_app
    tmux_ send-keys -t e2e "Tell me a long story about the sea." Enter
    wait_for "generating" 30
    wait_for "[0-9] tokens" 30
    app=$(pgrep -P "$(pane '#{pane_pid}')")
    kill -s "$signal" "$app"
    expect_restored "SIG$signal mid-stream" $((128 + $(kill -l "$signal")))
    case $signal in INT | TERM | HUP)
        # The reply so far is in the chat file, marked as interrupted (issue 26).
        chat=$(ls -t "$chats"/*.json | head -1)
        grep -q "interrupted (genplay got SIG$signal)" "$chat" || fail "SIG$signal: the partial reply was not saved in $chat"
    esac
done

if [ -f "$model" ]; then
    start_app
    tmux_ send-keys -t e2e "Tell me a long story about the sea." Enter
    wait_for "generating" 30
    : > "$model"
    expect_restored "model file truncated mid-stream" $((128 + $(kill -l BUS)))
    screen | grep -q "truncated or changed on disk" || fail "model file truncated: no plain message"
    ! screen | grep -q "Program crashed" || fail "model file truncated: a crash report instead of a message"
fi
echo "PASS: tui-e2e"
