#!/usr/bin/env bash
# Drives the real ncurses UI in tmux, as a person would: open the default lesson at 120x40,
# step three times, step back once (the screen must equal the one seen going forward), check
# help, resize below the minimum and back, quit with q (exit 0, usable shell), then check that
# Ctrl-C and SIGTERM also restore the terminal.
# Usage: Tests/tmux/interactive.sh PATH/TO/dmascope
set -euo pipefail
bin="$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"
session="dmascope-test-$$"
sock="dmascope-test-$$"
t() { tmux -L "$sock" "$@"; }
cleanup() { t kill-server >/dev/null 2>&1 || true; }
trap cleanup EXIT

fail() {
  echo "tmux test FAILED: $*" >&2
  echo "--- screen ---" >&2
  t capture-pane -t "$session" -p >&2 || true
  exit 1
}

# Waits until the screen contains a fixed string.
wait_for() {
  for _ in $(seq 1 100); do
    if t capture-pane -t "$session" -p | grep -qF -- "$1"; then return 0; fi
    sleep 0.05
  done
  fail "timed out waiting for: $1"
}

screen() { t capture-pane -t "$session" -p; }

t new-session -d -s "$session" -x 120 -y 40 "env PS1='$ ' TERM=xterm-256color bash --norc --noprofile"
wait_for '$'
t send-keys -t "$session" "$bin; echo EXIT=\$?" Enter
wait_for "step 0  tick 0  paused"

for n in 1 2; do
  t send-keys -t "$session" s
  wait_for "step $n  tick"
done
before="$(screen)"
t send-keys -t "$session" s
wait_for "step 3  tick"
t send-keys -t "$session" S
wait_for "step 2  tick"
sleep 0.2
after="$(screen)"
[ "$before" == "$after" ] || fail "screen after S differs from the one seen going forward"

t send-keys -t "$session" '?'
wait_for "Esc to close"
t send-keys -t "$session" Escape
sleep 0.2
screen | grep -qF "Esc to close" && fail "help did not close"

t resize-window -t "$session" -x 60 -y 20
wait_for "terminal too small: need 80x24"
t resize-window -t "$session" -x 120 -y 40
wait_for "step 2  tick"

t send-keys -t "$session" q
wait_for "EXIT=0"
t send-keys -t "$session" "clear; stty -a | grep -o -- '-*icanon' ; echo shell-alive" Enter
wait_for "shell-alive"
screen | grep -qx "icanon" || fail "terminal left in raw mode after q"

t send-keys -t "$session" "clear; $bin; echo EXIT=\$?" Enter
wait_for "step 0  tick 0"
t send-keys -t "$session" C-c
wait_for "EXIT=130"

t send-keys -t "$session" "clear; $bin; echo EXIT=\$?" Enter
wait_for "step 0  tick 0"
pkill -TERM -f "^$bin\$" || fail "no dmascope process to signal"
wait_for "EXIT=143"
t send-keys -t "$session" "clear; stty -a | grep -o -- '-*echo ' ; echo shell-alive" Enter
wait_for "shell-alive"
screen | grep -q "^echo" || fail "terminal echo not restored after SIGTERM"
echo "tmux test passed"
