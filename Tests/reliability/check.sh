#!/usr/bin/env bash
# Issue 23 through the real binary: the quoted trap inputs end cleanly, runs that stop at a
# limit fail and say so, outputs never clobber devices, links or each other, inputs that never
# end are refused, and (with tmux) SIGQUIT ends the TUI with the terminal restored.
# Usage: Tests/reliability/check.sh PATH/TO/dmascope
set -euo pipefail
bin="$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"
here="$(cd "$(dirname "$0")" && pwd)"
work="$(mktemp -d)"
sock="dmascope-rel-$$"
cleanup() {
  tmux -L "$sock" kill-server >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT
fail() {
  echo "reliability check FAILED: $*" >&2
  [ -f "$work/err" ] && sed 's/^/  stderr: /' "$work/err" >&2
  exit 1
}
cd "$here/fixtures"

echo "reliability: the quoted trap inputs run to the end (exit 0)"
for case in nic-rx nic-tx cma-release iommu-failed-handle iommu-other-handle huge-reg one-cell \
  bank-16tib; do
  "$bin" check "$case.dms" >/dev/null 2>"$work/err" || fail "check $case.dms"
  "$bin" run "$case.dms" --headless --size 80x24 >/dev/null 2>"$work/err" || fail "run $case.dms"
done
"$bin" run cma-release.dms --headless --json >"$work/log" 2>/dev/null
grep -q "free_contig_range: 4 pages are still in use!" "$work/log" || fail "no free_contig_range WARN"
"$bin" run iommu-failed-handle.dms --headless --json >"$work/log" 2>/dev/null
grep -q "WARN_ON(iaext)" "$work/log" || fail "no arm_lpae_unmap_pages WARN"
"$bin" run huge-reg.dms --headless --json >"$work/log" 2>/dev/null
grep -q "ioremap(0x100000000, 0x7fffffff00000000) = NULL" "$work/log" || fail "huge reg was mapped"
"$bin" boot one-cell.dts >"$work/boot" 2>"$work/err" || fail "boot one-cell.dts"
grep -q "^Memory doesn't fit in the linear mapping, VA_BITS too small$" "$work/boot" \
  || fail "boot of one-cell.dts did not clip the linear map"
grep -q "node   0: \[mem 0x0000000000000000-0x00007fffffffffff\]" "$work/boot" \
  || fail "boot of one-cell.dts did not end memory at 128 TiB"

echo "reliability: a run stopped at a limit fails and names what it did not evaluate"
status=0
"$bin" run event-cap.dms --headless --event-limit 20000 >/dev/null 2>"$work/err" || status=$?
[ "$status" = 3 ] || fail "event limit: expected exit 3, got $status"
grep -q "stopped at the event limit (20000 events) at step 20000, tick [0-9]*, event-cap.dms:13: run 20000000 ticks" \
  "$work/err" || fail "event limit: no position"
grep -q "^event-cap.dms:14: not evaluated: expect c == 3$" "$work/err" \
  || fail "event limit: unevaluated expect not named"
grep -q "^event-cap.dms: 1 of 1 expectation passed before the run stopped at a limit$" "$work/err" \
  || fail "event limit: the summary reads as a pass of the whole scenario"
status=0
"$bin" run cache16m-transfer.dms --headless --memory-limit 64 >/dev/null 2>"$work/err" \
  || status=$?
[ "$status" = 3 ] || fail "memory limit: expected exit 3, got $status"
grep -q "stopped at the memory limit (64 MiB resident)" "$work/err" || fail "memory limit: no message"

if [ -x /usr/bin/time ]; then
  echo "reliability: memory follows what is used, not what is allowed"
  peak() { /usr/bin/time -f %M -o "$work/rss" "$@" >/dev/null 2>"$work/err" || fail "$*"; cat "$work/rss"; }
  # kzalloc(4M) under 4-byte lines: one queued zero run, not 1,048,576 stores (262 MB before).
  kib="$(peak "$bin" run tiny-cache-kzalloc.dms --headless --steps 2)"
  [ "$kib" -lt 160000 ] || fail "kzalloc(4M) under a 4-byte cache: ${kib} KiB resident after 2 steps"
  # A 1 MiB cpu_write under 4-byte lines: one queued run, not 262,144 stores (83 MB before).
  kib="$(peak "$bin" run tiny-cache-write.dms --headless --steps 3)"
  [ "$kib" -lt 65536 ] || fail "cpu_write of 1 MiB under a 4-byte cache: ${kib} KiB resident after 3 steps"
  # A 2 KB recording is read in 64 KiB chunks, not into a buffer of the 256 MiB limit.
  "$bin" record first-transfer --keys s --out "$work/small.dmarec" 2>/dev/null || fail "record"
  kib="$(peak "$bin" replay "$work/small.dmarec" --headless)"
  [ "$kib" -lt 160000 ] || fail "replay of a small recording: ${kib} KiB resident"
fi

echo "reliability: outputs never clobber"
status=0
"$bin" record first-transfer --keys s --out /dev/full 2>"$work/err" || status=$?
[ "$status" != 0 ] || fail "--out /dev/full succeeded"
grep -q "/dev/full: is a character device; dmascope writes only regular files" "$work/err" \
  || fail "--out /dev/full: unclear error"
[ -c /dev/full ] || fail "/dev/full is no longer a character device"
echo old >"$work/target.dmarec"
ln -s target.dmarec "$work/link.dmarec"
"$bin" record first-transfer --keys s --out "$work/link.dmarec" 2>/dev/null || fail "record through a link"
[ -L "$work/link.dmarec" ] || fail "the symbolic link was replaced"
grep -q "^dmarec" "$work/target.dmarec" || fail "the link's target was not written"
status=0
"$bin" record first-transfer --out "$work/x" --cast "$work/x" 2>"$work/err" || status=$?
[ "$status" != 0 ] || fail "--out x --cast x succeeded"
grep -q "name the same file" "$work/err" || fail "--out x --cast x: unclear error"
[ ! -e "$work/x" ] || fail "--out x --cast x wrote x"
status=0
"$bin" run event-cap.dms --headless --steps 5 --report "$work/r" --junit "$work/r" 2>"$work/err" \
  || status=$?
[ "$status" != 0 ] && grep -q "^Error: --report .* and --junit .* name the same file" "$work/err" \
  || fail "--report r --junit r: not refused (status $status)"
[ ! -e "$work/r" ] || fail "--report r --junit r wrote r"
cp event-cap.dms "$work/lesson.dms"
for output in "record $work/lesson.dms --keys s --out" "record $work/lesson.dms --keys s --cast" \
  "run $work/lesson.dms --headless --steps 5 --report"; do
  status=0
  "$bin" $output "$work/lesson.dms" 2>"$work/err" >/dev/null || status=$?
  [ "$status" != 0 ] && grep -q "names the input file" "$work/err" \
    || fail "$output LESSON: the output was not refused (status $status)"
  cmp -s event-cap.dms "$work/lesson.dms" || fail "$output LESSON replaced the scenario"
done
status=0
"$bin" replay "$work/link.dmarec" --headless --cast "$work/target.dmarec" 2>"$work/err" >/dev/null \
  || status=$?
[ "$status" != 0 ] && grep -q "names the input file" "$work/err" \
  || fail "replay REC --cast REC (through a link): not refused (status $status)"
grep -q "^dmarec" "$work/target.dmarec" || fail "replay --cast replaced its recording"
mkfifo "$work/fifo"
status=0
"$bin" record first-transfer --cast "$work/fifo" 2>"$work/err" || status=$?
[ "$status" != 0 ] && grep -q "is a fifo" "$work/err" || fail "--cast FIFO not refused"
mkdir "$work/dir"
status=0
"$bin" record first-transfer --out "$work/dir" 2>"$work/err" || status=$?
[ "$status" != 0 ] && grep -q "is a directory" "$work/err" || fail "--out DIR not refused"
mkdir "$work/frames"
echo keep >"$work/frames/notes.txt"
status=0
"$bin" record first-transfer --keys s --frames "$work/frames" 2>"$work/err" || status=$?
[ "$status" != 0 ] && grep -q "not frames (notes.txt)" "$work/err" || fail "--frames into a foreign folder"
rm "$work/frames/notes.txt"
"$bin" record first-transfer --keys sss --frames "$work/frames" 2>/dev/null || fail "--frames"
"$bin" record first-transfer --keys s --frames "$work/frames" 2>"$work/err" || fail "--frames again"
grep -q "replaced [0-9]* frame file(s) of an earlier run" "$work/err" || fail "old frames not reported"

echo "reliability: inputs that never end are refused"
for input in /dev/zero "$work/fifo"; do
  status=0
  timeout 20 "$bin" cachesim --trace "$input" 2>"$work/err" || status=$?
  [ "$status" = 1 ] || fail "cachesim --trace $input: expected exit 1, got $status"
  grep -q "not a regular file" "$work/err" || fail "cachesim --trace $input: unclear error"
done
for command in run check; do
  status=0
  timeout 20 "$bin" $command /dev/urandom 2>"$work/err" >/dev/null || status=$?
  [ "$status" = 1 ] && grep -q "/dev/urandom: is a character device, not a regular file" "$work/err" \
    || fail "$command /dev/urandom: expected a clear refusal (status $status)"
  status=0
  timeout 20 "$bin" $command "$work/fifo" 2>"$work/err" >/dev/null || status=$?
  [ "$status" != 0 ] && [ "$status" != 124 ] && grep -q "is a fifo, not a regular file" "$work/err" \
    || fail "$command FIFO: expected a clear refusal (status $status)"
done
status=0
timeout 20 "$bin" boot /dev/zero >/dev/null 2>"$work/err" || status=$?
[ "$status" != 0 ] && [ "$status" != 124 ] || fail "boot /dev/zero: status $status"

if command -v tmux >/dev/null 2>&1; then
  echo "reliability: SIGQUIT (Ctrl-\\) ends the TUI and restores the terminal"
  t() { tmux -L "$sock" "$@"; }
  # wait_for SESSION TRIES GREP-ARGS...: polls the pane every 0.1 s (TRIES times at most) until
  # grep matches; the status is grep's on the last look.
  wait_for() {
    local session="$1" tries="$2"
    shift 2
    for _ in $(seq 1 "$tries"); do
      t capture-pane -t "$session" -p -J | grep -q "$@" && return 0
      sleep 0.1
    done
    t capture-pane -t "$session" -p -J | grep -q "$@"
  }
  t new-session -d -s q -x 120 -y 40 "env PS1='$ ' TERM=xterm-256color bash --norc --noprofile"
  sleep 0.3
  t send-keys -t q "$bin; echo EXIT=\$?" Enter
  # Poll for up to 60 s: on a loaded CI machine a debug build can take seconds to draw.
  wait_for q 600 -F "step 0  tick 0" || fail "the TUI drew no frame within 60 s"
  t send-keys -t q 'C-\'
  wait_for q 600 "^EXIT=" || true
  screen="$(t capture-pane -t q -p)"
  grep -q "EXIT=131" <<<"$screen" || { echo "$screen" >&2; fail "Ctrl-\\ did not end with 131"; }
  if grep -qiE "backtrac|crash|fatal" <<<"$screen"; then
    echo "$screen" >&2
    fail "a backtrace was printed"
  fi

  echo "reliability: :record never writes over the scenario it runs"
  t kill-session -t q
  t new-session -d -s r -x 120 -y 40 "env PS1='$ ' TERM=xterm-256color bash --norc --noprofile"
  sleep 0.3
  t send-keys -t r "$bin $work/lesson.dms; echo EXIT=\$?" Enter
  wait_for r 600 -F "step 0  tick 0" || fail "the TUI drew no frame within 60 s"
  t send-keys -t r ":record $work/lesson.dms" Enter
  wait_for r 100 "names the input file" \
    || { t capture-pane -t r -p >&2; fail ":record LESSON was not refused"; }
  t send-keys -t r q
  wait_for r 600 "^EXIT=" || true
  cmp -s event-cap.dms "$work/lesson.dms" || fail ":record LESSON replaced the scenario"
  t kill-session -t r

  echo "reliability: a crash in the TUI restores the terminal first and names its report"
  t new-session -d -s c -x 120 -y 40 \
    "env PS1='$ ' TERM=xterm-256color TMPDIR='$work' bash --norc --noprofile"
  sleep 0.3
  t send-keys -t c "$bin __crash-test; echo EXIT=\$?" Enter
  wait_for c 600 -F "step 0  tick 0" || fail "the TUI drew no frame within 60 s"
  t send-keys -t c x
  wait_for c 600 "^EXIT=" || true
  screen="$(t capture-pane -t c -p)"
  grep -qE "EXIT=13[23]" <<<"$screen" || { echo "$screen" >&2; fail "__crash-test did not die of SIGILL/SIGTRAP"; }
  report="$(grep -o "crash report is in [^ ]*" <<<"$(t capture-pane -t c -p -J)" | sed 's/.* //')"
  [ -n "$report" ] && [ -f "$report" ] || { echo "$screen" >&2; fail "no crash report file named"; }
  grep -q "^signal: SIG" "$report" || fail "the crash report has no signal line"
  grep -q "^backtrace" "$report" || fail "the crash report has no backtrace"
  [ "$(t display -p -t c '#{alternate_on}')" = 0 ] || fail "the terminal is still on the alternate screen"
  [ "$(t display -p -t c '#{cursor_flag}')" = 1 ] || fail "the cursor is still hidden"
  t send-keys -t c "stty -a | tr ' ' '\n' | grep -x -e icanon -e echo | tr '\n' ' '; echo STTY" Enter
  wait_for c 50 "^icanon echo STTY" || fail "the terminal is not back in cooked mode"
fi
echo "reliability: all passed"
