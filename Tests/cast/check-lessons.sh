#!/usr/bin/env bash
# For every built-in lesson: record it to the end as .dmarec and .cast, replay the recording
# headless (every frame must match), check the .cast with `asciinema cat` and, through the pyte
# terminal emulator, that it ends on the headless final frame.
# Usage: Tests/cast/check-lessons.sh PATH/TO/dmascope
set -euo pipefail
bin="$1"
here="$(cd "$(dirname "$0")" && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
passed=0
failed=0
for lesson in $("$bin" lessons | awk '{print $1}'); do
  for size in 100x30 80x24; do
    base="$work/$lesson-$size"
    "$bin" record "$lesson" --keys "sssSnncccccc" --size "$size" --out "$base.dmarec" \
      --cast "$base.cast" 2>/dev/null
    if "$bin" replay "$base.dmarec" --headless > "$base.final" 2>"$base.err" \
      && python3 -m asciinema cat "$base.cast" > /dev/null \
      && python3 "$here/check_cast.py" "$base.cast" "$base.final" > "$base.check" 2>&1; then
      passed=$((passed + 1))
    else
      failed=$((failed + 1))
      echo "FAILED: $lesson at $size" >&2
      cat "$base.err" "$base.check" >&2 || true
    fi
  done
done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
