#!/bin/bash
# Quitting the app while its download offer runs leaves no pip and no staging folder behind
# (issue 27 item 3). Needs tmux and a built genplay; pip is a fake (GENPLAY_PIP) that sleeps
# in a child of its own, so only killing pip's whole process group ends it.
#   Scripts/check-app-quit-download.sh [path/to/genplay]
set -u
genplay=${1:-.build/release/genplay}
work=$(mktemp -d)
session=genplay-quit-$$
trap 'tmux kill-session -t "$session" 2>/dev/null; rm -rf "$work"' EXIT
cat > "$work/fake-pip" <<SCRIPT
#!/bin/sh
echo \$\$ > "$work/pip.pid"
sleep 120 &
echo \$! > "$work/sleep.pid"
wait
SCRIPT
chmod +x "$work/fake-pip"
tmux new-session -d -s "$session" -x 120 -y 35 \
    "env XDG_CACHE_HOME=$work/cache XDG_DATA_HOME=$work/data XDG_CONFIG_HOME=$work/config GENPLAY_PIP=$work/fake-pip $genplay; touch $work/ended; sleep 60"
sleep 3
tmux send-keys -t "$session" y         # accept the offer to download the default model
for _ in $(seq 50); do [ -s "$work/sleep.pid" ] && break; sleep 0.1; done
[ -s "$work/sleep.pid" ] || { echo "FAIL: the download did not start"; exit 1; }
tmux send-keys -t "$session" C-q       # quit, and confirm: a download is running
sleep 1
tmux send-keys -t "$session" y
for _ in $(seq 50); do [ -e "$work/ended" ] && break; sleep 0.1; done
sleep 0.5
status=0
[ -e "$work/ended" ] || { echo "FAIL: the app did not quit"; status=1; }
for name in pip sleep; do
    pid=$(cat "$work/$name.pid")
    if kill -0 "$pid" 2>/dev/null && ! grep -q '^State:.*Z' "/proc/$pid/status"; then
        echo "FAIL: the fake pip's $name (pid $pid) outlived the app"; kill -9 "$pid"; status=1
    fi
done
left=$(ls -A "$work/cache/genplay/models" 2>/dev/null | grep '^\.pull-')
[ -z "$left" ] || { echo "FAIL: left behind: $left"; status=1; }
[ $status = 0 ] && echo "ok: quitting mid-download left no pip and no staging folder"
exit $status
