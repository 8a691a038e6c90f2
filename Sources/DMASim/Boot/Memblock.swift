/// The boot-time memory allocator: `memory` (what exists) and `reserved` (what is taken),
/// each a sorted list of non-overlapping regions, as mm/memblock.c keeps them. Allocation
/// searches free ranges (memory that is not `nomap`, minus reserved) top-down by default.
public struct Memblock: Hashable, Sendable {
  /// One region.
  public struct Region: Hashable, Sendable {
    /// First address.
    public var base: UInt64
    /// One past the last address.
    public var end: UInt64
    /// `MEMBLOCK_NOMAP`: present but never mapped nor allocated.
    public var noMap: Bool

    /// Length in bytes.
    public var size: UInt64 { end - base }
  }

  /// Memory regions, sorted and merged where adjacent with equal flags.
  public private(set) var memory: [Region] = []
  /// Reserved regions, sorted and merged.
  public private(set) var reserved: [Region] = []
  /// Allocation direction (`memblock_set_bottom_up`); top-down by default.
  public var bottomUp = false
  /// `PAGE_SIZE`: allocations never return the first page.
  public let pageSize: UInt64

  /// Empty memblock.
  public init(pageSize: UInt64 = 4096) { self.pageSize = pageSize }

  /// `memblock_cap_size`: the end of `[base, base + size)` without wrapping.
  static func end(_ base: UInt64, _ size: UInt64) -> UInt64 {
    size > UInt64.max - base ? UInt64.max : base + size
  }

  /// `memblock_add`.
  public mutating func add(base: UInt64, size: UInt64) {
    Self.insert(&memory, Region(base: base, end: Self.end(base, size), noMap: false))
  }

  /// `memblock_remove`: drops memory in the range.
  public mutating func remove(base: UInt64, size: UInt64) {
    Self.cut(&memory, base, Self.end(base, size))
  }

  /// `memblock_reserve`.
  public mutating func reserve(base: UInt64, size: UInt64) {
    Self.insert(&reserved, Region(base: base, end: Self.end(base, size), noMap: false))
  }

  /// `memblock_phys_free`: drops a reservation.
  public mutating func free(base: UInt64, size: UInt64) {
    Self.cut(&reserved, base, Self.end(base, size))
  }

  /// `memblock_mark_nomap` / `memblock_clear_nomap` on the memory inside the range.
  public mutating func setNoMap(_ value: Bool, base: UInt64, size: UInt64) {
    let end = Self.end(base, size)
    var result: [Region] = []
    for region in memory {
      let low = max(region.base, base)
      let high = min(region.end, end)
      guard low < high else {
        result.append(region)
        continue
      }
      if region.base < low {
        result.append(Region(base: region.base, end: low, noMap: region.noMap))
      }
      result.append(Region(base: low, end: high, noMap: value))
      if high < region.end {
        result.append(Region(base: high, end: region.end, noMap: region.noMap))
      }
    }
    memory = Self.merged(result)
  }

  /// `memblock_cap_memory_range(base, size)`: keeps only memory and reservations inside.
  public mutating func capMemory(base: UInt64, size: UInt64) {
    let end = Self.end(base, size)
    Self.cut(&memory, 0, base)
    Self.cut(&memory, end, UInt64.max)
    Self.cut(&reserved, 0, base)
    Self.cut(&reserved, end, UInt64.max)
  }

  /// `memblock_is_region_reserved`: whether any reservation overlaps the range.
  public func isReserved(base: UInt64, size: UInt64) -> Bool {
    let end = Self.end(base, size)
    return reserved.contains { $0.base < end && base < $0.end }
  }

  /// `memblock_overlaps_region(&memblock.memory, ...)`.
  public func overlapsMemory(base: UInt64, size: UInt64) -> Bool {
    let end = Self.end(base, size)
    return memory.contains { $0.base < end && base < $0.end }
  }

  /// `memblock_start_of_DRAM` (0 without memory).
  public var startOfDRAM: UInt64 { memory.first?.base ?? 0 }
  /// `memblock_end_of_DRAM` (0 without memory).
  public var endOfDRAM: UInt64 { memory.last?.end ?? 0 }
  /// `memblock_phys_mem_size`.
  public var totalSize: UInt64 { memory.reduce(0) { $0 + $1.size } }

  /// Free ranges, ascending: memory that is not `nomap`, minus reservations.
  public func freeRanges() -> [(start: UInt64, end: UInt64)] {
    var result: [(start: UInt64, end: UInt64)] = []
    var reservedIndex = 0
    for region in memory where !region.noMap {
      var start = region.base
      while reservedIndex < reserved.count, reserved[reservedIndex].end <= start {
        reservedIndex += 1
      }
      var index = reservedIndex
      while start < region.end {
        guard index < reserved.count, reserved[index].base < region.end else {
          result.append((start, region.end))
          break
        }
        let taken = reserved[index]
        if taken.base > start { result.append((start, taken.base)) }
        start = max(start, taken.end)
        index += 1
      }
    }
    return result
  }

  static func insert(_ list: inout [Region], _ region: Region) {
    guard region.base < region.end else { return }
    cut(&list, region.base, region.end)
    let index = list.firstIndex { $0.base > region.base } ?? list.count
    list.insert(region, at: index)
    list = merged(list)
  }

  static func cut(_ list: inout [Region], _ base: UInt64, _ end: UInt64) {
    guard base < end else { return }
    var result: [Region] = []
    for region in list {
      if region.end <= base || region.base >= end {
        result.append(region)
        continue
      }
      if region.base < base {
        result.append(Region(base: region.base, end: base, noMap: region.noMap))
      }
      if region.end > end { result.append(Region(base: end, end: region.end, noMap: region.noMap)) }
    }
    list = result
  }

  static func merged(_ list: [Region]) -> [Region] {
    var result: [Region] = []
    for region in list where region.base < region.end {
      if let last = result.last, last.end == region.base, last.noMap == region.noMap {
        result[result.count - 1].end = region.end
      } else {
        result.append(region)
      }
    }
    return result
  }
}
