import DMASim

/// One thing `/` found: where it is shown and what selecting it means.
public enum FindMatch: Hashable, Sendable {
  /// A live buffer, found by one of its addresses or its variable (`how`: `VA`, `PA`, `bus`,
  /// `variable`).
  case buffer(id: Int, how: String)
  /// A valid cache line (its line address).
  case cacheLine(PhysAddr)
  /// A page of the first CMA area (offset in the area).
  case cmaPage(UInt64)
  /// A descriptor on a virtual channel.
  case descriptor(DescriptorRef)
}

/// Finds buffers, cache lines, CMA pages and descriptors from what the user typed: an address
/// (virtual, physical or bus; `0x` hex, bare hex or decimal), a scenario variable, or a cookie
/// (`cookie 2`, `#2`).
enum Finder {
  /// Every match, in a fixed order: buffers by VA, PA, bus; cache line; CMA page; descriptors.
  static func matches(for query: String, in machine: Machine) -> [FindMatch] {
    let text = query.trimmingSpaces
    guard !text.isEmpty else { return [] }
    var found: [FindMatch] = []
    func add(_ match: FindMatch) {
      if case .buffer(let id, _) = match,
        found.contains(where: { if case .buffer(id, _) = $0 { true } else { false } })
      {
        return
      }
      if !found.contains(match) { found.append(match) }
    }
    let lower = text.lowercased()
    if lower.hasPrefix("cookie ") || lower.hasPrefix("#") {
      let digits = lower.hasPrefix("#") ? String(lower.dropFirst()) : String(lower.dropFirst(7))
      if let cookie = Int32(digits.trimmingSpaces) {
        for match in descriptors(machine, where: { $0.cookie == cookie }) { add(match) }
      }
      return found
    }
    if let value = machine.cpu.variables[text] {
      switch value {
      case .pointer(let virtual):
        for id in buffers(containingVirtual: virtual.rawValue, machine) {
          add(.buffer(id: id, how: "variable"))
        }
      case .dmaAddress(let bus):
        for id in busMatches(bus.rawValue, machine) { add(.buffer(id: id, how: "variable")) }
      case .cookie(let cookie):
        for match in descriptors(machine, where: { $0.cookie == cookie }) { add(match) }
      case .descriptor(let controller, let channel, let id):
        add(
          .descriptor(
            DescriptorRef(channel: ChannelID(controller: controller, channel: channel), id: id)))
      default: break
      }
      return found
    }
    // A buffer is also known by the variable it is being returned to (before the call ends).
    for allocation in machine.allocators.allocations where allocation.name == text {
      add(.buffer(id: allocation.id, how: "variable"))
    }
    if !found.isEmpty { return found }
    guard let address = number(text) else { return found }
    for id in buffers(containingVirtual: address, machine) { add(.buffer(id: id, how: "VA")) }
    for allocation in machine.allocators.allocations where contains(allocation, physical: address) {
      add(.buffer(id: allocation.id, how: "PA"))
    }
    for id in busMatches(address, machine) { add(.buffer(id: id, how: "bus")) }
    let line = machine.memory.cache.geometry.lineAddress(PhysAddr(address))
    if machine.memory.cache.lookup(line) != nil { add(.cacheLine(line)) }
    if let area = machine.allocators.cmaAreas.first, address >= area.base,
      address - area.base < area.size
    {
      add(.cmaPage((address - area.base) >> 12))
    }
    if address < 1 << 31 {
      for match in descriptors(machine, where: { $0.cookie == Int32(address) && $0.cookie > 0 }) {
        add(match)
      }
    }
    return found
  }

  /// Parses `0x…` as hex; a bare number of five or more digits as hex too (the panels show
  /// addresses that way); shorter bare numbers as decimal (cookies, small offsets).
  static func number(_ text: String) -> UInt64? {
    let clean = String(text.lowercased().filter { $0 != "_" })
    if clean.hasPrefix("0x") { return UInt64(clean.dropFirst(2), radix: 16) }
    if clean.count < 5, let decimal = UInt64(clean) { return decimal }
    return UInt64(clean, radix: 16)
  }

  private static func contains(_ allocation: Allocation, physical: UInt64) -> Bool {
    let start = allocation.physical.rawValue
    return physical >= start && physical - start < max(allocation.reservedSize, 1)
  }

  private static func buffers(containingVirtual address: UInt64, _ machine: Machine) -> [Int] {
    var ids = machine.allocators.allocations.filter {
      address >= $0.virtualAddress.rawValue
        && address - $0.virtualAddress.rawValue < max($0.reservedSize, 1)
    }.map(\.id)
    // Another mapping of the same pages (the linear alias of a remapped buffer) finds it too.
    if let translation = machine.memory.pageTable.translate(VirtAddr(address)) {
      for allocation in machine.allocators.allocations
      where contains(allocation, physical: translation.physical.rawValue)
        && !ids.contains(allocation.id)
      {
        ids.append(allocation.id)
      }
    }
    return ids
  }

  private static func busMatches(_ address: UInt64, _ machine: Machine) -> [Int] {
    var ids: [Int] = []
    for mapping in machine.dma.mappings
    where address >= mapping.handle.rawValue && address - mapping.handle.rawValue < mapping.size {
      let physical = mapping.physical.rawValue + (address - mapping.handle.rawValue)
      for allocation in machine.allocators.allocations
      where contains(allocation, physical: physical) && !ids.contains(allocation.id) {
        ids.append(allocation.id)
      }
    }
    // An IOVA: whatever a device's IO page table sends it to.
    for iommu in machine.iommus {
      for domain in iommu.domains {
        guard let physical = domain.pageTable?.translate(address)?.rawValue else { continue }
        for allocation in machine.allocators.allocations
        where contains(allocation, physical: physical) && !ids.contains(allocation.id) {
          ids.append(allocation.id)
        }
      }
    }
    // dma-direct coherent buffers: the handle is the physical address on this board.
    for allocation in machine.allocators.allocations
    where allocation.allocator.hasPrefix("dma_alloc") && contains(allocation, physical: address)
      && !ids.contains(allocation.id)
    {
      ids.append(allocation.id)
    }
    return ids
  }

  /// Descriptors matching a predicate, by controller, channel and id.
  static func descriptors(_ machine: Machine, where predicate: (Descriptor) -> Bool)
    -> [FindMatch]
  {
    machine.descriptorReferences.compactMap { reference in
      machine.descriptor(reference).flatMap { predicate($0) ? .descriptor(reference) : nil }
    }
  }
}
