import Testing

@testable import DMASim

/// The early memblock allocations that move default placements down. Expected lines are what
/// Debian's 6.12.118 and 6.1.192 arm64 kernels printed under QEMU (`-M virt -smp 4`, the
/// harness cases virt-2g, virt-5g and dt-cma-1g in Tests/realkernel/cases.txt); the fixture's
/// tree shape has QEMU's virt tree's 62 nodes and 236 properties.
struct EarlyAllocationTests {
  private static func profile(_ version: KernelVersion) -> BootProfile {
    BootProfile.arm64.with(kernel: version, config: .debian(for: version))
  }

  private static func virt(_ bytes: UInt64, commandLine: String = "console=ttyAMA0")
    -> BootDescription
  {
    var description = BootFixture.description(
      nil, commandLine: commandLine,
      memory: [MemoryBank(node: "/memory@40000000", base: 0x4000_0000, size: bytes)])
    description.treeShape = BootDescription.TreeShape(
      nameLengths: Array(repeating: 13, count: 62), baseNameLengths: Array(repeating: 6, count: 62),
      properties: 236)
    return description
  }

  private static func lines(_ result: BootResult) -> [String] {
    result.logLines().filter { $0.hasPrefix("cma: ") || $0.hasPrefix("software IO TLB: mapped") }
  }

  @Test func twoGiBPlacesCMAAndSwiotlbBelowTheMemmap() throws {
    // Page tables (1013 pages), the tree, NODE_DATA and the section tables take the top
    // 4.2 MiB; the 32 MiB memmap sits 2 MiB aligned below them, the 64 MiB area below that;
    // the dentry hash goes under the area and the 2 MiB swiotlb under the dentry hash.
    let result = try EarlyBoot.run(Self.virt(2 << 30), profile: Self.profile(.v612))
    #expect(
      Self.lines(result) == [
        "cma: Reserved 64 MiB at 0x00000000b9a00000 on node -1",
        "software IO TLB: mapped [mem 0x00000000b9600000-0x00000000b9800000] (2MB)",
      ])
    let v61 = try EarlyBoot.run(Self.virt(2 << 30), profile: Self.profile(.v61))
    #expect(Self.lines(v61) == ["cma: Reserved 64 MiB at 0x00000000b9a00000"])
  }

  @Test func fiveGiBKeepsCMAAndSwiotlbBelowTheDMAZone() throws {
    for version in KernelVersion.allCases {
      let result = try EarlyBoot.run(Self.virt(5 << 30), profile: Self.profile(version))
      let node = version == .v612 ? " on node -1" : ""
      #expect(
        Self.lines(result) == [
          "cma: Reserved 64 MiB at 0x00000000fc000000\(node)",
          "software IO TLB: mapped [mem 0x00000000f8000000-0x00000000fc000000] (64MB)",
        ])
    }
  }

  @Test func pageTablesFollowTheMappedBlocks() throws {
    // One PTE table per 2 MiB, one PMD table per GiB, one PUD table, less the 14 blocks the
    // 6.12 image's text alias maps with block mappings: 1013 pages for 2 GiB, as
    // `memblock=debug` shows (reserved[0x6] 0xbfc0b000-0xbfffffff).
    var boot = try EarlyBoot(description: Self.virt(2 << 30), profile: Self.profile(.v612))
    boot.memblock.add(base: 0x4000_0000, size: 2 << 30)
    #expect(boot.linearMapTablePages(.debian(for: .v612)) == 1013)
    // 6.1: 1028 pages (reserved[0x6] 0xbfbfc000-0xbfffffff).
    #expect(boot.linearMapTablePages(.debian(for: .v61)) == 1028)
  }

  @Test func hashTablesScaleWithMemory() throws {
    var boot = try EarlyBoot(description: Self.virt(2 << 30), profile: Self.profile(.v612))
    boot.memblock.add(base: 0x4000_0000, size: 2 << 30)
    // "Dentry cache hash table entries: 262144 (order: 9, 2097152 bytes, linear)"
    #expect(boot.largeSystemHashBytes(scale: 13) == 2 << 20)
    // "Inode-cache hash table entries: 131072 (order: 8, 1048576 bytes, linear)"
    #expect(boot.largeSystemHashBytes(scale: 14) == 1 << 20)
    boot = try EarlyBoot(description: Self.virt(512 << 20), profile: Self.profile(.v612))
    boot.memblock.add(base: 0x4000_0000, size: 512 << 20)
    // "Dentry cache hash table entries: 65536 (order: 7, 524288 bytes, linear)" on 512 MiB.
    #expect(boot.largeSystemHashBytes(scale: 13) == 512 << 10)
  }

  @Test func atomicPoolsScaleWithTotalRAM() throws {
    // kernel/dma/pool.c dma_atomic_pool_init: 128 KiB per GiB, rounded up to a power of two
    // pages; Debian's kernels print 128, 256 and 1024 KiB on 512 MiB, 2 GiB and 5 GiB.
    for (bytes, kibibytes) in [(UInt64(512) << 20, 128), (2 << 30, 256), (5 << 30, 1024)] {
      let result = try EarlyBoot.run(Self.virt(bytes), profile: Self.profile(.v612))
      #expect(
        result.logLines().filter { $0.hasPrefix("DMA: ") } == [
          "DMA: preallocated \(kibibytes) KiB GFP_KERNEL pool for atomic allocations",
          "DMA: preallocated \(kibibytes) KiB GFP_KERNEL|GFP_DMA pool for atomic allocations",
          "DMA: preallocated \(kibibytes) KiB GFP_KERNEL|GFP_DMA32 pool for atomic allocations",
        ])
    }
  }

  @Test func arm32ModelsNoEarlyAllocations() throws {
    #expect(BootProfile.arm32.build == nil)
    let result = try EarlyBoot.run(Self.virt(1 << 30, commandLine: "cma=0"), profile: .arm32)
    // Only the swiotlb pool, at the top of memory below `memblock_alloc_low`'s limit
    // (the end of ZONE_DMA minus one, so the last page stays free).
    #expect(result.memblock.reserved.count == 1)
    #expect(result.memblock.reserved.last?.end == 0x7fff_f000)
  }
}
