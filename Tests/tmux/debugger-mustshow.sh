#!/usr/bin/env bash
# Issue 20's must-show, in the real ncurses UI in tmux at 120x40 on first-transfer, as a gdb
# user would type it: an unknown function is refused by name; a watch hit names the accessor
# with the old and new bytes; `:break dma_map_single` then `c` stops before the call, with the
# buffer's lines still dirty (the clean has not run); an rwatch hit names the device and the
# value it read. Then `run --headless --strict` on the wrong-size unmap exits non-zero naming
# `different size` on stderr, and 0 without --strict.
# Usage: Tests/tmux/debugger-mustshow.sh PATH/TO/dmascope
set -euo pipefail
bin="$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"
root="$(cd "$(dirname "$0")/../.." && pwd)"
session="dmascope-debugger-$$"
sock="dmascope-debugger-$$"
t() { tmux -L "$sock" "$@"; }
scratch="$(mktemp -d)"
cleanup() {
  t kill-server >/dev/null 2>&1 || true
  rm -rf "$scratch"
}
trap cleanup EXIT

screen() { t capture-pane -t "$session" -p; }
fail() {
  echo "debugger must-show FAILED: $*" >&2
  echo "--- screen ---" >&2
  screen >&2 || true
  exit 1
}
# Waits until the screen contains a fixed string.
wait_for() {
  for _ in $(seq 1 100); do
    if screen | grep -qF -- "$1"; then return 0; fi
    sleep 0.05
  done
  fail "timed out waiting for: $1"
}
shows() { screen | grep -qF -- "$1" || fail "not on screen: $1"; }
# Types a `:` command and runs it.
command() {
  t send-keys -t "$session" ":"
  wait_for ":_"
  t send-keys -t "$session" -l "$1"
  wait_for ":$1_"
  t send-keys -t "$session" Enter
}

t new-session -d -s "$session" -x 120 -y 40 "env PS1='$ ' TERM=xterm-256color bash --norc --noprofile"
wait_for '$'
t send-keys -t "$session" "$bin run first-transfer; echo EXIT=\$?" Enter
wait_for "step 0  tick 0  paused"

# An unknown function is refused, by name.
command "break nosuchfunc"
wait_for 'no function `nosuchfunc`'

# Before the fill (line 14), watch the buffer: the CPU's store is named with old and new bytes.
command "tbreak 14"
t send-keys -t "$session" c
wait_for "before line 14"
command "watch buf"
wait_for "Hardware watchpoint 2: watch 0x42000000 128"
t send-keys -t "$session" c
wait_for "Hardware watchpoint 2 (watch 0x42000000 128) at step 4"
shows "CPU store wrote 64 bytes: old 00 00 00 00 00 00 00 00 …, new 48 65 6c 6c 6f 2c 20 44 … at VA"
command "delete 2"

# A function breakpoint stops before the call: both lines still dirty, the owner still the CPU.
command "break dma_map_single"
wait_for "Breakpoint 3: break dma_map_single"
t send-keys -t "$session" c
wait_for "Breakpoint 3, before dma_map_single (line 19), step 5"
shows "2/128 valid 2 dirty"
shows "00.0 D 42000000"
shows "01.0 D 42000040"
shows "owner: CPU"
shows "→19 handle = dma_map_single(spi0, buf, 128, DMA_TO_DEVICE)"
if screen | grep -qF "D→C"; then fail "a line was already cleaned when the breakpoint stopped"; fi

# A read watch stops on the device's first beat, naming it and the bytes it read.
command "rwatch buf"
wait_for "Hardware read watchpoint 4: rwatch 0x42000000 128"
t send-keys -t "$session" c
wait_for "Hardware read watchpoint 4 (rwatch 0x42000000 128) at step"
shows "spi0 dma read 4 bytes: value 48 65 6c 6c at bus 0x42000000"

t send-keys -t "$session" q
wait_for "EXIT=0"

# --strict turns the driver's bugs into a failing run that names each; without it the run passes.
strict="$root/Tests/strict/wrong-size-unmap.dms"
"$bin" run "$strict" --headless >/dev/null 2>"$scratch/plain" \
  || { cat "$scratch/plain" >&2; fail "without --strict the run must exit 0"; }
if "$bin" run "$strict" --headless --strict >/dev/null 2>"$scratch/err"; then
  fail "--strict must exit non-zero on $strict"
fi
grep -q "wrong-size-unmap.dms:15: dma-debug: .*different size" "$scratch/err" \
  || { cat "$scratch/err" >&2; fail "--strict did not name 'different size' on stderr"; }
echo "debugger must-show passed"
