#!/usr/bin/env bash
# Boots every .dtb in DIR with `dmascope boot FILE --json` and checks, against an independent
# reading (dtc -I dtb -O dts parsed by dtb_oracle.py), that the memory banks and the static
# reserved-memory regions are exactly those in the tree. Any crash, non-zero exit or
# malformed JSON counts as a failure. Prints "N passed, N failed".
# Usage: Tests/boards/check-real-dtbs.sh BIN DIR
# (fetch the boards with: bash /work/shared/tools/fetch-board-dtbs DIR; needs dtc, python3)
set -uo pipefail
bin=${1:?usage: check-real-dtbs.sh BIN DIR}
dir=${2:?usage: check-real-dtbs.sh BIN DIR}
here="$(cd "$(dirname "$0")" && pwd)"
command -v dtc >/dev/null || { echo "check-real-dtbs: dtc is missing (apt-get install device-tree-compiler)" >&2; exit 2; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
passed=0
failed=0
shopt -s nullglob
for dtb in "$dir"/*.dtb; do
  if ! "$bin" boot "$dtb" --json >"$tmp/out.json" 2>"$tmp/err.txt"; then
    echo "$dtb: dmascope exited with $? ($(head -c 300 "$tmp/err.txt"))"
    failed=$((failed + 1))
    continue
  fi
  if python3 "$here/dtb_oracle.py" "$dtb" "$tmp/out.json"; then
    passed=$((passed + 1))
  else
    failed=$((failed + 1))
  fi
done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
