#!/usr/bin/env python3
"""Checks a dmascope asciicast: valid v2 structure, and the screen it leaves, when played through
a terminal emulator (pyte), equals the expected final frame (plain text, one line per row).

Usage: check_cast.py FILE.cast EXPECTED_FRAME.txt
Prints `1 passed, 0 failed` or explains the difference and exits 1.
"""
import json
import sys

import pyte


def fail(message):
    print(f"cast check: {message}", file=sys.stderr)
    print("0 passed, 1 failed")
    sys.exit(1)


def main():
    cast_path, expected_path = sys.argv[1], sys.argv[2]
    with open(cast_path, encoding="utf-8") as handle:
        lines = handle.read().splitlines()
    if not lines:
        fail("empty file")
    header = json.loads(lines[0])
    if header.get("version") != 2:
        fail("header version is not 2")
    width, height = header.get("width"), header.get("height")
    if not (isinstance(width, int) and isinstance(height, int) and width > 0 and height > 0):
        fail("header width/height are not positive integers")
    screen = pyte.Screen(width, height)
    stream = pyte.Stream(screen)
    last_time = 0.0
    markers = 0
    for number, line in enumerate(lines[1:], start=2):
        event = json.loads(line)
        if not (isinstance(event, list) and len(event) == 3):
            fail(f"line {number}: an event is a 3-element array")
        time, code, data = event
        if not isinstance(time, (int, float)) or time < last_time:
            fail(f"line {number}: time goes backwards")
        last_time = time
        if code == "o":
            stream.feed(data)
        elif code == "m":
            markers += 1
        elif code == "r":
            w, h = (int(part) for part in data.split("x"))
            screen.resize(h, w)
        else:
            fail(f"line {number}: unknown event code {code!r}")
    with open(expected_path, encoding="utf-8") as handle:
        expected = handle.read().rstrip("\n").split("\n")
    shown = [row.rstrip() for row in screen.display]
    expected = [row.rstrip() for row in expected] + [""] * (len(shown) - len(expected))
    for row, (got, want) in enumerate(zip(shown, expected), start=1):
        if got != want:
            fail(f"row {row} differs:\n  cast:     {got!r}\n  headless: {want!r}")
    print(f"cast ok: {len(lines) - 1} events, {markers} markers, final screen matches")
    print("1 passed, 0 failed")


if __name__ == "__main__":
    main()
