import DMASim

/// The human-readable summary `dmascope boot` prints after the log: the physical memory map,
/// CMA areas, zones, DMA controllers and consumers.
public enum MemoryMapText {
  /// The lines of the summary.
  public static func render(_ result: BootResult) -> [String] {
    var lines = ["", "Physical memory map (\(result.profile.name)):"]
    if result.memory.isEmpty {
      lines.append("  note: the tree has no memory banks (boot loaders usually fill /memory in)")
    }
    var rows: [(base: UInt64, size: UInt64, text: String)] = []
    for bank in result.memory {
      rows.append((bank.base, bank.size, "memory        \(bank.node)"))
    }
    for entry in result.memoryReservations {
      rows.append((entry.base, entry.size, "memreserve"))
    }
    for region in result.reserved {
      var flags = [region.noMap ? "no-map" : "map"]
      if region.reusable { flags.append("reusable") }
      if region.dynamic { flags.append("dynamic") }
      let kind = region.kind.rawValue.padding(14)
      rows.append(
        (region.base, region.size, "\(kind)\(region.node) (\(flags.joined(separator: ", ")))"))
    }
    for area in result.cmaAreas
    where !result.reserved.contains(where: {
      $0.kind == .cma && $0.base == area.base
    }) {
      rows.append((area.base, area.size, "cma           \(area.name) (cma=/Kconfig default)"))
    }
    if let swiotlb = result.swiotlb {
      let force = swiotlb.forceBounce ? ", force" : ""
      rows.append(
        (
          swiotlb.base, swiotlb.size,
          "swiotlb       default pool (\(swiotlb.slots) slots, \(swiotlb.areas) areas\(force))"
        ))
    }
    for row in rows.sorted(by: { ($0.base, $0.size) < ($1.base, $1.size) }) {
      lines.append("  \(range(row.base, row.size))  \(size(row.size).leftPadding(9))  \(row.text)")
    }
    lines.append("")
    lines.append("Zones (ZONE_DMA ends at \(hex(result.dmaPhysicalLimit))):")
    for zone in result.zones {
      let span =
        zone.startPFN == zone.endPFN
        ? "empty" : range(zone.startPFN << 12, (zone.endPFN - zone.startPFN) << 12)
      lines.append("  \(zone.kind.rawValue.padding(7)) \(span)")
    }
    lines.append("")
    lines.append("CMA areas:")
    if result.cmaAreas.isEmpty { lines.append("  none") }
    for area in result.cmaAreas {
      let isDefault = area.name == result.defaultCMAName ? "  (default area)" : ""
      lines.append(
        "  \(area.name.padding(16)) \(range(area.base, area.size))  \(size(area.size))  "
          + "order_per_bit \(area.orderPerBit)\(isDefault)")
    }
    lines += dmaLines(result)
    return lines
  }

  private static func dmaLines(_ result: BootResult) -> [String] {
    var lines = ["", "DMA controllers:"]
    if result.controllers.isEmpty { lines.append("  none") }
    for controller in result.controllers {
      lines.append(
        "  \(controller.node)  \(controller.compatible)  #dma-cells \(controller.dmaCells), "
          + "\(controller.channels) channels, \(controller.requests) requests")
    }
    lines.append("")
    lines.append("DMA consumers:")
    if result.consumers.isEmpty { lines.append("  none") }
    for consumer in result.consumers {
      var facts = [consumer.coherent ? "coherent" : "non-coherent"]
      for channel in consumer.channels {
        let arguments = channel.arguments.map { String($0) }.joined(separator: " ")
        facts.append(
          "\(channel.name.isEmpty ? "?" : channel.name): \(channel.controller) <\(arguments)>")
      }
      for region in consumer.memoryRegions { facts.append("memory-region \(region)") }
      for iommu in consumer.iommus { facts.append("iommu \(iommu)") }
      if let limit = consumer.busLimit { facts.append("reaches CPU addresses up to \(hex(limit))") }
      lines.append("  \(consumer.node): " + facts.joined(separator: "; "))
    }
    return lines
  }

  static func hex(_ value: UInt64) -> String { "0x" + Hex.format(value, digits: 16) }

  static func range(_ base: UInt64, _ size: UInt64) -> String {
    "\(hex(base))-\(hex(size == 0 ? base : base &+ size &- 1))"
  }

  static func size(_ bytes: UInt64) -> String {
    if bytes >= 1 << 20, bytes % (1 << 20) == 0 { return "\(bytes >> 20) MiB" }
    if bytes >= 1 << 10, bytes % (1 << 10) == 0 { return "\(bytes >> 10) KiB" }
    return "\(bytes) B"
  }
}

extension String {
  func padding(_ width: Int) -> String {
    count >= width ? self + " " : self + String(repeating: " ", count: width - count)
  }

  func leftPadding(_ width: Int) -> String {
    count >= width ? self : String(repeating: " ", count: width - count) + self
  }
}
