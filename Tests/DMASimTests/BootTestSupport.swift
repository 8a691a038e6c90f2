@testable import DMASim

/// Builds boot descriptions with 2 address and 2 size cells, 1 GiB of DRAM at 0x40000000.
enum BootFixture {
  static func cells(_ value: UInt64...) -> CellData {
    CellData(
      value.flatMap { [UInt32(truncatingIfNeeded: $0 >> 32), UInt32(truncatingIfNeeded: $0)] })
  }

  static func node(
    _ name: String, reg: CellData? = nil, size: CellData? = nil, noMap: Bool = false,
    reusable: Bool = false, compatible: [String] = ["shared-dma-pool"], cmaDefault: Bool = false,
    alignment: CellData? = nil, allocRanges: CellData? = nil, available: Bool = true
  ) -> ReservedMemoryNode {
    ReservedMemoryNode(
      name: name, path: "/reserved-memory/" + name, available: available, reg: reg, size: size,
      alignment: alignment, allocRanges: allocRanges, noMap: noMap, reusable: reusable,
      compatible: compatible, cmaDefault: cmaDefault)
  }

  static func description(
    _ nodes: [ReservedMemoryNode]?, commandLine: String = "", supported: Bool = true,
    memory: [MemoryBank] = [MemoryBank(node: "/memory@40000000", base: 0x4000_0000, size: 1 << 30)],
    dmaLimit: UInt64? = nil
  ) -> BootDescription {
    BootDescription(
      model: "", rootAddressCells: 2, rootSizeCells: 2, memory: memory, memoryReservations: [],
      reservedMemory: nodes.map {
        ReservedMemoryDescription(formatSupported: supported, nodes: $0)
      },
      controllers: [], consumers: [], maximumDMACPUAddress: dmaLimit, commandLine: commandLine)
  }

  /// Boots and returns the result and the log lines about reserved memory and CMA (zone,
  /// swiotlb and atomic-pool lines left out).
  static func boot(
    _ nodes: [ReservedMemoryNode]?, commandLine: String = "cma=0", profile: BootProfile = .arm64,
    supported: Bool = true
  ) throws -> (BootResult, [String]) {
    let result = try EarlyBoot.run(
      description(nodes, commandLine: commandLine, supported: supported), profile: profile)
    let lines = result.logLines(upTo: .debug).filter {
      !$0.hasPrefix("Zone") && !$0.hasPrefix("  ") && !$0.hasPrefix("Movable")
        && !$0.hasPrefix("Early memory") && !$0.hasPrefix("Initmem")
        && !$0.hasPrefix("Kernel command line") && !$0.hasPrefix("DMA: preallocated")
        && !($0.hasPrefix("software IO TLB: ") && !$0.contains("restricted"))
    }
    return (result, lines)
  }
}
