#!/usr/bin/env python3
"""Checks a lesson's default recording (`dmascope record LESSON --cast F`, no --keys) played
through a terminal emulator (pyte):

- every `say` text and every `ask` question is wholly on screen at some moment (its words, in
  order, in the rows as read top to bottom);
- each `say` stays on screen at least max(2 s, 0.2 s per word) of cast time, in one stretch;
- no `ask` question is on screen together with the `say` that follows it in the lesson;
- the cast ends on the expected final frame (the headless run's, with the right answers).

Usage: check_lecture.py LESSON.dms FILE.cast EXPECTED_FRAME.txt
Prints one line per problem and `N passed, M failed` (exit 1 on a failure).
"""
import json
import re
import sys

import pyte

STRING = r'"((?:[^"\\]|\\.)*)"'


def unquote(text):
    return re.sub(r"\\(.)", r"\1", text)


def statements(source):
    """The lesson's say texts and ask questions, in order, as (kind, text)."""
    found = []
    for line in source.splitlines():
        stripped = line.strip()
        match = re.match(r"(say|ask)\s+" + STRING, stripped)
        if match:
            found.append((match.group(1), unquote(match.group(2))))
    return found


def words(text):
    return " ".join(text.split())


def hold_seconds(text):
    return max(2.0, 0.2 * len(text.split()))


def main():
    source_path, cast_path, expected_path = sys.argv[1:4]
    with open(source_path, encoding="utf-8") as handle:
        said = statements(handle.read())
    with open(cast_path, encoding="utf-8") as handle:
        lines = handle.read().splitlines()
    header = json.loads(lines[0])
    screen = pyte.Screen(header["width"], header["height"])
    stream = pyte.Stream(screen)
    events = [json.loads(line) for line in lines[1:]]
    texts = sorted({words(text) for _, text in said})
    # For each text: when it came on screen (None while off) and its longest stretch.
    since = {text: None for text in texts}
    longest = {text: 0.0 for text in texts}
    problems = []
    follows = {}
    for index, (kind, text) in enumerate(said):
        if kind == "ask":
            after = next((t for k, t in said[index + 1:] if k == "say"), None)
            if after:
                follows[words(text)] = words(after)

    def look(now):
        rows = screen.display
        shown = words(" ".join(row.rstrip() for row in rows))
        # From 100x40 up the narration shares its rows with the source pane on the right
        # (AppModel.showsSource): read the left half's rows as a viewer reads that column.
        if screen.lines >= 40 and screen.columns >= 100:
            half = screen.columns * 50 // 100
            shown += " | " + words(" ".join(row[:half].rstrip() for row in rows))
        for text in texts:
            if text in shown:
                if since[text] is None:
                    since[text] = now
            elif since[text] is not None:
                longest[text] = max(longest[text], now - since[text])
                since[text] = None
        for question, after in follows.items():
            if question in shown and after in shown:
                problems.append(f"at {now:.2f}s the question {question[:50]!r} is on screen "
                                f"with the narration after it {after[:50]!r}")

    index = 0
    end = 0.0
    while index < len(events):
        now = events[index][0]
        # Every event of one moment, then the screen as a viewer sees it.
        while index < len(events) and events[index][0] == now:
            _, code, data = events[index]
            if code == "o":
                stream.feed(data)
            elif code == "r":
                width, height = (int(part) for part in data.split("x"))
                screen.resize(height, width)
            index += 1
        look(now)
        end = now
    for text in texts:
        if since[text] is not None:
            longest[text] = max(longest[text], end - since[text])
    for kind, text in said:
        text = words(text)
        if longest[text] == 0.0 and since[text] is None:
            problems.append(f"{kind} never wholly on screen: {text[:70]!r}")
        elif kind == "say" and longest[text] + 1e-6 < hold_seconds(text):
            problems.append(f"say on screen {longest[text]:.2f}s, needs {hold_seconds(text):.2f}s: "
                            f"{text[:60]!r}")
    with open(expected_path, encoding="utf-8") as handle:
        expected = handle.read().rstrip("\n").split("\n")
    shown = [row.rstrip() for row in screen.display]
    expected = [row.rstrip() for row in expected] + [""] * (len(shown) - len(expected))
    for row, (got, want) in enumerate(zip(shown, expected), start=1):
        if got != want:
            problems.append(f"final row {row} differs:\n  cast:     {got!r}\n  headless: {want!r}")
            break
    for problem in problems:
        print(f"lecture check: {problem}", file=sys.stderr)
    checks = len(said) + 1
    failed = min(checks, len(problems))
    print(f"{checks - failed} passed, {failed} failed ({len(said)} narrations and questions, "
          f"{end:.1f}s of cast)")
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
