extension DeviceTree {
  /// The cell counts the node at `path` sets for its children, defaulting per the
  /// Devicetree Specification (2 address cells, 1 size cell) when absent or malformed.
  public func cellCounts(of path: String) -> CellCounts {
    guard let node = node(at: path) else { return .specificationDefault }
    return Self.cellCounts(of: node)
  }

  /// The cell counts a node sets for its children (specification defaults when absent).
  public static func cellCounts(of node: DeviceTreeNode) -> CellCounts {
    let defaults = CellCounts.specificationDefault
    let address = node.property("#address-cells")?.u32.map(Int.init) ?? defaults.address
    let size = node.property("#size-cells")?.u32.map(Int.init) ?? defaults.size
    return CellCounts(address: address, size: size)
  }

  /// Decodes the `reg` of the node at `path` with its parent's cell counts. Returns nil when
  /// there is no node or no `reg`, and throws when the length does not fit the cell counts.
  public func reg(at path: String, fileName: String = "tree") throws -> [RegEntry]? {
    guard let node = node(at: path), let property = node.property("reg") else { return nil }
    let parent = Self.parentPath(of: path).map { cellCounts(of: $0) } ?? .specificationDefault
    return try Self.decodeReg(property, cells: parent, path: path, fileName: fileName)
  }

  /// Decodes a `reg`-shaped property (address then size, repeated) with given cell counts.
  public static func decodeReg(
    _ property: DeviceTreeProperty, cells: CellCounts, path: String, fileName: String
  ) throws -> [RegEntry] {
    let stride = cells.address + cells.size
    guard let values = property.cells, stride > 0, stride <= 8, values.count % stride == 0,
      cells.address <= 4, cells.size <= 4
    else {
      throw DeviceTreeError(
        fileName: fileName, location: .whole,
        message: "\(path): '\(property.name)' is \(property.value.count) bytes, not a multiple "
          + "of (#address-cells \(cells.address) + #size-cells \(cells.size)) cells",
        hint: "check #address-cells and #size-cells of the parent node")
    }
    var entries: [RegEntry] = []
    var index = 0
    while index < values.count {
      let address = CellCounts.number(values, at: index, count: cells.address)
      let size = CellCounts.number(values, at: index + cells.address, count: cells.size)
      entries.append(RegEntry(address: address, size: size))
      index += stride
    }
    return entries
  }

  /// Decodes `ranges` or `dma-ranges` of the node at `path`: child address (the node's own
  /// `#address-cells`), parent address (its parent's), size (the node's `#size-cells`).
  /// Returns nil when absent; an empty array for an empty property (identity mapping).
  public func ranges(
    at path: String, property name: String = "ranges", fileName: String = "tree"
  ) throws -> [RangeEntry]? {
    guard let node = node(at: path), let property = node.property(name) else { return nil }
    let own = Self.cellCounts(of: node)
    let parent = Self.parentPath(of: path).map { cellCounts(of: $0) } ?? .specificationDefault
    let stride = own.address + parent.address + own.size
    guard let values = property.cells, stride > 0, values.count % stride == 0,
      own.address <= 4, own.size <= 4, parent.address <= 4
    else {
      throw DeviceTreeError(
        fileName: fileName, location: .whole,
        message: "\(path): '\(name)' is \(property.value.count) bytes, not a multiple of "
          + "\(stride) cells (child \(own.address) + parent \(parent.address) + size "
          + "\(own.size))",
        hint: "check the #address-cells and #size-cells of the node and its parent")
    }
    var entries: [RangeEntry] = []
    var index = 0
    while index < values.count {
      let child = CellCounts.number(values, at: index, count: own.address)
      let parentAddress = CellCounts.number(
        values, at: index + own.address, count: parent.address)
      let size = CellCounts.number(
        values, at: index + own.address + parent.address, count: own.size)
      entries.append(RangeEntry(childAddress: child, parentAddress: parentAddress, size: size))
      index += stride
    }
    return entries
  }

  /// Translates an address on the bus of the node at `path`'s parent up to a CPU physical
  /// address through each ancestor's `ranges`. Nil when an ancestor has no `ranges` (a
  /// non-translatable bus) or no window covers the address.
  public func cpuAddress(_ address: UInt64, onBusOf path: String) -> UInt64? {
    var current = address
    var bus = Self.parentPath(of: path)
    while let busPath = bus, busPath != "/" {
      guard let entries = try? ranges(at: busPath) else { return nil }
      if !entries.isEmpty {
        guard
          let window = entries.first(where: {
            current >= $0.childAddress && current - $0.childAddress < $0.size
          })
        else { return nil }
        current = window.parentAddress &+ (current - window.childAddress)
      }
      bus = Self.parentPath(of: busPath)
    }
    return current
  }
}
