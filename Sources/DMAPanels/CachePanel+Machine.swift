import DMASim

extension CachePanelModel {
  /// The adapter: the machine's valid lines, the last step's touches, invalidations and
  /// evictions, and for the `detail` row its bytes as CPU, RAM and the viewing device read
  /// them. Lines holding bytes of `buffer` or `bufferPieces` are marked.
  public init(
    machine: Machine, selected: Int? = nil, detail: Int? = nil, buffer: Range<UInt64>? = nil,
    bufferPieces: [Range<UInt64>] = []
  ) {
    let cache = machine.memory.cache
    let geometry = cache.geometry
    let touched = Set(machine.lastTouch.cacheSlots)
    let size = UInt64(geometry.lineSize)
    let ranges = [buffer].compactMap { $0 } + bufferPieces
    let slots = CachePanel.validSlots(in: cache)
    let rows = slots.map { slot -> Row in
      let line = cache.line(slot)
      let address = cache.lineAddress(of: slot).rawValue
      return Row(
        set: slot.set, way: slot.way, state: LineState(line.state),
        previousState: LineState(line.previousState), changedAtStep: line.changedAtStep,
        address: address, age: cache.age(of: slot), tag: line.tag, data: line.data,
        touched: touched.contains(slot),
        coversBuffer: ranges.contains { address < $0.upperBound && $0.lowerBound < address + size })
    }
    var views: Views?
    if let detail, slots.indices.contains(detail) {
      let address = cache.lineAddress(of: slots[detail])
      if let device = CachePanel.viewingDevice(of: address, size: geometry.lineSize, in: machine),
        let found = machine.views(of: address, count: geometry.lineSize, device: device)
      {
        views = Views(
          device: device, cpu: found.bytes.map(\.cpu), ram: found.bytes.map(\.ram),
          deviceBytes: found.bytes.map(\.device), differs: found.differs)
      }
    }
    var dropped: [Dropped] = []
    var seen: [CacheSlot] = []
    for slot in machine.lastTouch.cacheSlots where !seen.contains(slot) {
      seen.append(slot)
      let line = cache.line(slot)
      guard !line.isValid, line.changedAtStep == machine.stepCount else { continue }
      dropped.append(
        Dropped(
          set: slot.set, way: slot.way, address: cache.lineAddress(of: slot).rawValue,
          wasDirty: line.previousState == .dirty))
    }
    self.init(
      sets: geometry.sets, ways: geometry.ways, lineSize: geometry.lineSize,
      writeBack: geometry.writePolicy == .writeBack, rows: rows, selected: selected,
      detail: detail, detailViews: views, dropped: dropped,
      evictions: machine.lastTouch.evictions.map(\.rawValue))
  }
}

extension CachePanelModel.LineState {
  /// The panel's state for a cache line's.
  init(_ state: CacheLine.State) {
    switch state {
    case .invalid: self = .invalid
    case .clean: self = .clean
    case .dirty: self = .dirty
    }
  }
}

extension CachePanel {
  /// Creates the panel for a machine (builds the model with `CachePanelModel(machine:…)`).
  public init(
    context: PanelContext, selected: Int? = nil, detail: Int? = nil, buffer: Range<UInt64>? = nil,
    bufferPieces: [Range<UInt64>] = []
  ) {
    self.init(
      look: context.look,
      model: CachePanelModel(
        machine: context.machine, selected: selected, detail: detail, buffer: buffer,
        bufferPieces: bufferPieces))
  }

  /// Every valid line's slot, in set and way order (the panel's rows).
  public static func validSlots(in cache: DataCache) -> [CacheSlot] {
    var slots: [CacheSlot] = []
    for set in 0..<cache.geometry.sets {
      for way in 0..<cache.geometry.ways where cache.line(CacheSlot(set: set, way: way)).isValid {
        slots.append(CacheSlot(set: set, way: way))
      }
    }
    return slots
  }

  /// The device whose view of a line the detail pane shows: the device of the newest
  /// streaming mapping over it, else of a mapped scatterlist over it, else of an IOMMU domain
  /// mapping it, else the board's first DMA client.
  static func viewingDevice(of line: PhysAddr, size: Int, in machine: Machine) -> String? {
    let count = UInt64(size)
    if let mapping = machine.dma.mappings.last(where: { $0.overlaps(line, count: count) }) {
      return mapping.device
    }
    // Every mapped entry counts (through an IOMMU they merge into fewer segments).
    for list in machine.dma.scatterLists
    where !list.mappedEntries(overlapping: line, count: count).isEmpty {
      if let device = list.device { return device }
    }
    if let page = machine.iovaPages(mapping: line, size: count).first { return page.device }
    return (machine.board.devices.first { !$0.dmas.isEmpty } ?? machine.board.devices.first)?.name
  }
}
