/// The `/reserved-memory` node: whether the kernel accepts its format, and its children.
public struct ReservedMemoryDescription: Hashable, Sendable {
  /// `#address-cells` and `#size-cells` equal the root's and `ranges` is present; otherwise
  /// the kernel ignores the whole node ("unsupported node format").
  public var formatSupported: Bool
  /// The children, in tree order.
  public var nodes: [ReservedMemoryNode]

  /// Creates a description.
  public init(formatSupported: Bool, nodes: [ReservedMemoryNode]) {
    self.formatSupported = formatSupported
    self.nodes = nodes
  }
}

/// Raw 32-bit cells of a property and its length in bytes (which may not be a multiple of 4).
public struct CellData: Hashable, Sendable {
  /// The cells (the whole 4-byte groups).
  public var cells: [UInt32]
  /// The property length in bytes.
  public var byteCount: Int

  /// Creates cell data.
  public init(cells: [UInt32], byteCount: Int) {
    self.cells = cells
    self.byteCount = byteCount
  }

  /// Cell data from whole cells.
  public init(_ cells: [UInt32]) { self.init(cells: cells, byteCount: cells.count * 4) }

  /// `dt_mem_next_cell`: `count` cells from `index` read as one number (low 64 bits).
  public func number(at index: Int, count: Int) -> UInt64 {
    var result: UInt64 = 0
    for offset in 0..<count where index + offset < cells.count {
      result = (result << 32) | UInt64(cells[index + offset])
    }
    return result
  }
}

/// One child of `/reserved-memory`, with the properties the kernel looks at.
public struct ReservedMemoryNode: Hashable, Sendable {
  /// The node name (`linux,cma`, `vpu-pool@50000000`), as `fdt_get_name` returns it.
  public var name: String
  /// The full path.
  public var path: String
  /// `status` is absent, `okay` or `ok`.
  public var available: Bool
  /// `reg` (a static region), if present.
  public var reg: CellData?
  /// `size` (a dynamic region), if present.
  public var size: CellData?
  /// `alignment`, if present.
  public var alignment: CellData?
  /// `alloc-ranges`, if present.
  public var allocRanges: CellData?
  /// `no-map`.
  public var noMap: Bool
  /// `reusable`.
  public var reusable: Bool
  /// `compatible` strings.
  public var compatible: [String]
  /// `linux,cma-default`.
  public var cmaDefault: Bool
  /// `linux,dma-default`.
  public var dmaDefault: Bool

  /// Creates a node description.
  public init(
    name: String, path: String, available: Bool = true, reg: CellData? = nil,
    size: CellData? = nil, alignment: CellData? = nil, allocRanges: CellData? = nil,
    noMap: Bool = false, reusable: Bool = false, compatible: [String] = [],
    cmaDefault: Bool = false, dmaDefault: Bool = false
  ) {
    self.name = name
    self.path = path
    self.available = available
    self.reg = reg
    self.size = size
    self.alignment = alignment
    self.allocRanges = allocRanges
    self.noMap = noMap
    self.reusable = reusable
    self.compatible = compatible
    self.cmaDefault = cmaDefault
    self.dmaDefault = dmaDefault
  }

  /// Whether `compatible` lists a string.
  public func isCompatible(with name: String) -> Bool { compatible.contains(name) }
}
