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
