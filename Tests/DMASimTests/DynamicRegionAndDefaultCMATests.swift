import Testing

@testable import DMASim

@Suite struct DynamicRegionTests {
  typealias F = BootFixture

  @Test func dynamicCMAIsAlignedAndPlacedTopDown() throws {
    let node = F.node("linux,cma", size: F.cells(0x400_0000), reusable: true, cmaDefault: true)
    let (result, lines) = try F.boot([node], commandLine: "")
    #expect(
      lines == [
        "OF: reserved mem: allocated memory for 'linux,cma' node: base 0x000000007c000000, size "
          + "64 MiB",
        "Reserved memory: created CMA memory pool at 0x000000007c000000, size 64 MiB",
        "OF: reserved mem: initialized node linux,cma, compatible id shared-dma-pool",
        "OF: reserved mem: 0x000000007c000000..0x000000007fffffff (65536 KiB) map reusable "
          + "linux,cma",
      ])
    #expect(result.reserved.first?.dynamic == true)
    #expect(result.defaultCMAName == "linux,cma")
  }

  @Test func allocRangesSwitchToBottomUpNextToAnEarlierRegion() throws {
    let first = F.node(
      "first", size: F.cells(0x100_0000), compatible: [],
      allocRanges: F.cells(0x5000_0000, 0x1000_0000))
    let second = F.node(
      "second", size: F.cells(0x10_0000), compatible: [],
      allocRanges: F.cells(0x5f00_0000, 0x1100_0000))
    let (result, _) = try F.boot([first, second])
    #expect(result.reserved.map(\.base) == [0x5f00_0000, 0x6000_0000])
  }

  @Test func allocRangesAreTriedInOrder() throws {
    let node = F.node(
      "two", size: F.cells(0x200_0000), compatible: [],
      allocRanges: F.cells(0x1000_0000, 0x1000_0000, 0x4000_0000, 0x1000_0000))
    let (result, _) = try F.boot([node])
    #expect(result.reserved.first?.base == 0x4e00_0000)
  }

  @Test func malformedDynamicNodes() throws {
    let size = F.node("size", size: CellData([0x100_0000]), compatible: [])
    let align = F.node(
      "align", size: F.cells(0x10_0000), compatible: [], alignment: CellData([0x1000]))
    let ranges = F.node(
      "ranges", size: F.cells(0x10_0000), compatible: [], allocRanges: CellData([1, 2, 3]))
    let huge = F.node("huge", size: F.cells(0x8000_0000), compatible: [])
    let (result, lines) = try F.boot([size, align, ranges, huge])
    #expect(
      lines == [
        "OF: reserved mem: invalid size property in 'size' node.",
        "OF: reserved mem: invalid alignment property in 'align' node.",
        "OF: reserved mem: invalid alloc-ranges property in 'ranges', skipping node.",
        "OF: reserved mem: failed to allocate memory for node 'huge': size 2048 MiB",
      ])
    #expect(result.reserved.map(\.kind) == [.rejected, .rejected, .rejected, .rejected])
  }
}

@Suite struct DefaultCMATests {
  typealias F = BootFixture

  func boot(_ commandLine: String, memory: [MemoryBank]? = nil, dmaLimit: UInt64? = nil) throws
    -> BootResult
  {
    let description = F.description(
      nil, commandLine: commandLine,
      memory: memory ?? [MemoryBank(node: "/memory@40000000", base: 0x4000_0000, size: 1 << 30)],
      dmaLimit: dmaLimit)
    return try EarlyBoot.run(description)
  }

  func cmaLines(_ result: BootResult) -> [String] {
    result.logLines(upTo: .debug).filter { $0.hasPrefix("cma: ") || $0.hasPrefix("Memory ") }
  }

  let eightGiB = [MemoryBank(node: "/memory@40000000", base: 0x4000_0000, size: 8 << 30)]

  @Test func kconfigDefaultIs16MiBBelowTheDMALimit() throws {
    // The page tables, tree, NODE_DATA and the 16 MiB memmap of 1 GiB sit above the area
    // (Debian's 6.12 puts 64 MiB at 0x7ac00000 on QEMU's 1 GiB virt: Tests/realkernel).
    let result = try boot("")
    #expect(cmaLines(result) == ["cma: Reserved 16 MiB at 0x000000007dc00000 on node -1"])
    #expect(result.cmaAreas.map(\.name) == ["reserved"])
    #expect(result.defaultCMAName == "reserved")
    let low = try boot("", memory: eightGiB)
    #expect(cmaLines(low) == ["cma: Reserved 16 MiB at 0x00000000ff000000 on node -1"])
  }

  @Test func fixedBase() throws {
    #expect(
      cmaLines(try boot("cma=32M@0x60000000")) == [
        "cma: Reserved 32 MiB at 0x0000000060000000 on node -1"
      ])
    #expect(
      cmaLines(try boot("cma=32M@0x60100000")) == [
        "cma: Region at 0x0000000060100000 must be aligned to 0x0000000000200000 bytes",
        "cma: Failed to reserve 32 MiB",
      ])
  }

  @Test func baseAndLimitWindowAndTheBottomUpRuleAbove4GiB() throws {
    // 6.12 (and 6.1) cap a cma= limit at ZONE_DMA: min_not_zero(limit_cmdline, limit), as
    // Debian's 6.12 kernel shows for cma=512M@0-0x180000000 on 5 GiB (Tests/realkernel).
    let window = try boot("cma=256M@0-0x200000000", memory: eightGiB)
    #expect(cmaLines(window) == ["cma: Reserved 256 MiB at 0x00000000f0000000 on node -1"])
    // All DRAM above 4 GiB: ZONE_DMA ends with DRAM, and cma_alloc_mem goes bottom-up above
    // 4 GiB first.
    let high = [MemoryBank(node: "/memory@800000000", base: 0x8_0000_0000, size: 8 << 30)]
    let bottomUp = try boot("cma=256M", memory: high)
    #expect(cmaLines(bottomUp) == ["cma: Reserved 256 MiB at 0x0000000800000000 on node -1"])
    let inside = try boot("cma=64M@0x50000000-0x60000000")
    #expect(cmaLines(inside) == ["cma: Reserved 64 MiB at 0x000000005c000000 on node -1"])
    let belowFourGiB = try boot("cma=256M", memory: eightGiB)
    #expect(cmaLines(belowFourGiB) == ["cma: Reserved 256 MiB at 0x00000000f0000000 on node -1"])
  }

  @Test func tooBigAndDisabled() throws {
    #expect(
      cmaLines(try boot("cma=3G")) == [
        "cma: Size (0x00000000c0000000) of region at 0x0000000000000000 exceeds limit "
          + "(0x0000000080000000)",
        "cma: Failed to reserve 3072 MiB",
      ])
    let off = try boot("cma=0")
    #expect(cmaLines(off).isEmpty)
    #expect(off.cmaAreas.isEmpty)
    #expect(
      cmaLines(try boot("cma")) == [
        "cma: Config string not provided", "cma: Reserved 16 MiB at 0x000000007dc00000 on node -1",
      ])
  }

  @Test func memLimitAndDMARangesMoveTheArea() throws {
    #expect(
      cmaLines(try boot("mem=512M")) == [
        "Memory limited to 512MB", "cma: Reserved 16 MiB at 0x000000005e600000 on node -1",
      ])
    let narrow = try boot("cma=8M", dmaLimit: 0x4fff_ffff)
    #expect(cmaLines(narrow) == ["cma: Reserved 8 MiB at 0x000000004f800000 on node -1"])
    #expect(narrow.dmaPhysicalLimit == 0x5000_0000)
  }

  @Test func zoneRangesAreLogged() throws {
    let result = try boot("cma=0", memory: eightGiB)
    let lines = result.logLines()
    guard let start = lines.firstIndex(of: "Zone ranges:") else {
      Issue.record("no zone ranges")
      return
    }
    #expect(
      Array(lines[start..<(start + 8)]) == [
        "Zone ranges:",
        "  DMA      [mem 0x0000000040000000-0x00000000ffffffff]",
        "  DMA32    empty",
        "  Normal   [mem 0x0000000100000000-0x000000023fffffff]",
        "Movable zone start for each node",
        "Early memory node ranges",
        "  node   0: [mem 0x0000000040000000-0x000000023fffffff]",
        "Initmem setup node 0 [mem 0x0000000040000000-0x000000023fffffff]",
      ])
  }

  @Test func badCommandLineThrows() {
    #expect(throws: CommandLineError.self) { try boot("cma=lots") }
  }
}
