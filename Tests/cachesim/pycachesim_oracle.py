#!/usr/bin/env python3
"""Runs a trace through pycachesim (https://pypi.org/project/pycachesim/) and prints the same
counters as `dmascope cachesim --json`.

pycachesim is used as the engine for set indexing, LRU replacement, dirty tracking and dirty
eviction counting. Its own store path differs from textbook caches in ways checked by
`--show-quirks`: a store hit does not refresh the line's LRU age; its write-back without
write-allocate installs the line dirty without fetching it (write-validate); write-through with
write-allocate is not offered; a miss is counted per line, not per access; and the scalar
`load`/`store`/`contains` calls read the 64-bit address with a 32-bit format. So this driver
builds a write-back, write-allocate pycachesim cache, feeds it one line at a time through
`iterload`/`iterstore`, and expresses each write policy with loads (which refresh or fill) and
stores (which dirty):

  load, any policy            iterload(line)
  store, write-back + alloc   iterload(line), then iterstore(line)   (fill or refresh, dirty)
  store, write-through + alloc  iterload(line)                       (fill or refresh, clean)
  store, no-alloc, line cached  iterload(line), then iterstore if write-back
  store, no-alloc, not cached   nothing (the store goes around the cache)

Hits and misses come from the change of MISS_count per line; evictions from the number of cached
lines before and after each fill; writebacks from the change of EVICT_count (dirty evictions).

Usage: pycachesim_oracle.py TRACE SIZE WAYS LINE write-back|write-through write-allocate|...
       pycachesim_oracle.py --show-quirks
"""
import json
import sys

from cachesim import Cache, MainMemory

from reference import parse_trace


def make(sets, ways, line, write_back=True, write_allocate=True):
    memory = MainMemory()
    cache = Cache("L1", sets=sets, ways=ways, cl_size=line, replacement_policy="LRU",
                  write_back=write_back, write_allocate=write_allocate)
    memory.load_to(cache)
    memory.store_from(cache)
    return cache.backend


def cached_lines(backend, line):
    return {address // line for address in backend.cached}


def simulate(accesses, size, ways, line, write_back, write_allocate):
    sets = size // (ways * line)
    backend = make(sets, ways, line)
    stats = dict(loads=0, stores=0, load_hits=0, load_misses=0, store_hits=0, store_misses=0,
                 evictions=0, writebacks=0)
    valid = 0
    for store, addr, length in accesses:
        missed = False
        for number in range(addr // line, (addr + length - 1) // line + 1):
            base = number * line
            misses, dirty_evictions = backend.MISS_count, backend.EVICT_count
            if not store or write_allocate:
                backend.iterload([base], 1)
                if store and write_back:
                    backend.iterstore([base], 1)
            elif number in cached_lines(backend, line):
                backend.iterload([base], 1)
                if write_back:
                    backend.iterstore([base], 1)
            else:
                missed = True
                continue
            fills = backend.MISS_count - misses
            stats["writebacks"] += backend.EVICT_count - dirty_evictions
            if fills:
                missed = True
                now = len(cached_lines(backend, line))
                stats["evictions"] += valid + fills - now
                valid = now
        kind = "store" if store else "load"
        stats[kind + "s"] += 1
        stats[kind + ("_misses" if missed else "_hits")] += 1
    return stats


def show_quirks():
    """Demonstrates pycachesim's native behaviour that the driver above works around."""
    native = make(1, 2, 64)
    native.iterload([0], 1)
    native.iterload([64], 1)
    native.iterstore([0], 1)  # a hit: a textbook LRU cache makes line 0 the youngest
    native.iterload([128], 1)  # so line 1 should be evicted, not line 0
    print("store hit refreshes LRU:", sorted(cached_lines(native, 64)) == [0, 2])
    validate = make(1, 2, 64, write_back=True, write_allocate=False)
    validate.iterstore([0], 1)
    print("write-back no-write-allocate store miss allocates:", cached_lines(validate, 64) == {0})
    split = make(1, 2, 64)
    split.iterload([60], 8)
    print("misses counted per line for one 2-line load:", split.MISS_count)
    try:
        make(1, 2, 64, write_back=False, write_allocate=True)
        print("write-through + write-allocate: supported")
    except AssertionError:
        print("write-through + write-allocate: not supported")


def main(argv):
    if argv[1:] == ["--show-quirks"]:
        show_quirks()
        return
    trace, size, ways, line, write, allocate = argv[1:7]
    stats = simulate(parse_trace(trace), int(size), int(ways), int(line),
                     write == "write-back", allocate == "write-allocate")
    print(json.dumps(stats, separators=(",", ":")))


if __name__ == "__main__":
    main(sys.argv)
