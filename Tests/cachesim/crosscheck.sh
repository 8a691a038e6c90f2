#!/usr/bin/env bash
# Cross-checks `dmascope cachesim --json` against an independent Python reference model and,
# when it can be imported, pycachesim, on every fixture trace, four geometries and all four
# write-policy combinations; and checks the committed expectations (fixtures/expected.txt, which
# the Swift tests use without Python).
#
#   Tests/cachesim/crosscheck.sh [DMASCOPE_BINARY]   compare (exit 1 on any difference)
#   Tests/cachesim/crosscheck.sh --regenerate [BIN]  rewrite the traces and expected.txt first
#
# PYTHON selects the interpreter (default python3); install the oracle with
# `pip install pycachesim` into it (a venv works: PYTHON=/path/venv/bin/python).
set -euo pipefail
export PYTHONDONTWRITEBYTECODE=1
here="$(cd "$(dirname "$0")" && pwd)"
python="${PYTHON:-python3}"
regenerate=0
if [ "${1:-}" = "--regenerate" ]; then regenerate=1; shift; fi
bin="${1:-}"
if [ -z "$bin" ]; then
  (cd "$here/../.." && swift build >/dev/null)
  bin="$(cd "$here/../.." && swift build --show-bin-path)/dmascope"
fi
geometries=("1024 2 32" "512 1 16" "256 8 32" "2048 4 64")
policies=("write-back write-allocate" "write-back no-write-allocate"
  "write-through write-allocate" "write-through no-write-allocate")
if "$python" -c "import cachesim" 2>/dev/null; then
  oracle=1
  echo "crosscheck: pycachesim found; $("$python" "$here/pycachesim_oracle.py" --show-quirks | tr '\n' ';')"
else
  oracle=0
  echo "crosscheck: pycachesim not importable with $python; comparing with the reference model only"
fi
if [ "$regenerate" = 1 ]; then
  (cd "$here" && "$python" make_traces.py fixtures)
  : >"$here/fixtures/expected.txt.new"
fi
cases=0
failures=0
for trace in "$here"/fixtures/*.trace; do
  name="$(basename "$trace")"
  for geometry in "${geometries[@]}"; do
    for policy in "${policies[@]}"; do
      read -r size ways line <<<"$geometry"
      read -r write allocate <<<"$policy"
      key="$name $size $ways $line $write $allocate"
      reference="$("$python" "$here/reference.py" "$trace" $size $ways $line $write $allocate)"
      swift="$("$bin" cachesim --trace "$trace" --size "$size" --ways "$ways" --line "$line" \
        "--$write" "--$allocate" --json)"
      results=("reference=$reference" "dmascope=$swift")
      if [ "$oracle" = 1 ]; then
        results+=("pycachesim=$("$python" "$here/pycachesim_oracle.py" "$trace" $size $ways $line $write $allocate)")
      fi
      if [ "$regenerate" = 1 ]; then
        echo "$key $reference" >>"$here/fixtures/expected.txt.new"
        expected="$reference"
      else
        expected="$(awk -v k="$key" 'index($0, k " ") == 1 { print $NF }' "$here/fixtures/expected.txt")"
      fi
      results+=("expected=$expected")
      cases=$((cases + 1))
      for result in "${results[@]}"; do
        if [ "${result#*=}" != "$reference" ]; then
          echo "MISMATCH $key: ${results[*]}" >&2
          failures=$((failures + 1))
          break
        fi
      done
    done
  done
done
if [ "$regenerate" = 1 ]; then mv "$here/fixtures/expected.txt.new" "$here/fixtures/expected.txt"; fi
echo "crosscheck: $cases cases, $failures mismatches (oracles: reference model$([ "$oracle" = 1 ] && echo ", pycachesim"), committed expectations)"
[ "$failures" = 0 ]
