import DMASim
import DeviceTree

/// Finds DMA controllers (`#dma-cells`) and the devices that use DMA, resolving phandles, and
/// the lowest `dma-ranges` limit of the tree (`of_dma_get_max_cpu_address`).
struct DMAScan {
  let tree: DeviceTree
  let nodes: [(path: String, node: DeviceTreeNode)]
  let phandles: [UInt32: String]
  let available: Set<String>

  init(tree: DeviceTree) {
    self.tree = tree
    nodes = tree.allNodes()
    phandles = tree.phandleTable()
    var available: Set<String> = []
    var blocked: [String] = []
    for (path, node) in nodes {
      if blocked.contains(where: { path.hasPrefix($0 + "/") }) { continue }
      if node.isAvailable { available.insert(path) } else { blocked.append(path) }
    }
    self.available = available
  }

  /// Available nodes with `#dma-cells`, in tree order.
  func controllers() -> [DMAControllerDescription] {
    nodes.compactMap { path, node in
      guard available.contains(path), let cells = node.property("#dma-cells")?.u32 else {
        return nil
      }
      let channels = node.property("dma-channels") ?? node.property("#dma-channels")
      let requests = node.property("dma-requests") ?? node.property("#dma-requests")
      return DMAControllerDescription(
        node: path, compatible: node.compatible.first ?? "", dmaCells: Int(cells),
        channels: Int(channels?.u32 ?? 0), requests: Int(requests?.u32 ?? 0))
    }
  }

  /// Available nodes with `dmas`, `memory-region` or `iommus`, in tree order.
  func consumers() -> [DMAConsumerDescription] {
    nodes.compactMap { path, node in
      guard available.contains(path),
        node.has("dmas") || node.has("memory-region") || node.has("iommus")
      else { return nil }
      let names = node.property("dma-names")?.strings ?? []
      var channels: [DMAChannelSpecifier] = []
      if let dmas = node.property("dmas") {
        for (index, entry) in tree.phandleList(dmas, cellsName: "#dma-cells", table: phandles)
          .enumerated()
        {
          channels.append(
            DMAChannelSpecifier(
              name: index < names.count ? names[index] : "", controller: entry.path ?? "",
              arguments: entry.arguments))
        }
      }
      let regions = node.property("memory-region").map {
        tree.phandleList($0, cellsName: nil, table: phandles).compactMap(\.path)
      }
      let iommus = node.property("iommus").map {
        tree.phandleList($0, cellsName: "#iommu-cells", table: phandles).compactMap(\.path)
      }
      return DMAConsumerDescription(
        node: path, compatible: node.compatible.first ?? "", channels: channels,
        memoryRegions: regions ?? [], iommus: iommus ?? [], coherent: isCoherent(path),
        dmaWindows: windows(for: path))
    }
  }

  /// `dma-coherent` on the node or an ancestor.
  func isCoherent(_ path: String) -> Bool {
    var current: String? = path
    while let at = current {
      if tree.node(at: at)?.has("dma-coherent") == true { return true }
      if tree.node(at: at)?.has("dma-noncoherent") == true { return false }
      current = DeviceTree.parentPath(of: at)
    }
    return false
  }

  /// The non-empty `dma-ranges` of the nearest ancestor bus, as CPU windows.
  func windows(for path: String) -> [DMAWindow]? {
    var current = DeviceTree.parentPath(of: path)
    while let bus = current {
      if let property = tree.node(at: bus)?.property("dma-ranges"), !property.isEmpty {
        return cpuWindows(of: bus)
      }
      current = DeviceTree.parentPath(of: bus)
    }
    return nil
  }

  /// A bus's `dma-ranges` with each parent address translated up to the CPU.
  func cpuWindows(of bus: String) -> [DMAWindow] {
    guard let entries = try? tree.ranges(at: bus, property: "dma-ranges") else { return [] }
    return entries.compactMap { entry in
      translate(entry.parentAddress, above: bus).map {
        DMAWindow(busAddress: entry.childAddress, cpuAddress: $0, size: entry.size)
      }
    }
  }

  /// Translates an address on `node`'s parent bus through the ancestors' `dma-ranges`
  /// (missing or empty: one to one).
  func translate(_ address: UInt64, above node: String) -> UInt64? {
    var current = address
    var bus = DeviceTree.parentPath(of: node)
    while let at = bus, at != "/" {
      if let entries = try? tree.ranges(at: at, property: "dma-ranges"), !entries.isEmpty {
        guard
          let window = entries.first(where: {
            current >= $0.childAddress && current - $0.childAddress < $0.size
          })
        else { return nil }
        current = window.parentAddress &+ (current - window.childAddress)
      }
      bus = DeviceTree.parentPath(of: at)
    }
    return current
  }

  /// `of_dma_get_max_cpu_address(NULL)`: the lowest, over all available nodes with
  /// non-empty `dma-ranges`, of the highest CPU address their windows reach.
  func maximumCPUAddress() -> UInt64? {
    var result: UInt64?
    for (path, node) in nodes where available.contains(path) {
      guard let property = node.property("dma-ranges"), !property.isEmpty else { continue }
      var end: UInt64 = 0
      for window in cpuWindows(of: path) where window.size > 0 {
        end = max(end, window.cpuAddress &+ window.size &- 1)
      }
      result = min(result ?? UInt64.max, end)
    }
    return result
  }
}
