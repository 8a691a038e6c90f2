import DMASim
import DeviceTree

/// Reads what early memory setup needs out of a device tree, the way the kernel's flat-tree
/// code reads it: root cell sizes (1 and 1 when missing, the kernel's defaults), memory nodes
/// directly under the root, `/memreserve/` up to the first empty entry, `/reserved-memory`,
/// DMA controllers and consumers, and `/chosen/bootargs`.
public enum BootDescriptionBuilder {
  /// Builds a description; `commandLine` replaces `/chosen/bootargs` when given.
  public static func build(_ tree: DeviceTree, commandLine: String? = nil) -> BootDescription {
    let root = tree.root
    let addressCells = Int(root.property("#address-cells")?.u32 ?? 1)
    let sizeCells = Int(root.property("#size-cells")?.u32 ?? 1)
    var reservations: [PhysicalRange] = []
    for entry in tree.reservations {
      if entry.size == 0 { break }
      reservations.append(PhysicalRange(base: entry.address, size: entry.size))
    }
    let chosen = tree.node(at: "/chosen") ?? tree.node(at: "/chosen@0")
    let bootargs = chosen?.property("bootargs")?.string ?? ""
    let model = root.property("model")?.string ?? root.compatible.first ?? ""
    let dma = DMAScan(tree: tree)
    return BootDescription(
      model: model, rootAddressCells: addressCells, rootSizeCells: sizeCells,
      memory: memoryBanks(root, addressCells: addressCells, sizeCells: sizeCells),
      memoryReservations: reservations,
      reservedMemory: reservedMemory(tree, addressCells: addressCells, sizeCells: sizeCells),
      controllers: dma.controllers(), consumers: dma.consumers(),
      maximumDMACPUAddress: dma.maximumCPUAddress(), commandLine: commandLine ?? bootargs,
      treeShape: treeShape(root))
  }

  /// Every node's name lengths and the property count, in tree order.
  static func treeShape(_ root: DeviceTreeNode) -> BootDescription.TreeShape {
    var names: [Int] = []
    var baseNames: [Int] = []
    var properties = 0
    var pending = [root]
    while let node = pending.popLast() {
      let name = node.name == "/" ? "" : node.name
      names.append(name.utf8.count)
      baseNames.append(name.split(separator: "@", omittingEmptySubsequences: false)[0].utf8.count)
      properties += node.properties.count
      pending.append(contentsOf: node.children.reversed())
    }
    return BootDescription.TreeShape(
      nameLengths: names, baseNameLengths: baseNames, properties: properties)
  }

  /// `early_init_dt_scan_memory`: available children of the root with `device_type =
  /// "memory"`, `linux,usable-memory` or `reg` read with the root's cells, empty banks skipped.
  static func memoryBanks(_ root: DeviceTreeNode, addressCells: Int, sizeCells: Int)
    -> [MemoryBank]
  {
    var banks: [MemoryBank] = []
    let stride = addressCells + sizeCells
    for node in root.children where node.property("device_type")?.string == "memory" {
      guard node.isAvailable, stride > 0,
        let property = node.property("linux,usable-memory") ?? node.property("reg")
      else { continue }
      let data = cellData(property)
      var index = 0
      while data.cells.count - index >= stride {
        let base = data.number(at: index, count: addressCells)
        let size = data.number(at: index + addressCells, count: sizeCells)
        index += stride
        if size != 0 { banks.append(MemoryBank(node: "/" + node.name, base: base, size: size)) }
      }
    }
    return banks
  }

  /// The `/reserved-memory` node and its children.
  static func reservedMemory(_ tree: DeviceTree, addressCells: Int, sizeCells: Int)
    -> ReservedMemoryDescription?
  {
    guard let path = tree.canonicalPath(of: "/reserved-memory"),
      let node = tree.node(at: path)
    else { return nil }
    let supported =
      firstCell(node.property("#size-cells")) == sizeCells
      && firstCell(node.property("#address-cells")) == addressCells && node.has("ranges")
    let children = node.children.map { child in
      ReservedMemoryNode(
        name: child.name, path: path + "/" + child.name, available: child.isAvailable,
        reg: child.property("reg").map(cellData), size: child.property("size").map(cellData),
        alignment: child.property("alignment").map(cellData),
        allocRanges: child.property("alloc-ranges").map(cellData), noMap: child.has("no-map"),
        reusable: child.has("reusable"), compatible: child.compatible,
        cmaDefault: child.has("linux,cma-default"), dmaDefault: child.has("linux,dma-default"))
    }
    return ReservedMemoryDescription(formatSupported: supported, nodes: children)
  }

  /// The first cell of a property (`be32_to_cpup`), nil when shorter than a cell.
  static func firstCell(_ property: DeviceTreeProperty?) -> Int? {
    guard let value = property?.value, value.count >= 4 else { return nil }
    return Int(
      UInt32(value[0]) << 24 | UInt32(value[1]) << 16 | UInt32(value[2]) << 8
        | UInt32(value[3]))
  }

  /// A property's whole cells and its byte length.
  static func cellData(_ property: DeviceTreeProperty) -> CellData {
    let whole = property.value.count / 4 * 4
    let cells =
      DeviceTreeProperty(name: property.name, value: Array(property.value.prefix(whole))).cells
      ?? []
    return CellData(cells: cells, byteCount: property.value.count)
  }
}
