/// The board's DRAM contents: sparse 4 KiB pages that read as zero until written.
///
/// Storage is copy-on-write per page, so keeping many `Machine` snapshots costs only the pages
/// that changed between them.
public struct PhysicalMemory: Hashable, Sendable {
  /// Bytes per page.
  public static let pageSize: UInt64 = 4096
  /// The DRAM banks that hold bytes; accesses outside them are bus errors.
  public let banks: [MemoryRegion]
  private var pages: [UInt64: [UInt8]] = [:]

  /// Creates zeroed memory for the given banks.
  public init(banks: [MemoryRegion]) { self.banks = banks }

  /// Whether `[address, address + count)` lies inside one DRAM bank.
  public func contains(_ address: PhysAddr, count: UInt64 = 1) -> Bool {
    banks.contains { $0.contains(address.rawValue, count: count) }
  }

  /// Reads one byte (zero if never written).
  public func byte(at address: PhysAddr) -> UInt8 {
    let pfn = address.rawValue / Self.pageSize
    guard let page = pages[pfn] else { return 0 }
    return page[Int(address.rawValue % Self.pageSize)]
  }

  /// Reads `count` bytes starting at `address`, a page at a time.
  public func read(_ address: PhysAddr, count: Int) -> [UInt8] {
    var result: [UInt8] = []
    result.reserveCapacity(count)
    var at = address.rawValue
    var left = count
    while left > 0 {
      let offset = Int(at % Self.pageSize)
      let chunk = min(left, Int(Self.pageSize) - offset)
      if let page = pages[at / Self.pageSize] {
        result.append(contentsOf: page[offset..<offset + chunk])
      } else {
        result.append(contentsOf: repeatElement(0, count: chunk))
      }
      // The bus address wraps at 2^64 (a ring at DMA_MAPPING_ERROR reads past the top).
      at &+= UInt64(chunk)
      left -= chunk
    }
    return result
  }

  /// Writes bytes starting at `address`, a page at a time (pages that would only hold zeros
  /// are not created).
  public mutating func write(_ address: PhysAddr, bytes: [UInt8]) {
    var at = address.rawValue
    var done = 0
    while done < bytes.count {
      let offset = Int(at % Self.pageSize)
      let chunk = min(bytes.count - done, Int(Self.pageSize) - offset)
      let pfn = at / Self.pageSize
      let slice = bytes[done..<done + chunk]
      if pages[pfn] == nil {
        if !slice.contains(where: { $0 != 0 }) {
          at &+= UInt64(chunk)
          done += chunk
          continue
        }
        pages[pfn] = [UInt8](repeating: 0, count: Int(Self.pageSize))
      }
      pages[pfn]?.replaceSubrange(offset..<offset + chunk, with: slice)
      at &+= UInt64(chunk)
      done += chunk
    }
  }

  /// The number of pages that hold non-zero data (for memory statistics).
  public var populatedPages: Int { pages.count }
}

/// A named range of physical addresses.
public struct MemoryRegion: Hashable, Sendable {
  /// What the region is (`memory@40000000`, `spi@9060000`, ...).
  public var name: String
  /// First address.
  public var base: UInt64
  /// Length in bytes.
  public var size: UInt64

  /// Creates a region.
  public init(name: String, base: UInt64, size: UInt64) {
    self.name = name
    self.base = base
    self.size = size
  }

  /// One past the last address.
  public var end: UInt64 { base + size }

  /// Whether `[address, address + count)` lies inside the region.
  public func contains(_ address: UInt64, count: UInt64 = 1) -> Bool {
    address >= base && count <= size && address - base <= size - count
  }
}
