@testable import DMASim

extension DMADebugCase {
  typealias F = DebugFixture

  /// Checks 1–8 (`check_unmap`) and 9–14 (`check_sync`).
  static let unmapAndSync: [DMADebugCase] = [
    DMADebugCase(
      check: .freeInvalidAddress,
      expected: [F.prefix + "device driver tries to free an invalid DMA memory address"],
      wrong: { F.unmap(&$0, .toDevice, at: .mappingError) },
      right: { F.map(&$0, .toDevice) + F.unmap(&$0, .toDevice) }),
    DMADebugCase(
      check: .freeNotAllocated,
      expected: [
        F.prefix + "device driver tries to free DMA memory it has not allocated [device "
          + "address=0x0000000042000000] [size=128 bytes]"
      ],
      wrong: { F.map(&$0, .toDevice) + F.unmap(&$0, .toDevice) + F.unmap(&$0, .toDevice) },
      right: { F.map(&$0, .toDevice) + F.unmap(&$0, .toDevice) }),
    DMADebugCase(
      check: .freeDifferentSize,
      expected: [
        F.prefix + "device driver frees DMA memory with different size [device address="
          + "0x0000000042000000] [map size=128 bytes] [unmap size=64 bytes]"
      ],
      wrong: { F.map(&$0, .toDevice) + F.unmap(&$0, .toDevice, size: 64) },
      right: { F.map(&$0, .toDevice) + F.unmap(&$0, .toDevice, size: 128) }),
    DMADebugCase(
      check: .freeWrongFunction,
      expected: [
        F.prefix + "device driver frees DMA memory with wrong function [device address="
          + "0x0000000042000000] [size=128 bytes] [mapped as single] [unmapped as resource]"
      ],
      wrong: {
        F.map(&$0, .bidirectional)
          + $0.unmapResource(
            device: F.spi, dmaAddress: F.handle, size: 128, direction: .bidirectional
          ).reports
      },
      right: { F.map(&$0, .bidirectional) + F.unmap(&$0, .bidirectional) }),
    DMADebugCase(
      check: .freeDifferentCPUAddress,
      expected: [
        F.prefix + "device driver frees DMA memory with different CPU address [device address="
          + "0x0000000042000000] [size=4096 bytes] [cpu alloc address=0x0x0000000044000000] "
          + "[cpu free address=0x0x0000000044000040]"
      ],
      wrong: { coherent(&$0, freeAt: 0x4400_0040) },
      right: { coherent(&$0, freeAt: 0x4400_0000) }),
    DMADebugCase(
      check: .freeDifferentEntryCount,
      expected: [
        F.prefix + "device driver frees DMA sg list with different entry count [map count=2] "
          + "[unmap count=1]"
      ],
      wrong: { F.mapSG(&$0, F.segments(2)) + unmapSG(&$0, nents: 1) },
      right: { F.mapSG(&$0, F.segments(2)) + unmapSG(&$0, nents: 2) }),
    DMADebugCase(
      check: .freeDifferentDirection,
      expected: [
        F.prefix + "device driver frees DMA memory with different direction [device address="
          + "0x0000000042000000] [size=128 bytes] [mapped with DMA_TO_DEVICE] [unmapped with "
          + "DMA_FROM_DEVICE]"
      ],
      wrong: { F.map(&$0, .toDevice) + F.unmap(&$0, .fromDevice) },
      right: { F.map(&$0, .toDevice) + F.unmap(&$0, .toDevice) }),
    DMADebugCase(
      check: .mapErrorNotChecked,
      expected: [
        F.prefix + "device driver failed to check map error[device address=0x0000000042000000] "
          + "[size=128 bytes] [mapped as single]"
      ],
      wrong: { F.map(&$0, .toDevice, checked: false) + F.unmap(&$0, .toDevice) },
      right: { F.map(&$0, .toDevice, checked: true) + F.unmap(&$0, .toDevice) }),
    DMADebugCase(
      check: .syncNotAllocated,
      expected: [
        F.prefix + "device driver tries to sync DMA memory it has not allocated [device "
          + "address=0x0000000042000040] [size=128 bytes]"
      ],
      wrong: {
        F.map(&$0, .fromDevice)
          + F.sync(&$0, forCPU: true, .fromDevice, at: F.handle.advanced(by: 64))
      },
      right: {
        F.map(&$0, .fromDevice)
          + F.sync(&$0, forCPU: true, .fromDevice, size: 64, at: F.handle.advanced(by: 64))
      }),
    DMADebugCase(
      check: .syncOutsideRange,
      // Containing-match already rejects a range running past the mapping (check 9); only a
      // size that wraps the 64-bit end of the range around reaches this check, as in the kernel.
      expected: [
        F.prefix + "device driver syncs DMA memory outside allocated range [device address="
          + "0x0000000042000000] [allocation size=128 bytes] [sync offset+size="
          + "\(UInt64.max - 0x4200_0000 + 0x41)]"
      ],
      wrong: {
        F.map(&$0, .bidirectional)
          + F.sync(&$0, forCPU: true, .bidirectional, size: UInt64.max - 0x4200_0000 + 0x41)
      },
      right: { F.map(&$0, .bidirectional) + F.sync(&$0, forCPU: true, .bidirectional) }),
    DMADebugCase(
      check: .syncDifferentDirection,
      expected: [
        F.prefix + "device driver syncs DMA memory with different direction [device address="
          + "0x0000000042000000] [size=128 bytes] [mapped with DMA_TO_DEVICE] [synced with "
          + "DMA_FROM_DEVICE]"
      ],
      wrong: { F.map(&$0, .toDevice) + F.sync(&$0, forCPU: false, .fromDevice) },
      right: { F.map(&$0, .toDevice) + F.sync(&$0, forCPU: false, .toDevice) }),
    DMADebugCase(
      check: .syncReadOnlyForCPU,
      expected: [
        F.prefix + "device driver syncs DMA memory with different direction [device address="
          + "0x0000000042000000] [size=128 bytes] [mapped with DMA_TO_DEVICE] [synced with "
          + "DMA_BIDIRECTIONAL]",
        F.prefix + "device driver syncs device read-only DMA memory for cpu [device address="
          + "0x0000000042000000] [size=128 bytes] [mapped with DMA_TO_DEVICE] [synced with "
          + "DMA_BIDIRECTIONAL]",
      ],
      wrong: { F.map(&$0, .toDevice) + F.sync(&$0, forCPU: true, .bidirectional) },
      right: { F.map(&$0, .toDevice) + F.sync(&$0, forCPU: true, .toDevice) }),
    DMADebugCase(
      check: .syncWriteOnlyToDevice,
      expected: [
        F.prefix + "device driver syncs DMA memory with different direction [device address="
          + "0x0000000042000000] [size=128 bytes] [mapped with DMA_FROM_DEVICE] [synced with "
          + "DMA_BIDIRECTIONAL]",
        F.prefix + "device driver syncs device write-only DMA memory to device [device address="
          + "0x0000000042000000] [size=128 bytes] [mapped with DMA_FROM_DEVICE] [synced with "
          + "DMA_BIDIRECTIONAL]",
      ],
      wrong: { F.map(&$0, .fromDevice) + F.sync(&$0, forCPU: false, .bidirectional) },
      right: { F.map(&$0, .fromDevice) + F.sync(&$0, forCPU: false, .fromDevice) }),
    DMADebugCase(
      check: .syncDifferentEntryCount,
      expected: [
        F.prefix + "device driver syncs DMA sg list with different entry count [map count=2] "
          + "[sync count=1]"
      ],
      wrong: { F.mapSG(&$0, F.segments(2)) + syncSG(&$0, nents: 1) },
      right: { F.mapSG(&$0, F.segments(2)) + syncSG(&$0, nents: 2) }),
  ]

  static func coherent(_ debug: inout DMADebug, freeAt physical: UInt64) -> [DMADebugReport] {
    debug.allocCoherent(
      id: 5, device: F.spi, size: 4096, dmaAddress: F.handle, physical: PhysAddr(0x4400_0000)
    ).reports
      + debug.freeCoherent(
        device: F.spi, size: 4096, physical: PhysAddr(physical), dmaAddress: F.handle
      ).reports
  }

  static func unmapSG(_ debug: inout DMADebug, nents: Int) -> [DMADebugReport] {
    debug.unmapSG(device: F.spi, segments: F.segments(2), nents: nents, direction: .toDevice)
      .reports
  }

  static func syncSG(_ debug: inout DMADebug, nents: Int) -> [DMADebugReport] {
    debug.syncSG(
      forCPU: false, device: F.spi, segments: F.segments(2), nents: nents, direction: .toDevice
    ).reports
  }
}
