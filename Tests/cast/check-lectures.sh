#!/usr/bin/env bash
# For every built-in lesson at 100x30 and 80x24: its default recording (`record LESSON --cast`,
# no --keys: played as a lecture) through pyte must show every say and ask whole, hold each say
# max(2 s, 0.2 s a word), never show a question with the narration after it, and end on the
# headless final frame (run with the lesson's right answers).
# Usage: Tests/cast/check-lectures.sh PATH/TO/dmascope
set -euo pipefail
bin="$1"
here="$(cd "$(dirname "$0")" && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
passed=0
failed=0
# --answers: an answer that is none of the choices, and answers left over, are said.
"$bin" run sync-reuse --headless --answers "bogus,2" > /dev/null 2> "$work/answers.err" || true
if grep -q 'answered "bogus": wrong (not one of its choices: 1) first, 2) second)' "$work/answers.err" \
  && grep -q '1 answer in --answers not used (the lesson has no more questions): "2"' "$work/answers.err"
then
  passed=$((passed + 1))
else
  failed=$((failed + 1))
  echo "FAILED: --answers with a non-choice and an extra answer is not flagged" >&2
  cat "$work/answers.err" >&2
fi
for lesson in $("$bin" lessons | awk '{print $1}'); do
  "$bin" lessons --source "$lesson" > "$work/$lesson.dms"
  # The right answers, in order, as the lecture gives them.
  answers="$(python3 - "$work/$lesson.dms" <<'PY'
import re, sys
text = open(sys.argv[1], encoding="utf-8").read()
print(",".join(re.findall(r'^\s*ask\s+"(?:[^"\\]|\\.)*".*?\banswer\s+"((?:[^"\\]|\\.)*)"', text, re.M)))
PY
)"
  for size in 100x30 80x24; do
    base="$work/$lesson-$size"
    "$bin" record "$lesson" --size "$size" --cast "$base.cast" 2>/dev/null
    args=(run "$lesson" --headless --size "$size")
    [ -n "$answers" ] && args+=(--answers "$answers")
    if "$bin" "${args[@]}" > "$base.final" 2>/dev/null \
      && python3 "$here/check_lecture.py" "$work/$lesson.dms" "$base.cast" "$base.final" \
        > "$base.check" 2>&1; then
      passed=$((passed + 1))
    else
      failed=$((failed + 1))
      echo "FAILED: $lesson at $size" >&2
      cat "$base.check" >&2 || true
    fi
  done
done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
