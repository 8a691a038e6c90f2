import DMASim

/// The three address spaces one buffer lives in, as columns of regions in address order:
/// CPU virtual (the kernel's mappings), physical (DRAM banks, CMA areas, the kernel image,
/// MMIO) and bus (what the device puts on the bus: the streaming mappings and coherent
/// handles, and DRAM as the device sees it). The buffer's row sits under the region that
/// holds it in each column, so one glance links VA, PA and bus address.
struct AddressSpaceColumns {
  /// One row of a column.
  struct Row: Hashable {
    /// The region's name, or the buffer's name on its own row.
    var label: String
    /// The address the row starts at.
    var address: UInt64
    /// Whether the row is the selected buffer's.
    var isBuffer: Bool
    /// Whether the row is the region holding the buffer.
    var holdsBuffer: Bool
    /// Nesting depth (a CMA area inside a DRAM bank is 1).
    var depth: Int
  }

  /// The CPU-virtual column.
  var virtual: [Row]
  /// The physical column.
  var physical: [Row]
  /// The bus column.
  var bus: [Row]
  /// The bus column's title (the device, when the buffer is mapped for one).
  var busTitle: String
  /// The bus address of the buffer, if it has one.
  var busAddress: UInt64?
  /// The device's IOVA space, when the bus column is one (a device behind an IOMMU).
  var iova: IOVAColumn?

  init(machine: Machine, buffer: Allocation) {
    let table = machine.memory.pageTable
    let own = table.translate(buffer.virtualAddress)?.mapping
    var virtualRows = table.mappings.sorted { $0.virtualBase < $1.virtualBase }.map { mapping in
      Row(
        label: mapping.name.replacingPrefix("ioremap ", with: "io "),
        address: mapping.virtualBase.rawValue, isBuffer: false, holdsBuffer: mapping == own,
        depth: 0)
    }
    Self.insert(
      Row(
        label: buffer.name, address: buffer.virtualAddress.rawValue, isBuffer: true,
        holdsBuffer: false, depth: 1), into: &virtualRows)
    virtual = virtualRows

    let board = machine.board
    var regions: [(String, MemoryRegion, Int)] = board.dram.map { ("DRAM \($0.name)", $0, 0) }
    regions += board.mmio.map { ("MMIO \($0.name)", $0, 0) }
    regions.append(("kernel", board.kernelReserved, 1))
    // reserved-memory carve-outs with no-map: out of the linear map, so never a kernel VA.
    regions += board.noMapRegions.map {
      ($0.name.hasPrefix("no-map") ? "rsv \($0.name)" : "no-map \($0.name)", $0, 1)
    }
    regions += machine.allocators.cmaAreas.map {
      ("CMA \($0.name)", MemoryRegion(name: $0.name, base: $0.base, size: $0.size), 1)
    }
    regions += machine.dma.coherentPools.map {
      (
        "pool \($0.name)",
        MemoryRegion(
          name: $0.name, base: $0.pool.physicalBase,
          size: UInt64($0.pool.pages) << 12), 1
      )
    }
    if let swiotlb = machine.dma.swiotlb {
      let size = UInt64(swiotlb.slotCount) * SwiotlbPool.slotSize
      regions.append(("swiotlb", MemoryRegion(name: "swiotlb", base: swiotlb.start, size: size), 1))
    }
    regions.sort { ($0.1.base, $0.2) < ($1.1.base, $1.2) }
    let pa = buffer.physical.rawValue
    let holder = regions.lastIndex { $0.1.contains(pa) }
    var physicalRows = regions.enumerated().map { index, entry in
      Row(
        label: entry.0, address: entry.1.base, isBuffer: false, holdsBuffer: index == holder,
        depth: entry.2)
    }
    Self.insert(
      Row(label: buffer.name, address: pa, isBuffer: true, holdsBuffer: false, depth: 2),
      into: &physicalRows)
    physical = physicalRows

    let mapping = machine.dma.mappings.last {
      machine.memory.pageTable.buffer(buffer, overlaps: $0.physical, count: $0.size)
    }
    // The device's dma-ranges offset: bus = CPU physical - offset (0 on boards without one).
    if let column = IOVAColumn(machine: machine, buffer: buffer, mapping: mapping) {
      var rows = column.rows
      if let at = column.bufferIOVA {
        Self.insert(
          Row(label: buffer.name, address: at, isBuffer: true, holdsBuffer: false, depth: 1),
          into: &rows)
      }
      bus = rows
      busTitle = "IOVA " + column.device
      busAddress = column.bufferIOVA
      iova = column
      return
    }
    let segment = mapping == nil ? Self.scatterGatherSegment(of: buffer, in: machine) : nil
    let device = mapping?.device ?? segment?.device
    let offset = device.flatMap { board.device(named: $0) }?.dmaOffset ?? 0
    var busRows = board.dram.map {
      Row(
        label: offset == 0 ? "DRAM (=PA)" : "DRAM (PA-\(Hex.prefixed(offset)))",
        address: $0.base &- offset, isBuffer: false, holdsBuffer: false, depth: 0)
    }
    var handle: UInt64?
    if let mapping {
      busTitle = "bus " + mapping.device
      handle = mapping.handle.rawValue + (pa - min(pa, mapping.physical.rawValue))
    } else if let segment {
      busTitle = "bus " + segment.device + " sg"
      handle = segment.handle
    } else if buffer.allocator.hasPrefix("dma_alloc") {
      busTitle = "bus (dma handle)"
      handle = pa
    } else {
      busTitle = "bus"
    }
    if let handle {
      for (index, bank) in board.dram.enumerated() where bank.contains(handle &+ offset) {
        busRows[index].holdsBuffer = true
      }
      Self.insert(
        Row(label: buffer.name, address: handle, isBuffer: true, holdsBuffer: false, depth: 1),
        into: &busRows)
    }
    bus = busRows
    busAddress = handle
  }

  /// The bus address of a buffer mapped by `dma_map_sg` (without an IOMMU, each mapped entry
  /// carries its own bus address): the first mapped entry overlapping the buffer.
  static func scatterGatherSegment(of buffer: Allocation, in machine: Machine) -> (
    device: String, handle: UInt64
  )? {
    let start = buffer.physical.rawValue
    let end = start + max(buffer.size, 1)
    for list in machine.dma.scatterLists where list.mappedCount > 0 {
      guard let device = list.device else { continue }
      for entry in list.entries.prefix(list.mappedCount) {
        guard let physical = entry.physical?.rawValue, let bus = entry.dmaAddress,
          bus != .mappingError, physical < end, start < physical + max(entry.length, 1)
        else { continue }
        return (device, bus.rawValue + start - min(start, physical))
      }
    }
    return nil
  }

  /// Inserts a buffer row after the last row at or below its address.
  private static func insert(_ row: Row, into rows: inout [Row]) {
    let index = rows.lastIndex { $0.address <= row.address }.map { $0 + 1 } ?? 0
    rows.insert(row, at: index)
  }

  /// The columns cut to at most `count` rows each, with every column's buffer row on the same
  /// screen row (nil cells are blank), so the buffer reads across as one line.
  static func aligned(_ columns: [[Row]], count: Int) -> [[Row?]] {
    guard count > 0 else { return columns.map { _ in [] } }
    let splits = columns.map { rows -> (before: [Row], buffer: Row?, after: [Row]) in
      guard let index = rows.firstIndex(where: \.isBuffer) else { return (rows, nil, []) }
      return (Array(rows[..<index]), rows[index], Array(rows[(index + 1)...]))
    }
    let hasBuffer = splits.contains { $0.buffer != nil }
    guard hasBuffer else { return columns.map { Array($0.prefix(count)).map { $0 } } }
    let longestBefore = splits.filter { $0.buffer != nil }.map(\.before.count).max() ?? 0
    let longestAfter = splits.map(\.after.count).max() ?? 0
    // Leave room below the buffer row for what follows it, but never less than half above.
    let above = min(longestBefore, max(count / 2, count - 1 - longestAfter))
    return splits.map { split in
      guard let buffer = split.buffer else { return Array(split.before.prefix(count)).map { $0 } }
      let shownBefore = Array(split.before.suffix(above))
      var cells: [Row?] = Array(repeating: nil, count: above - shownBefore.count)
      cells += shownBefore.map { $0 }
      cells.append(buffer)
      cells += split.after.prefix(max(0, count - cells.count)).map { $0 }
      return cells
    }
  }
}
