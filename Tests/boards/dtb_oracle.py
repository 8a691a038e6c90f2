#!/usr/bin/env python3
"""Independent reading of a .dtb for check-real-dtbs.sh.

Decompiles the blob with `dtc -I dtb -O dts`, parses that text (nodes, properties and their
values turned back into bytes), applies the kernel's rules for memory banks and static
reserved-memory regions, and compares them with the JSON that `dmascope boot --json` printed.

Rules (drivers/of/fdt.c, drivers/of/of_reserved_mem.c): root #address-cells/#size-cells
default to 1/1; memory banks are available children of / with device_type "memory", read
from linux,usable-memory or reg, whole entries only, empty banks skipped; /reserved-memory is
used only if its #address-cells/#size-cells equal the root's and it has ranges; a static
region is an entry of the reg of an available child whose reg length is a multiple of the
entry size, with a non-zero size.

Usage: dtb_oracle.py BIN DIR   (boots every DIR/*.dtb with BIN; prints "N passed, N failed")
"""
import concurrent.futures
import json
import os
import re
import subprocess
import sys

ESCAPES = {"n": 10, "t": 9, "r": 13, "a": 7, "b": 8, "f": 12, "v": 11, "\\": 92, '"': 34,
           "'": 39}


def string_bytes(text):
    out = bytearray()
    i = 0
    while i < len(text):
        c = text[i]
        if c != "\\":
            out += c.encode("utf-8")
            i += 1
            continue
        n = text[i + 1]
        if n == "x":
            m = re.match(r"[0-9a-fA-F]{1,2}", text[i + 2:])
            out.append(int(m.group(0), 16))
            i += 2 + len(m.group(0))
        elif n in "01234567":
            m = re.match(r"[0-7]{1,3}", text[i + 1:])
            out.append(int(m.group(0), 8) & 0xFF)
            i += 1 + len(m.group(0))
        else:
            out.append(ESCAPES.get(n, ord(n)))
            i += 2
    return bytes(out)


TOKEN = re.compile(r'\s*(?:"((?:[^"\\]|\\.)*)"|<([^>]*)>|\[([^\]]*)\]|(,))')


def value_bytes(text):
    """Turns a dtc value (strings, <cells>, [bytes], comma separated) back into bytes."""
    out = bytearray()
    pos = 0
    while pos < len(text):
        m = TOKEN.match(text, pos)
        if not m:
            if text[pos:].strip() == "":
                break
            raise ValueError("cannot parse value: " + text)
        if m.group(1) is not None:
            out += string_bytes(m.group(1)) + b"\0"
        elif m.group(2) is not None:
            for cell in m.group(2).split():
                if cell.startswith("&"):
                    raise ValueError("unresolved reference")
                out += (int(cell, 0) & 0xFFFFFFFF).to_bytes(4, "big")
        elif m.group(3) is not None:
            out += bytes.fromhex(m.group(3).replace(" ", ""))
        pos = m.end()
    return bytes(out)


def parse_dts(text):
    """A tree of {'name','props':{name:bytes},'order':[...],'children':[...]} from dtc output."""
    root = None
    stack = []
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line.startswith("/dts-v1/") or line.startswith("/memreserve/"):
            continue
        m = re.match(r"^(?:[A-Za-z_][A-Za-z0-9_]*:\s*)*(\S+)\s*\{$", line)
        if m:
            node = {"name": "" if m.group(1) == "/" else m.group(1), "props": {}, "children": []}
            if stack:
                stack[-1]["children"].append(node)
            else:
                root = node
            stack.append(node)
            continue
        if line == "};":
            stack.pop()
            continue
        m = re.match(r"^(?:[A-Za-z_][A-Za-z0-9_]*:\s*)*([^\s=]+)(?:\s*=\s*(.*))?;$", line)
        if not m:
            raise ValueError("unexpected line: " + line)
        stack[-1]["props"][m.group(1)] = value_bytes(m.group(2)) if m.group(2) else b""
    return root


def cells(data):
    return [int.from_bytes(data[i:i + 4], "big") for i in range(0, len(data) // 4 * 4, 4)]


def number(cs, start, count):
    value = 0
    for c in cs[start:start + count]:
        value = ((value << 32) | c) & 0xFFFFFFFFFFFFFFFF
    return value


def available(node):
    status = node["props"].get("status")
    return status is None or status in (b"okay\0", b"ok\0")


def first_cell(data):
    return int.from_bytes(data[:4], "big") if data is not None and len(data) >= 4 else None


def expected(root):
    ac = first_cell(root["props"].get("#address-cells")) or 1
    sc = first_cell(root["props"].get("#size-cells")) or 1
    if root["props"].get("#address-cells") is None:
        ac = 1
    if root["props"].get("#size-cells") is None:
        sc = 1
    stride = ac + sc
    memory = []
    for node in root["children"]:
        if node["props"].get("device_type", b"").split(b"\0")[0] != b"memory":
            continue
        if not available(node):
            continue
        reg = node["props"].get("linux,usable-memory", node["props"].get("reg"))
        if reg is None:
            continue
        cs = cells(reg)
        i = 0
        while stride > 0 and len(cs) - i >= stride:
            base, size = number(cs, i, ac), number(cs, i + ac, sc)
            i += stride
            if size:
                memory.append((base, size))
    reserved = []
    rm = next((n for n in root["children"] if n["name"] == "reserved-memory"), None)
    if rm is None:
        rm = next((n for n in root["children"] if n["name"].split("@")[0] == "reserved-memory"),
                  None)
    if rm is not None and first_cell(rm["props"].get("#size-cells")) == sc \
            and first_cell(rm["props"].get("#address-cells")) == ac and "ranges" in rm["props"]:
        for child in rm["children"]:
            reg = child["props"].get("reg")
            if reg is None or not available(child) or len(reg) % (stride * 4):
                continue
            cs = cells(reg)
            for i in range(0, len(cs), stride):
                base, size = number(cs, i, ac), number(cs, i + ac, sc)
                if size:
                    reserved.append(("/" + rm["name"] + "/" + child["name"], base, size))
    return memory, reserved


def compare(dtb, got):
    """Problems found comparing dmascope's JSON with the dtc reading (empty when equal)."""
    text = subprocess.run(["dtc", "-q", "-I", "dtb", "-O", "dts", dtb], check=True,
                          capture_output=True, text=True).stdout
    memory, reserved = expected(parse_dts(text))
    got_memory = [(m["base"], m["size"]) for m in got["memory"]]
    got_reserved = [(r["node"], r["base"], r["size"]) for r in got["reserved"] if not r["dynamic"]]
    problems = []
    if got_memory != memory:
        problems.append("memory: dmascope %s, dtc %s" % (got_memory, memory))
    if got_reserved != reserved:
        problems.append("reserved: dmascope %s, dtc %s" % (got_reserved, reserved))
    for key in ("memory", "reserved", "cma", "dma_controllers", "dma_consumers"):
        if key not in got:
            problems.append("missing key " + key)
    return problems


def check(binary, dtb):
    """Boots one file and compares; returns a failure message or None."""
    run = subprocess.run([binary, "boot", dtb, "--json"], capture_output=True, text=True)
    if run.returncode != 0:
        return "%s: dmascope exited with %d: %s" % (dtb, run.returncode, run.stderr[:300])
    try:
        got = json.loads(run.stdout)
    except ValueError as error:
        return "%s: not one JSON object (%s)" % (dtb, error)
    try:
        problems = compare(dtb, got)
    except (ValueError, KeyError, subprocess.CalledProcessError) as error:
        return "%s: oracle failed: %s" % (dtb, error)
    return dtb + ": " + "; ".join(problems) if problems else None


def main():
    if len(sys.argv) != 3:
        print("usage: dtb_oracle.py BIN DIR", file=sys.stderr)
        return 2
    binary, directory = sys.argv[1], sys.argv[2]
    files = sorted(os.path.join(directory, name) for name in os.listdir(directory)
                   if name.endswith(".dtb"))
    with concurrent.futures.ThreadPoolExecutor(max_workers=2) as pool:
        results = list(pool.map(lambda dtb: check(binary, dtb), files))
    failures = [result for result in results if result]
    for failure in failures:
        print(failure)
    print("%d passed, %d failed" % (len(files) - len(failures), len(failures)))
    return 0 if files and not failures else 1


if __name__ == "__main__":
    sys.exit(main())
