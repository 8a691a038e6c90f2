#!/usr/bin/env bash
# Terminal abuse, driven in tmux: 100 rapid resizes (1x1 and 300x100 among them) while the
# lesson runs, Ctrl-C during a run, SIGTERM during a run, and the terminal closing under it.
# Every time: no crash, the terminal restored, no process left behind. Then a recording killed
# mid-write: the file is either complete (it replays) or absent.
# Usage: Tests/tmux/abuse.sh PATH/TO/dmascope
set -euo pipefail
bin="$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"
sock="dmascope-abuse-$$"
session=abuse
t() { tmux -L "$sock" "$@"; }
work="$(mktemp -d)"
cleanup() { t kill-server >/dev/null 2>&1 || true; rm -rf "$work"; }
trap cleanup EXIT
fail() {
  echo "abuse test FAILED: $*" >&2
  t capture-pane -t "$session" -p >&2 2>/dev/null || true
  exit 1
}
wait_for() {
  for _ in $(seq 1 200); do
    t capture-pane -t "$session" -p 2>/dev/null | grep -qF -- "$1" && return 0
    sleep 0.05
  done
  fail "timed out waiting for: $1"
}
alive() { pgrep -f "^$bin\$" >/dev/null; }

t new-session -d -s "$session" -x 120 -y 40 "env PS1='$ ' TERM=xterm-256color bash --norc --noprofile"
wait_for '$'

# 1. Rapid resizes while running.
t send-keys -t "$session" "$bin; echo EXIT=\$?" Enter
wait_for "step 0  tick 0"
t send-keys -t "$session" "+" "+" " "
sizes=(1x1 300x100 80x24 2x50 250x3 1x1 120x40 300x100 79x23 81x25)
for i in $(seq 1 100); do
  size="${sizes[$((i % ${#sizes[@]}))]}"
  t resize-window -t "$session" -x "${size%x*}" -y "${size#*x}"
done
t resize-window -t "$session" -x 120 -y 40
sleep 0.3
alive || fail "dmascope died during the resizes"
wait_for "dmascope"
t send-keys -t "$session" C-c
wait_for "EXIT=130"
t send-keys -t "$session" "clear; stty -a | grep -o -- '-*icanon' ; echo shell-ok" Enter
wait_for "shell-ok"
t capture-pane -t "$session" -p | grep -qx "icanon" || fail "terminal not restored after Ctrl-C"

# 2. SIGTERM while running.
t send-keys -t "$session" "clear; $bin; echo EXIT=\$?" Enter
wait_for "step 0  tick 0"
t send-keys -t "$session" " "
sleep 0.3
pkill -TERM -f "^$bin\$" || fail "no process to terminate"
wait_for "EXIT=143"
t send-keys -t "$session" "clear; stty -a | grep -o -- '-*echo ' ; echo shell-ok" Enter
wait_for "shell-ok"
t capture-pane -t "$session" -p | grep -q "^echo" || fail "terminal not restored after SIGTERM"

# 3. The terminal closes under a running dmascope (SIGHUP): it must exit, not spin.
t send-keys -t "$session" "clear; $bin" Enter
wait_for "step 0  tick 0"
t send-keys -t "$session" " "
sleep 0.2
t kill-server
for _ in $(seq 1 100); do alive || break; sleep 0.05; done
alive && fail "dmascope kept running after its terminal closed"

# 4. A recording killed while it is being made: complete or absent, never half a file.
out="$work/killed.dmarec"
"$bin" record --keys "$(printf 's%.0s' $(seq 1 400))" --out "$out" >/dev/null 2>&1 &
pid=$!
sleep 0.05
kill -TERM "$pid" 2>/dev/null || true
wait "$pid" 2>/dev/null || true
if [ -e "$out" ]; then
  "$bin" replay "$out" --headless >/dev/null 2>&1 || fail "a killed recording left a broken file"
fi
"$bin" record --keys "sss" --out "$out" >/dev/null 2>&1
"$bin" replay "$out" --headless >/dev/null 2>&1 || fail "a complete recording does not replay"
echo "abuse test passed"
