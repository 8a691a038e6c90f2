@testable import DMASim

/// One dma-debug check: a minimal wrong call sequence with the kernel's exact text, and the
/// right sequence that must stay silent.
struct DMADebugCase: Sendable, CustomStringConvertible {
  var check: DMADebugReport.Check
  var expected: [String]
  var wrong: @Sendable (inout DMADebug) -> [DMADebugReport]
  var right: @Sendable (inout DMADebug) -> [DMADebugReport]
  var description: String { "check \(check.number) \(check)" }
}

enum DebugFixture {
  static let spi = DMADebugDevice(name: "9060000.spi", driver: "ssp-pl022")
  static let prefix = "DMA-API: ssp-pl022 9060000.spi: "
  static let handle = DMAAddr(0x4200_0000)
  static let buffer = VirtAddr(0xffff_0000_0200_0000)

  /// `dma_map_single` of 128 bytes at `handle`, optionally checked with `dma_mapping_error`.
  static func map(
    _ debug: inout DMADebug, _ direction: DMADataDirection, at address: DMAAddr = handle,
    size: UInt64 = 128, checked: Bool = true, id: Int = 1
  ) -> [DMADebugReport] {
    let reports = debug.mapPage(
      id: id, device: spi, physical: PhysAddr(address.rawValue), virtualAddress: buffer,
      size: size, direction: direction, dmaAddress: address
    ).reports
    if checked { debug.mappingError(device: spi, dmaAddress: address) }
    return reports
  }

  static func unmap(
    _ debug: inout DMADebug, _ direction: DMADataDirection, size: UInt64 = 128,
    at address: DMAAddr = handle
  ) -> [DMADebugReport] {
    debug.unmapPage(device: spi, dmaAddress: address, size: size, direction: direction).reports
  }

  static func sync(
    _ debug: inout DMADebug, forCPU: Bool, _ direction: DMADataDirection, size: UInt64 = 128,
    at address: DMAAddr = handle
  ) -> [DMADebugReport] {
    debug.syncSingle(
      forCPU: forCPU, device: spi, dmaAddress: address, size: size, direction: direction
    ).reports
  }

  static func segments(_ count: Int, length: UInt32 = 4096) -> [DMADebugSegment] {
    (0..<count).map {
      let offset = UInt64($0) * 0x1_0000
      return DMADebugSegment(
        physical: PhysAddr(0x4300_0000 + offset), virtualAddress: buffer.advanced(by: offset),
        length: length, dmaAddress: DMAAddr(0x4300_0000 + offset))
    }
  }

  static func mapSG(
    _ debug: inout DMADebug, _ segments: [DMADebugSegment], boundary: UInt64 = .max
  ) -> [DMADebugReport] {
    debug.mapSG(
      firstID: 10, device: spi, segments: segments, nents: segments.count,
      mappedEntries: segments.count, direction: .toDevice, segmentBoundary: boundary
    ).reports
  }
}
