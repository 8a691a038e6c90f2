import Testing

@testable import DMASim

/// Each accept/reject rule of /reserved-memory with the kernel's exact log lines.
@Suite struct ReservedMemoryRuleTests {
  typealias F = BootFixture
  let pool32M = F.cells(0x4800_0000, 0x200_0000)

  @Test func reusableAlignedPoolBecomesACMAArea() throws {
    let (result, lines) = try F.boot([F.node("cma@48000000", reg: pool32M, reusable: true)])
    #expect(
      lines == [
        "Reserved memory: created CMA memory pool at 0x0000000048000000, size 32 MiB",
        "OF: reserved mem: initialized node cma@48000000, compatible id shared-dma-pool",
        "OF: reserved mem: 0x0000000048000000..0x0000000049ffffff (32768 KiB) map reusable "
          + "cma@48000000",
      ])
    #expect(result.reserved.map(\.kind) == [.cma])
    #expect(result.cmaAreas.map(\.name) == ["cma@48000000"])
    #expect(result.cmaAreas.first?.orderPerBit == 0)
    #expect(result.defaultCMAName == nil)
  }

  @Test func cmdlineCmaBypassesTheDefaultNode() throws {
    let node = F.node("linux,cma", reg: pool32M, reusable: true, cmaDefault: true)
    let (result, lines) = try F.boot([node], commandLine: "cma=64M")
    #expect(
      lines == [
        "Reserved memory: bypass linux,cma node, using cmdline CMA params instead",
        "OF: reserved mem: node linux,cma compatible matching fail",
        "cma: Reserved 64 MiB at 0x000000007ac00000 on node -1",
      ])
    #expect(result.reserved.map(\.kind) == [.rejected])
    #expect(result.cmaAreas.map(\.name) == ["reserved"])
    #expect(result.defaultCMAName == "reserved")
    #expect(!result.memblock.isReserved(base: 0x4800_0000, size: 0x200_0000))
  }

  @Test func defaultNodeWithoutCmdlineIsTheDefaultArea() throws {
    let node = F.node("linux,cma", reg: pool32M, reusable: true, cmaDefault: true)
    let (result, lines) = try F.boot([node], commandLine: "")
    #expect(lines.count == 3)
    #expect(result.defaultCMAName == "linux,cma")
    #expect(result.cmaAreas.count == 1)
  }

  @Test func reusableNoMapIsRefusedByBothHandlers() throws {
    let (result, lines) = try F.boot([F.node("pool", reg: pool32M, noMap: true, reusable: true)])
    #expect(lines == ["OF: reserved mem: node pool compatible matching fail"])
    #expect(result.reserved.map(\.kind) == [.rejected])
    #expect(result.memblock.memory.count == 1)
  }

  @Test func misalignedCMARegionIsRefused() throws {
    let reg = F.cells(0x4810_0000, 0x10_0000)
    let (result, lines) = try F.boot([F.node("cma", reg: reg, reusable: true)])
    #expect(
      lines == [
        "Reserved memory: incorrect alignment of CMA region",
        "OF: reserved mem: node cma compatible matching fail",
      ])
    #expect(result.reserved.first?.kind == .rejected)
  }

  @Test func noMapPoolBecomesACoherentPool() throws {
    let (result, lines) = try F.boot([F.node("vpu@48000000", reg: pool32M, noMap: true)])
    #expect(
      lines == [
        "Reserved memory: created DMA memory pool at 0x0000000048000000, size 32 MiB",
        "OF: reserved mem: initialized node vpu@48000000, compatible id shared-dma-pool",
        "OF: reserved mem: 0x0000000048000000..0x0000000049ffffff (32768 KiB) nomap "
          + "non-reusable vpu@48000000",
      ])
    #expect(result.reserved.first?.kind == .coherentPool)
    #expect(result.memblock.memory.contains { $0.noMap && $0.base == 0x4800_0000 })
  }

  @Test func mappedCoherentPoolIsFineOnArm64AndRefusedOnArm32() throws {
    let node = F.node("pool", reg: pool32M)
    let (arm64, arm64Lines) = try F.boot([node])
    #expect(arm64.reserved.first?.kind == .coherentPool)
    #expect(arm64Lines.last?.hasSuffix("(32768 KiB) map non-reusable pool") == true)
    let (arm32, arm32Lines) = try F.boot([node], profile: .arm32)
    #expect(
      arm32Lines == [
        "Reserved memory: regions without no-map are not yet supported",
        "OF: reserved mem: node pool compatible matching fail",
      ])
    #expect(arm32.reserved.first?.kind == .rejected)
    let (_, nomap32) = try F.boot([F.node("pool", reg: pool32M, noMap: true)], profile: .arm32)
    #expect(nomap32.first == "Reserved memory: created DMA memory pool at 0x48000000, size 32 MiB")
  }

  @Test func nodesWithoutAHandlerAreCarveouts() throws {
    let node = F.node(
      "tee@4e000000", reg: F.cells(0x4e00_0000, 0x20_0000), noMap: true, compatible: [])
    let (result, lines) = try F.boot([node])
    #expect(
      lines == [
        "OF: reserved mem: 0x000000004e000000..0x000000004e1fffff (2048 KiB) nomap non-reusable "
          + "tee@4e000000"
      ])
    #expect(result.reserved.first?.kind == .carveout)
  }

  @Test func restrictedDMAPool() throws {
    let node = F.node("restricted", reg: pool32M, compatible: ["restricted-dma-pool"])
    let (_, lines) = try F.boot([node])
    #expect(
      lines.prefix(2) == [
        "software IO TLB: Reserved memory: created restricted DMA pool at 0x0000000048000000, "
          + "size 32 MiB",
        "OF: reserved mem: initialized node restricted, compatible id restricted-dma-pool",
      ])
    let refused = F.node("r", reg: pool32M, noMap: true, compatible: ["restricted-dma-pool"])
    #expect(try F.boot([refused]).1 == ["OF: reserved mem: node r compatible matching fail"])
  }

  @Test func unsupportedFormatIgnoresTheWholeNode() throws {
    let (result, lines) = try F.boot([F.node("x", reg: pool32M)], supported: false)
    let message = "OF: reserved mem: Reserved memory: unsupported node format, ignoring"
    #expect(lines == [message, message])
    #expect(result.reserved.isEmpty)
  }

  @Test func regShapes() throws {
    let bad = F.node("bad", reg: CellData([0, 0x4800_0000, 0]))
    let zero = F.node("zero", reg: F.cells(0x4800_0000, 0), compatible: [])
    let multi = F.node(
      "multi", reg: F.cells(0x4a00_0000, 0x10_0000, 0x4b00_0000, 0x10_0000), compatible: [])
    let off = F.node("off", reg: pool32M, available: false)
    let (result, lines) = try F.boot([bad, zero, multi, off])
    #expect(
      lines == [
        "OF: reserved mem: Reserved memory: invalid reg property in 'bad', skipping node.",
        "OF: reserved mem: Reserved memory: failed to reserve memory for node 'zero': base "
          + "0x0000000048000000, size 0 MiB",
        "OF: reserved mem: Reserved memory: invalid reg property in 'bad', skipping node.",
        "OF: reserved mem: fdt_scan_reserved_mem_reg_nodes() ignores 1 regions in node 'multi'",
        "OF: reserved mem: 0x000000004a000000..0x000000004a0fffff (1024 KiB) map non-reusable "
          + "multi",
      ])
    #expect(result.reserved.map(\.base) == [0x4a00_0000, 0x4b00_0000])
    #expect(result.memblock.isReserved(base: 0x4b00_0000, size: 0x10_0000))
  }

  @Test func overlappingRegionsAreReported() throws {
    let a = F.node("a@48000000", reg: F.cells(0x4800_0000, 0x100_0000), compatible: [])
    let b = F.node("b@48800000", reg: F.cells(0x4880_0000, 0x100_0000), compatible: [])
    let (_, lines) = try F.boot([b, a])
    #expect(
      Array(lines.suffix(2)) == [
        "OF: reserved mem: OVERLAP DETECTED!",
        "a@48000000 (0x0000000048000000--0x0000000049000000) overlaps with b@48800000 "
          + "(0x0000000048800000--0x0000000049800000)",
      ])
  }
}
