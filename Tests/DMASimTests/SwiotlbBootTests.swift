import Testing

@testable import DMASim

@Suite struct SwiotlbBootTests {
  typealias F = BootFixture

  func boot(_ commandLine: String, gibibytes: UInt64 = 1) throws -> BootResult {
    let memory = [MemoryBank(node: "/memory@40000000", base: 0x4000_0000, size: gibibytes << 30)]
    return try EarlyBoot.run(F.description(nil, commandLine: commandLine, memory: memory))
  }

  func lines(_ result: BootResult) -> [String] {
    result.logLines().filter { $0.hasPrefix("software IO TLB: ") }
  }

  // The pools sit below the early allocations (page tables, memmap, per-CPU chunk, hash
  // tables): Debian's 6.12 maps its 1 MiB pool at 0x7aa80000 on QEMU's 1 GiB virt with its
  // 64 MiB CMA area, 64 MiB lower than here without one (Tests/realkernel, virt-1g).
  @Test func withoutMemoryAboveZoneDMATheKmallocBouncePoolIsSmall() throws {
    let result = try boot("cma=0")
    #expect(
      lines(result) == [
        "software IO TLB: SWIOTLB bounce buffer size adjusted to 1MB",
        "software IO TLB: area num 4.",
        "software IO TLB: mapped [mem 0x000000007ea80000-0x000000007eb80000] (1MB)",
      ])
    #expect(
      result.swiotlb
        == SwiotlbPlacement(base: 0x7ea8_0000, slots: 512, areas: 4, forceBounce: false))
    let pool = try #require(result.swiotlb).makePool()
    #expect(pool.slotCount == 512)
    #expect(pool.areaSlots == 128)
  }

  @Test func memoryAboveTheDMALimitGetsTheDefault64MiB() throws {
    let result = try boot("", gibibytes: 8)
    #expect(
      lines(result) == [
        "software IO TLB: area num 4.",
        "software IO TLB: mapped [mem 0x00000000fb000000-0x00000000ff000000] (64MB)",
      ])
    #expect(result.swiotlb?.slots == 32768)
  }

  @Test func commandLineSizeAreasForceAndNoforce() throws {
    let forced = try boot("cma=0 swiotlb=1000,2,force")
    #expect(
      lines(forced) == [
        "software IO TLB: area num 2.",
        "software IO TLB: mapped [mem 0x000000007e980000-0x000000007eb80000] (2MB)",
      ])
    #expect(forced.swiotlb?.forceBounce == true)
    #expect(forced.swiotlb?.slots == 1024)
    let off = try boot("cma=0 swiotlb=noforce")
    #expect(off.swiotlb == nil)
    #expect(lines(off) == ["software IO TLB: SWIOTLB bounce buffer size adjusted to 1MB"])
    let tiny = try boot("cma=0 swiotlb=100")
    #expect(
      lines(tiny) == [
        "software IO TLB: area num 4.",
        "software IO TLB: SWIOTLB bounce buffer size roundup to 1MB",
        "software IO TLB: mapped [mem 0x000000007ea80000-0x000000007eb80000] (1MB)",
      ])
  }

  @Test func aCrowdedZoneHalvesThePool() throws {
    let memory = [MemoryBank(node: "/memory@0", base: 0, size: 1 << 30)]
    let result = try EarlyBoot.run(
      F.description(nil, commandLine: "cma=8M", memory: memory, dmaLimit: 0xff_ffff))
    #expect(
      lines(result) == [
        "software IO TLB: area num 4.",
        "software IO TLB: SWIOTLB bounce buffer size adjusted 32768 -> 2048 slabs",
        "software IO TLB: mapped [mem 0x0000000000400000-0x0000000000800000] (4MB)",
      ])
  }
}
