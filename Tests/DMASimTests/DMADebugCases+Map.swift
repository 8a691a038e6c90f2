@testable import DMASim

extension DMADebugCase {
  /// Map-time checks 15–21 and check 22.
  static let mapAndRelease: [DMADebugCase] = [
    DMADebugCase(
      check: .mapInvalidArea,
      expected: [
        F.prefix + "device driver maps memory from invalid area [addr=0000000000001000] [len=64]"
      ],
      wrong: { single(&$0, VirtAddr(0x1000), .invalid) },
      right: { single(&$0, F.buffer, .linear) }),
    DMADebugCase(
      check: .mapVmallocArea,
      expected: [
        F.prefix + "device driver maps memory from invalid area [addr=ffff800010000000] [len=64]",
        F.prefix + "device driver maps memory from vmalloc area [addr=ffff800010000000] [len=64]",
      ],
      wrong: { single(&$0, VirtAddr(0xffff_8000_1000_0000), .vmalloc) },
      right: { single(&$0, F.buffer, .linear) }),
    DMADebugCase(
      check: .mapStack,
      expected: [
        F.prefix + "device driver maps memory from stack [addr=ffff000002000000]",
        F.prefix + "device driver maps memory from stack [probable addr=ffff000002000000]",
      ],
      wrong: { page(&$0, .stack) + page(&$0, .vmappedStack, at: 0x4300_0000) },
      right: { page(&$0, .ordinary) }),
    DMADebugCase(
      check: .mapKernelText,
      expected: [
        F.prefix + "device driver maps memory from kernel text or rodata [addr=ffff000002000000] "
          + "[len=128]"
      ],
      wrong: { page(&$0, .kernelText) },
      right: { page(&$0, .ordinary) }),
    DMADebugCase(
      check: .sgSegmentTooLong,
      expected: [
        F.prefix + "mapping sg segment longer than device claims to support [len=65540] "
          + "[max=65536]"
      ],
      wrong: { F.mapSG(&$0, F.segments(1, length: 65540)) },
      right: { F.mapSG(&$0, F.segments(1, length: 65536)) }),
    DMADebugCase(
      check: .sgSegmentAcrossBoundary,
      expected: [
        F.prefix + "mapping sg segment across boundary [start=0x0000000043000000] "
          + "[end=0x0000000043001fff] [boundary=0x0000000000000fff]"
      ],
      wrong: { F.mapSG(&$0, F.segments(1, length: 8192), boundary: 0xfff) },
      right: { F.mapSG(&$0, F.segments(1, length: 4096), boundary: 0xfff) }),
    DMADebugCase(
      check: .overlappingCacheline,
      expected: [
        F.prefix + "cacheline tracking EEXIST, overlapping mappings aren't supported"
      ],
      wrong: {
        F.map(&$0, .fromDevice, size: 32) + F.map(&$0, .fromDevice, size: 32, id: 2)
      },
      // Overlapping mappings the device only reads are allowed.
      right: { F.map(&$0, .toDevice, size: 32) + F.map(&$0, .toDevice, size: 32, id: 2) }),
    DMADebugCase(
      check: .overlapLimitExceeded,
      expected: Array(
        repeating: F.prefix + "cacheline tracking EEXIST, overlapping mappings aren't supported",
        count: 7)
        + [
          "DMA-API: exceeded 7 overlapping mappings of cacheline 0x0000000001080000",
          F.prefix + "cacheline tracking EEXIST, overlapping mappings aren't supported",
          F.prefix + "cacheline tracking EEXIST, overlapping mappings aren't supported",
        ],
      wrong: { debug in (1...10).flatMap { F.map(&debug, .fromDevice, id: $0) } },
      right: { debug in
        (1...10).flatMap { F.map(&debug, .fromDevice, id: $0) + F.unmap(&debug, .fromDevice) }
      }),
    DMADebugCase(
      check: .cachelineTrackingOutOfMemory,
      expected: ["DMA-API: cacheline tracking ENOMEM, dma-debug disabled"],
      wrong: { debug in
        var limited = DMADebug(options: DMADebug.Options(cachelineCapacity: 1))
        let reports =
          F.map(&limited, .fromDevice)
          + F.map(&limited, .fromDevice, at: DMAAddr(0x4200_1000), id: 2)
          + F.unmap(&limited, .toDevice, size: 1)  // disabled: nothing is checked any more
        debug = limited
        return reports
      },
      right: { debug in
        var limited = DMADebug(options: DMADebug.Options(cachelineCapacity: 2))
        let reports =
          F.map(&limited, .fromDevice)
          + F.map(&limited, .fromDevice, at: DMAAddr(0x4200_1000), id: 2)
        debug = limited
        return reports
      }),
    DMADebugCase(
      check: .pendingAtRelease,
      expected: [
        F.prefix + "device driver has pending DMA allocations while released from device "
          + "[count=2]\nOne of leaked entries details: [device address=0x0000000042002000] "
          + "[size=128 bytes] [mapped with DMA_FROM_DEVICE] [mapped as single]"
      ],
      wrong: {
        F.map(&$0, .toDevice) + F.map(&$0, .fromDevice, at: DMAAddr(0x4200_2000), id: 2)
          + $0.driverUnbound(device: F.spi).reports
      },
      right: {
        F.map(&$0, .toDevice) + F.unmap(&$0, .toDevice) + $0.driverUnbound(device: F.spi).reports
      }),
  ]

  static func single(
    _ debug: inout DMADebug, _ address: VirtAddr, _ area: DMADebugArea
  ) -> [DMADebugReport] {
    debug.mapSingle(device: F.spi, address: address, length: 64, area: area).reports
  }

  static func page(
    _ debug: inout DMADebug, _ memory: DMADebugMemory, at address: UInt64 = 0x4200_0000
  ) -> [DMADebugReport] {
    debug.mapPage(
      id: 1, device: F.spi, physical: PhysAddr(address), virtualAddress: F.buffer, size: 128,
      direction: .toDevice, dmaAddress: DMAAddr(address), memory: memory
    ).reports
  }
}
