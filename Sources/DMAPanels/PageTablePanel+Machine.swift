import DMASim

extension PageTablePanelModel {
  /// The adapter: the walk of `buffer`'s first byte in the machine's kernel page table, the
  /// entries over its range, its aliases and its IO page table walk.
  public init(machine: Machine, buffer: Allocation?) {
    guard let buffer else {
      self.init(walk: .noBuffer)
      return
    }
    let table = machine.memory.pageTable
    let walk = table.walk(buffer.virtualAddress)
    guard let leaf = walk.leaf, let output = walk.physical,
      let own = table.translate(buffer.virtualAddress)?.mapping
    else {
      self.init(
        walk: .fault(
          name: buffer.name, virtual: buffer.virtualAddress.rawValue, level: walk.faultLevel ?? 0))
      return
    }
    let type = leaf.memoryType
    let entries = table.entries(
      from: leaf.virtual,
      size: buffer.virtualAddress.rawValue - leaf.virtual.rawValue + max(buffer.reservedSize, 1),
      limit: 4096)
    self.init(
      walk: .mapped(
        Mapped(
          name: buffer.name, virtual: buffer.virtualAddress.rawValue, physical: output.rawValue,
          rootTable: table.rootTable.rawValue,
          steps: walk.steps.map {
            Step(
              level: $0.level, levelName: $0.levelName, index: $0.index,
              descriptor: $0.descriptor, kind: StepKind($0.kind))
          },
          leaf: Leaf(
            isBlock: leaf.isBlock, size: leaf.size, memoryType: type.kernelName,
            cacheable: type.isCacheable, attrIndx: Int(type.attrIndx),
            mair: UInt64(type.mairEncoding),
            attributes: leaf.attributes.summary.split(separator: " ")
              .filter { !$0.hasPrefix("MT_") }.joined(separator: " "),
            mappingName: leaf.mappingName),
          entries: entries.map {
            Entry(
              virtual: $0.virtual.rawValue, physical: $0.physical.rawValue, size: $0.size,
              memoryType: $0.memoryType.shortName, writable: $0.attributes.writable)
          },
          aliases: PageAlias.aliases(of: buffer, own: own, in: machine).map {
            Alias(
              virtual: $0.virtualAddress.rawValue, mappingName: $0.mapping.name,
              memoryType: $0.mapping.memoryType.shortName, mismatched: $0.mismatched)
          }, io: Self.ioWalk(machine: machine, buffer: buffer))))
  }

  /// The IO page table walk of the buffer's IOVA, for a device behind an IOMMU.
  static func ioWalk(machine: Machine, buffer: Allocation) -> IOWalk? {
    let levels = IOPageTable.levels
    guard let column = IOVAColumn(machine: machine, buffer: buffer, mapping: nil),
      let iova = column.bufferIOVA,
      let view = machine.iommuView(device: column.device, iova: DMAAddr(iova), size: 1),
      let page = view.pages.first
    else { return nil }
    return IOWalk(
      device: column.device, iommu: view.iommu, contextBank: view.contextBank, iova: iova,
      tableLevels: levels,
      levels: page.descriptors.enumerated().map { level, descriptor in
        let valid = descriptor & 3 == IOPageTable.typeTableOrPage
        return IOWalk.Level(
          index: IOPageTable.index(of: page.iova, level: level), descriptor: descriptor,
          kind: !valid ? "invalid" : level == levels - 1 ? "page" : "table")
      }, physical: page.physical?.rawValue, writable: page.writable, inIOTLB: page.inIOTLB)
  }
}

extension PageTablePanelModel.StepKind {
  /// The panel's kind for a walk step's.
  init(_ kind: DMASim.DescriptorKind) {
    switch kind {
    case .invalid: self = .invalid
    case .table: self = .table
    case .block: self = .block
    case .page: self = .page
    }
  }
}

extension PageTablePanel {
  /// Creates the panel for a machine (builds the model with `PageTablePanelModel(machine:…)`).
  public init(context: PanelContext, buffer: Allocation?) {
    self.init(
      look: context.look, model: PageTablePanelModel(machine: context.machine, buffer: buffer))
  }
}
