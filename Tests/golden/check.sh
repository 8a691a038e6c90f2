#!/usr/bin/env bash
# Golden outputs: for every lesson `run --headless --json` and the final frame at 120x40, and
# for every built-in board `boot` and `boot --json`, compared byte for byte with the files
# committed here (and each lesson's stderr). Tests/DMASimTests/GoldenSoakTests.swift keeps the
# soak seeds' logs the same way (soak.txt). A change to one is a behaviour change: regenerate with --update only in a
# commit that says which behaviour changed and why.
# Usage: Tests/golden/check.sh PATH/TO/dmascope [--update]
set -euo pipefail
bin="$1"
update="${2:-}"
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/lessons" "$work/boards"
for lesson in "$root"/demos/*.dms; do
  name="$(basename "$lesson" .dms)"
  "$bin" run "$name" --headless --json >"$work/lessons/$name.jsonl" 2>"$work/lessons/$name.stderr"
  "$bin" run "$name" --headless --size 120x40 >"$work/lessons/$name.frame" 2>/dev/null
done
for board in "$root"/demos/boards/*.dts; do
  name="$(basename "$board" .dts)"
  "$bin" boot "$name" >"$work/boards/$name.log"
  "$bin" boot "$name" --json >"$work/boards/$name.json"
done
if [ "$update" = "--update" ]; then
  rm -rf "$here/lessons" "$here/boards"
  cp -r "$work/lessons" "$work/boards" "$here/"
  echo "golden: updated $(find "$work" -type f | wc -l) files"
  exit 0
fi
passed=0
failed=0
for file in $(cd "$work" && find lessons boards -type f | sort); do
  if [ -f "$here/$file" ] && cmp -s "$work/$file" "$here/$file"; then
    passed=$((passed + 1))
  else
    failed=$((failed + 1))
    echo "golden: $file differs" >&2
    diff <(head -c 200000 "$here/$file" 2>/dev/null) <(head -c 200000 "$work/$file") | head -n 8 >&2 || true
  fi
done
for file in $(cd "$here" && find lessons boards -type f | sort); do
  [ -f "$work/$file" ] || { failed=$((failed + 1)); echo "golden: $file no longer produced" >&2; }
done
echo "golden: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
