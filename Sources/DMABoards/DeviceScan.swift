import DMASim
import DeviceTree

/// Reads devices, MMIO and DMA controllers out of a tree for `BoardBuilder`.
struct DeviceScan {
  let tree: DeviceTree
  let result: BootResult
  let dma: DMAScan
  /// Scenario names by node path (labels, aliases, or the node name with a number).
  let names: [String: String]

  init(tree: DeviceTree, result: BootResult) {
    self.tree = tree
    self.result = result
    dma = DMAScan(tree: tree)
    names = Self.scenarioNames(tree, dma.nodes.map(\.path))
  }

  /// Whether a node is a device the board lists: it uses DMA (`dmas`, `memory-region`,
  /// `iommus`, `dma-coherent`), is a DMA controller, or has a known peripheral compatible.
  func isDevice(_ path: String, _ node: DeviceTreeNode) -> Bool {
    guard dma.available.contains(path), path != "/" else { return false }
    if path.hasPrefix("/reserved-memory") || path.hasPrefix("/cpus") { return false }
    if node.has("#iommu-cells") { return false }
    return node.has("dmas") || node.has("memory-region") || node.has("iommus")
      || node.has("dma-coherent") || node.has("#dma-cells")
      || node.compatible.contains { PeripheralDefaults.known($0) != nil }
  }

  /// Devices in tree order.
  func devices() -> [DeviceSpec] {
    dma.nodes.compactMap { path, node in isDevice(path, node) ? device(path, node) : nil }
  }

  func device(_ path: String, _ node: DeviceTreeNode) -> DeviceSpec {
    let compatible = node.compatible.first ?? ""
    let defaults = node.compatible.lazy.compactMap(PeripheralDefaults.known).first
    let registers = cpuRegisters(path)
    var channels: [DMAChannelRef] = []
    let dmaNames = node.property("dma-names")?.strings ?? []
    if let dmas = node.property("dmas") {
      for (index, entry) in tree.phandleList(dmas, cellsName: "#dma-cells", table: dma.phandles)
        .enumerated()
      {
        guard let controller = entry.path else { continue }
        channels.append(
          DMAChannelRef(
            name: index < dmaNames.count ? dmaNames[index] : "dma\(index)",
            controller: names[controller] ?? controller,
            requestLine: Int(entry.arguments.first ?? 0)))
      }
    }
    let base = registers.first?.address ?? 0
    let hasTX = channels.contains { $0.name != "rx" }
    let hasRX = channels.contains { $0.name == "rx" }
    let fifos = PeripheralDefaults.fifos(
      compatible: defaults?.compatible ?? compatible, registerBase: base)
    var spec = DeviceSpec(
      name: names[path] ?? node.baseName, compatible: compatible,
      driverName: defaults?.driver ?? Self.driverName(compatible),
      kernelName: busID(path), coherent: dma.isCoherent(path), dmaMaskBits: 32,
      fifo: hasTX ? fifos.tx : nil, rxFIFO: hasRX ? fifos.rx : nil, dmas: channels)
    spec.node = path
    configureDMA(&spec, path)
    for region in regions(of: node) {
      guard let found = result.reserved.first(where: { $0.node == region }) else { continue }
      switch found.kind {
      case .coherentPool where spec.coherentPool == nil:
        spec.coherentPool = MemoryRegion(name: found.name, base: found.base, size: found.size)
      case .cma where spec.cmaArea == nil: spec.cmaArea = found.name
      default: break
      }
    }
    let iommus =
      node.property("iommus").map {
        tree.phandleList($0, cellsName: "#iommu-cells", table: dma.phandles)
      } ?? []
    spec.iommuReferences = iommus.compactMap(\.path)
    return spec
  }

  /// `of_dma_configure_id`: masks start at `DMA_BIT_MASK(32)` (`setup_pdev_dma_masks`); with
  /// `dma-ranges` the bus limit is the highest bus address of the windows, the masks are cut
  /// to `DMA_BIT_MASK(ilog2(end) + 1)` and the offset is the first window's CPU − bus address.
  func configureDMA(_ spec: inout DeviceSpec, _ path: String) {
    var end: UInt64 = 0xffff_ffff
    if let windows = dma.windows(for: path), let first = windows.first {
      end = windows.map { $0.busAddress &+ $0.size &- 1 }.max() ?? end
      spec.busDMALimit = end
      spec.dmaOffset = first.cpuAddress &- first.busAddress
    }
    let bits = min(32, 64 - end.leadingZeroBitCount)
    spec.dmaMaskBits = bits
    spec.coherentMaskBits = bits
  }

  /// `memory-region` targets as paths.
  func regions(of node: DeviceTreeNode) -> [String] {
    guard let property = node.property("memory-region") else { return [] }
    return tree.phandleList(property, cellsName: nil, table: dma.phandles).compactMap(\.path)
  }

  /// The node's `reg` entries translated to CPU addresses (empty when not translatable).
  func cpuRegisters(_ path: String) -> [RegEntry] {
    guard let entries = try? tree.reg(at: path) else { return [] }
    return entries.compactMap { entry in
      tree.cpuAddress(entry.address, onBusOf: path).map {
        RegEntry(address: $0, size: entry.size)
      }
    }
  }

  /// `of_device_make_bus_id`: `<cpu address in hex>.<node name>` when the first `reg`
  /// translates, else the node's full name prefixed to its parent's (`a:b`).
  func busID(_ path: String) -> String {
    var components: [String] = []
    var current: String? = path
    while let at = current, at != "/", let node = tree.node(at: at) {
      if let register = cpuRegisters(at).first {
        return ([String(register.address, radix: 16) + "." + node.baseName] + components)
          .joined(separator: ":")
      }
      components.insert(node.name, at: 0)
      current = DeviceTree.parentPath(of: at)
    }
    return components.joined(separator: ":")
  }

  /// The `reg` ranges (CPU addresses, outside DRAM) of the devices the board lists, in tree
  /// order: what their drivers would `ioremap`.
  func mmio(devices: [DeviceSpec]) -> [MemoryRegion] {
    var regions: [MemoryRegion] = []
    for device in devices {
      guard let path = device.node, let node = tree.node(at: path) else { continue }
      for entry in cpuRegisters(path) where entry.size > 0 {
        let inDRAM = result.memblock.memory.contains {
          entry.address < $0.end && $0.base < entry.address &+ entry.size
        }
        if !inDRAM, entry.address.addingReportingOverflow(entry.size).overflow == false {
          regions.append(MemoryRegion(name: node.name, base: entry.address, size: entry.size))
        }
      }
    }
    return regions
  }

  /// Controllers from the boot result, with the request lines their consumers use.
  func controllers(devices: [DeviceSpec]) -> [ControllerSpec] {
    result.controllers.map { description in
      let name = names[description.node] ?? description.node
      let lines = Set(devices.flatMap(\.dmas).filter { $0.controller == name }.map(\.requestLine))
      let capabilities = PeripheralDefaults.capabilities(compatible: description.compatible)
      return ControllerSpec(
        name: name, compatible: description.compatible,
        physicalChannels: description.channels > 0 ? description.channels : 8,
        requestLines: lines.sorted(),
        memcpyChannels: capabilities.transactionTypes.contains("DMA_MEMCPY") ? 2 : 0,
        capabilities: capabilities)
    }
  }

  /// `vendor,name` → `name`.
  static func driverName(_ compatible: String) -> String {
    guard let comma = compatible.firstIndex(of: ",") else { return compatible }
    return String(compatible[compatible.index(after: comma)...])
  }

  /// Identifier-safe names: a label, else an alias, else the node name with `-` as `_` and
  /// a number counting earlier nodes of that name (`spi0`, `video_decoder0`).
  static func scenarioNames(_ tree: DeviceTree, _ paths: [String]) -> [String: String] {
    var aliases: [String: String] = [:]
    for property in tree.node(at: "/aliases")?.properties ?? [] {
      if let target = property.string, aliases[target] == nil { aliases[target] = property.name }
    }
    var names: [String: String] = [:]
    var used: Set<String> = []
    var counts: [String: Int] = [:]
    for path in paths {
      guard let node = tree.node(at: path) else { continue }
      let candidates = node.labels + [aliases[path]].compactMap { $0 }
      if let name = candidates.map(identifier).first(where: { !used.contains($0) }) {
        names[path] = name
        used.insert(name)
        continue
      }
      let base = identifier(node.baseName)
      var number = counts[base] ?? 0
      while used.contains("\(base)\(number)") { number += 1 }
      counts[base] = number + 1
      names[path] = "\(base)\(number)"
      used.insert("\(base)\(number)")
    }
    return names
  }

  static func identifier(_ text: String) -> String {
    let mapped = text.map { $0.isLetter || $0.isNumber || $0 == "_" ? $0 : "_" }
    let result = String(mapped)
    return result.first?.isNumber == true || result.isEmpty ? "n" + result : result
  }
}
