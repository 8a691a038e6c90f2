extension DeviceTree {
  /// Every node that sets `phandle` (or `linux,phandle`), by phandle, with its path. When two
  /// nodes claim one phandle the first in pre-order wins.
  public func phandleTable() -> [UInt32: String] {
    var table: [UInt32: String] = [:]
    for (path, node) in allNodes() {
      guard let value = node.phandle, value != 0, value != UInt32.max else { continue }
      if table[value] == nil { table[value] = path }
    }
    return table
  }

  /// The path of the node with a phandle.
  public func path(forPhandle phandle: UInt32) -> String? {
    for (path, node) in allNodes() where node.phandle == phandle { return path }
    return nil
  }

  /// Resolves a phandle-list property such as `memory-region` or `iommus` whose entries
  /// carry a phandle and `#cells-name` argument cells taken from each target (0 when
  /// `cellsName` is nil). Entries whose phandle is unknown are reported with a nil path.
  public func phandleList(
    _ property: DeviceTreeProperty, cellsName: String?, table: [UInt32: String]
  ) -> [(path: String?, phandle: UInt32, arguments: [UInt32])] {
    guard let cells = property.cells else { return [] }
    var result: [(path: String?, phandle: UInt32, arguments: [UInt32])] = []
    var index = 0
    while index < cells.count {
      let phandle = cells[index]
      index += 1
      let path = table[phandle]
      var count = 0
      if let cellsName, let path, let target = node(at: path) {
        count = Int(target.property(cellsName)?.u32 ?? 0)
      }
      guard path != nil || cellsName == nil, count <= 16, index + count <= cells.count else {
        result.append((path, phandle, []))
        break
      }
      result.append((path, phandle, Array(cells[index..<(index + count)])))
      index += count
    }
    return result
  }
}
