#!/usr/bin/env bash
# Plays the coherent-buffer lesson (soc8g: 8 GiB DRAM, 1 GiB CMA) in the real ncurses UI in
# tmux and reads each panel's content out of capture-pane: the panel is cut from the screen by
# its border (the line holding "┌ N Title" down to the matching "└"), then checked for what
# that panel must show. Also checks zoom, find (/), why (w), and the narrow layout's twin
# panels at 80x24; then the IOMMU lesson's IOVA column, the source pane and the scrolling
# help at 80x24. Usage: Tests/tmux/panels.sh PATH/TO/dmascope
set -euo pipefail
bin="$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"
session="dmascope-panels-$$"
sock="dmascope-panels-$$"
t() { tmux -L "$sock" "$@"; }
cleanup() { t kill-server >/dev/null 2>&1 || true; }
trap cleanup EXIT

fail() {
  echo "tmux panel test FAILED: $*" >&2
  echo "--- screen ---" >&2
  t capture-pane -t "$session" -p >&2 || true
  exit 1
}

screen() { t capture-pane -t "$session" -p; }

wait_for() {
  for _ in $(seq 1 200); do
    if screen | grep -qF -- "$1"; then return 0; fi
    sleep 0.05
  done
  fail "timed out waiting for: $1"
}

# Prints the inside of panel "N Title" (without its border) from the current screen.
panel() {
  screen | python3 -c '
import sys
title = "\u250c " + sys.argv[1] + " "
rows = sys.stdin.read().split("\n")
for top, row in enumerate(rows):
    left = row.find(title)
    if left < 0:
        continue
    right = row.find("\u2510", left)
    for below in rows[top + 1:]:
        if below[left:left + 1] == "\u2514":
            break
        print(below[left + 1:right])
    sys.exit(0)
sys.exit("no panel titled " + sys.argv[1])
' "$1"
}

# Waits until panel "$1" contains "$2".
expect_panel() {
  for _ in $(seq 1 100); do
    if panel "$1" 2>/dev/null | grep -qF -- "$2"; then return 0; fi
    sleep 0.05
  done
  echo "--- panel $1 ---" >&2
  panel "$1" >&2 || true
  fail "panel '$1' does not show: $2"
}

t new-session -d -s "$session" -x 200 -y 60 \
  "env PS1='$ ' TERM=xterm-256color LANG=C.UTF-8 bash --norc --noprofile"
wait_for '$'
t send-keys -t "$session" "$bin coherent-buffer; echo EXIT=\$?" Enter
wait_for "step 0  tick 0  paused"
expect_panel "6 CMA and pools" "used 0  maxchunk 262144"

t send-keys -t "$session" ":goto 40" Enter
wait_for "step 40  tick"
expect_panel "1 Address spaces" "ring dma_alloc_coherent 8 KiB"
expect_panel "1 Address spaces" "→ffff800010000000"
expect_panel "1 Address spaces" "NC mapping: no cache"
expect_panel "2 Cache" "0/512 valid"
expect_panel "3 Channel queues" "dma0chan3"
expect_panel "4 Event log" "dc cvac"
expect_panel "5 Page tables" "L3 pte[0] 00680000c000070b page"
expect_panel "5 Page tables" "MT_NORMAL_NC AttrIndx 2 MAIR 0x44"
expect_panel "5 Page tables" "linear map WB mismatched attributes"
expect_panel "6 CMA and pools" "used 2  maxchunk 262142"
expect_panel "6 CMA and pools" "ring     pfn 0xc0000 2 pages dma_alloc_coherent"

# Zoom the CMA strip to single pages, ask why its first page is allocated.
t send-keys -t "$session" 6 z z z z z z z z z z z z
expect_panel "6 CMA and pools" "1 page/cell"
t send-keys -t "$session" w
wait_for "Why: CMA reserved"
wait_for "is allocated: ring, dma_alloc_coherent"
t send-keys -t "$session" Escape
sleep 0.2
screen | grep -qF "Why: CMA" && fail "the why box did not close"

# Find the buffer by its variable.
t send-keys -t "$session" 3 / r i n g Enter
wait_for "/ring: buffer ring (by variable)"

# Run to the end: the descriptor completed, the buffer freed, its pages back in CMA.
t send-keys -t "$session" c
wait_for "finished"
expect_panel "3 Channel queues" "cookie 2 done 2"
expect_panel "4 Event log" "end of scenario"
expect_panel "6 CMA and pools" "used 0  maxchunk 262144"
expect_panel "5 Page tables" "no live buffer to walk"

# 80x24: the left slots show one of two panels; focusing the other swaps it in.
t resize-window -t "$session" -x 80 -y 24
wait_for "1 Address spaces"
t send-keys -t "$session" 5
expect_panel "5 Page tables" "no live buffer to walk"
t send-keys -t "$session" 6
expect_panel "6 CMA and pools" "reserved c0000000-ffffffff"
t send-keys -t "$session" 1 3
expect_panel "3 Channel queues" "dma0chan3"

t send-keys -t "$session" q
wait_for "EXIT=0"

# The IOMMU lesson at 120x40: spi1's bus column is its IOVA space, linked to VA and PA.
t send-keys -t "$session" C-l
t resize-window -t "$session" -x 120 -y 40
t send-keys -t "$session" "clear; $bin iommu-scatter-gather; echo EXIT=\$?" Enter
wait_for "step 0  tick 0  paused"
t send-keys -t "$session" c
wait_for "Space plays on"
t send-keys -t "$session" / t a i l Enter
wait_for "/tail: buffer tail (by variable)"
expect_panel "1 Address spaces" "IOVA spi1"
expect_panel "1 Address spaces" "•iova 2p 2 mapped"
expect_panel "1 Address spaces" "→42000c00"
expect_panel "1 Address spaces" "→ffffec00"
expect_panel "1 Address spaces" "•IOVA ffffe000 → PA 42000000 RO"
expect_panel "1 Address spaces" "IOVA fffff000 → PA 42002000 RO"
expect_panel "2 Cache" "line 42000c00 clean"
expect_panel "2 Cache" "    spi1 piece 1 ends at a page boundary."
# Stopped at the pause on line 43: the narration on line 44 has run (it shows before the action
# after it), and the pane marks the statement about to run (gdb's rule), line 45; the row
# under the narration names the same statement.
screen | grep -qF "→45 d = dmaengine_prep_slave_sg" || fail "the source pane does not mark line 45, the statement after the pause's narration"
screen | grep -qF "→ line 45: d = dmaengine_prep_slave_sg" || fail "the status row does not name line 45, as the source pane's arrow does"
# Find by IOVA.
t send-keys -t "$session" / f f f f f 0 1 0 Enter
wait_for "/fffff010: buffer head (by bus)"

# 80x24: the key help scrolls like less and reaches its last line.
t resize-window -t "$session" -x 80 -y 24
t send-keys -t "$session" '?'
wait_for "-- more"
t send-keys -t "$session" NPage NPage NPage
wait_for "-- end --"
screen | grep -qF "repaint the screen" || fail "the last help lines are not reachable"
t send-keys -t "$session" Escape q
wait_for "EXIT=0"
echo "tmux panel test passed"
