#!/usr/bin/env bash
# Boots every .dtb in DIR with `dmascope boot FILE --json` and checks, against an independent
# reading (dtc -I dtb -O dts parsed by dtb_oracle.py), that the memory banks and the static
# reserved-memory regions are exactly those in the tree. A crash, a non-zero exit or output
# that is not one JSON object counts as a failure. Prints "N passed, N failed".
# Usage: Tests/boards/check-real-dtbs.sh BIN DIR
# Fetch the boards with `bash /work/shared/tools/fetch-board-dtbs DIR` (Debian's arm64 kernel
# package); needs dtc (apt-get install device-tree-compiler) and python3.
set -euo pipefail
bin=${1:?usage: check-real-dtbs.sh BIN DIR}
dir=${2:?usage: check-real-dtbs.sh BIN DIR}
command -v dtc >/dev/null || {
  echo "check-real-dtbs: dtc is missing (apt-get install device-tree-compiler)" >&2
  exit 2
}
exec python3 "$(dirname "$0")/dtb_oracle.py" "$bin" "$dir"
