#!/usr/bin/env python3
"""An independent reference model of dmascope's trace-driven cache, for cross-checking.

Textbook semantics, written without looking at the Swift code's structure: every set is a list
of (tag, dirty) pairs ordered from most to least recently used. A load or store that hits moves
its line to the front; a miss inserts at the front after dropping the least recently used line
when the set is full. A store to a write-back cache dirties the line; write-through never does.
Without write-allocate a store miss allocates nothing. An access touching several lines is one
access, a miss if any line missed (Cachegrind's rule). Evictions count valid lines dropped;
writebacks count dirty lines dropped. No final flush.

Usage: reference.py TRACE SIZE WAYS LINE write-back|write-through write-allocate|no-write-allocate
"""
import json
import sys


def parse_trace(path):
    accesses = []
    with open(path, encoding="utf-8") as handle:
        for text in handle:
            text = text.split("#", 1)[0].strip()
            if not text:
                continue
            op, addr, size = text.split()
            accesses.append((op.upper() == "W", int(addr, 0), int(size, 0)))
    return accesses


def simulate(accesses, size, ways, line, write_back, write_allocate):
    sets = size // (ways * line)
    table = [[] for _ in range(sets)]
    stats = dict(loads=0, stores=0, load_hits=0, load_misses=0, store_hits=0, store_misses=0,
                 evictions=0, writebacks=0)
    for store, addr, length in accesses:
        missed = False
        for number in range(addr // line, (addr + length - 1) // line + 1):
            entries = table[number % sets]
            tag = number // sets
            found = next((i for i, entry in enumerate(entries) if entry[0] == tag), None)
            if found is not None:
                entry = entries.pop(found)
                if store and write_back:
                    entry[1] = True
                entries.insert(0, entry)
                continue
            missed = True
            if store and not write_allocate:
                continue
            if len(entries) == ways:
                victim = entries.pop()
                stats["evictions"] += 1
                if victim[1]:
                    stats["writebacks"] += 1
            entries.insert(0, [tag, store and write_back])
        kind = "store" if store else "load"
        stats[kind + "s"] += 1
        stats[kind + ("_misses" if missed else "_hits")] += 1
    return stats


def main(argv):
    trace, size, ways, line, write, allocate = argv[1:7]
    stats = simulate(parse_trace(trace), int(size), int(ways), int(line),
                     write == "write-back", allocate == "write-allocate")
    print(json.dumps(stats, separators=(",", ":")))


if __name__ == "__main__":
    main(sys.argv)
