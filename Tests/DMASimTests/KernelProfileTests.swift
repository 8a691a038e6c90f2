import Testing

@testable import DMASim

/// Kernel releases and Kconfig sets as boot profiles. The expected placements are what
/// Debian's 6.1.192 and 6.12.118 arm64 kernels printed under QEMU for the same trees and
/// command lines (Tests/realkernel/cases.txt: two-cma-512m, cma-limit-5g, virt-1g).
struct KernelProfileTests {
  private static let debian61 = BootProfile.arm64.with(kernel: .v61, config: .debian(for: .v61))
  private static let debian612 = BootProfile.arm64.with(
    kernel: .v612, config: .debian(for: .v612))

  private static func twoPools() -> BootDescription {
    BootFixture.description(
      [
        BootFixture.node(
          "linux,cma", size: BootFixture.cells(0x400_0000), reusable: true, cmaDefault: true),
        BootFixture.node("display", size: BootFixture.cells(0x200_0000), reusable: true),
      ], memory: [MemoryBank(node: "/memory@40000000", base: 0x4000_0000, size: 512 << 20)])
  }

  @Test func v61PlacesDynamicRegionsInHeapsortOrder() throws {
    // drivers/of/of_reserved_mem.c (6.1) fdt_init_reserved_mem: both saved as (0, 0), and
    // lib/sort.c leaves two equal entries swapped, so display is placed first.
    let result = try EarlyBoot.run(Self.twoPools(), profile: Self.debian61)
    let lines = result.logLines().filter { $0.hasPrefix("Reserved memory: created") }
    #expect(
      lines == [
        "Reserved memory: created CMA memory pool at 0x000000005e000000, size 32 MiB",
        "Reserved memory: created CMA memory pool at 0x000000005a000000, size 64 MiB",
      ])
    #expect(!result.logLines().contains { $0.contains("KiB) map reusable") })
  }

  @Test func v612PlacesDynamicRegionsInTreeOrderAndLogsThem() throws {
    let result = try EarlyBoot.run(Self.twoPools(), profile: Self.debian612)
    let lines = result.logLines()
    #expect(
      lines.filter { $0.hasPrefix("Reserved memory: created") } == [
        "Reserved memory: created CMA memory pool at 0x000000005c000000, size 64 MiB",
        "Reserved memory: created CMA memory pool at 0x000000005a000000, size 32 MiB",
      ])
    #expect(
      lines.contains(
        "OF: reserved mem: 0x000000005a000000..0x000000005bffffff (32768 KiB) map reusable display"
      ))
  }

  @Test func cmaLimitIsCappedAtTheDMAZone() throws {
    // kernel/dma/contiguous.c dma_contiguous_reserve: min_not_zero(limit_cmdline, limit).
    let description = BootFixture.description(
      nil, commandLine: "cma=512M@0-0x180000000",
      memory: [MemoryBank(node: "/memory@40000000", base: 0x4000_0000, size: 5 << 30)])
    let v612 = try EarlyBoot.run(description, profile: Self.debian612)
    #expect(v612.logLines().contains("cma: Reserved 512 MiB at 0x00000000e0000000 on node -1"))
    let v61 = try EarlyBoot.run(description, profile: Self.debian61)
    #expect(v61.logLines().contains("cma: Reserved 512 MiB at 0x00000000e0000000"))
  }

  @Test func v61SetsUpNoSwiotlbWhenAllMemoryIsDMAable() throws {
    let description = BootFixture.description(nil)
    #expect(try EarlyBoot.run(description, profile: Self.debian61).swiotlb == nil)
    let forced = BootFixture.description(nil, commandLine: "swiotlb=force")
    #expect(try EarlyBoot.run(forced, profile: Self.debian61).swiotlb?.slots == 32768)
    let v612 = try EarlyBoot.run(description, profile: Self.debian612)
    #expect(v612.swiotlb?.slots == 512)
    #expect(
      v612.logLines().contains("software IO TLB: SWIOTLB bounce buffer size adjusted to 1MB"))
    let noNode = "OF: reserved mem: Reserved memory: No reserved-memory node in the DT"
    #expect(v612.logLines().contains(noNode))
    #expect(try !EarlyBoot.run(description, profile: Self.debian61).logLines().contains(noNode))
  }

  @Test func debianSetReservesSixtyFourMiBAndListsTheDeviceZone() throws {
    let result = try EarlyBoot.run(BootFixture.description(nil), profile: Self.debian612)
    #expect(result.logLines().contains("  Device   empty"))
    #expect(result.cmaAreas.first?.size == 64 << 20)
    let defaults = try EarlyBoot.run(BootFixture.description(nil), profile: .arm64)
    #expect(defaults.cmaAreas.first?.size == 16 << 20)
    #expect(!defaults.logLines().contains("  Device   empty"))
  }

  @Test func heapsortLeavesEqualElementsInItsOwnOrder() {
    #expect(KernelHeapSort.order(count: 2) { _, _ in 0 } == [1, 0])
    let values = [5, 1, 4, 1, 3]
    let order = KernelHeapSort.order(count: values.count) { values[$0] - values[$1] }
    #expect(order.map { values[$0] } == [1, 1, 3, 4, 5])
    #expect(KernelHeapSort.order(count: 0) { _, _ in 0 }.isEmpty)
  }

  @Test func configSettingsApplyOnTopOfASet() throws {
    let config = try KernelConfig.parse("debian,CMA_SIZE_MBYTES=32", for: .v612)
    #expect(config.cmaSizeMegabytes == 32)
    #expect(config.cmaAreas == 20)
    let percent = try KernelConfig.parse(
      "CONFIG_CMA_SIZE_SEL_PERCENTAGE=y,CMA_SIZE_PERCENTAGE=10", for: .v612)
    #expect(percent.defaultCMASize(memoryBytes: 1 << 30) == 26214 << 12)
    #expect(throws: KernelConfig.SettingError.self) {
      try KernelConfig.parse("CMA_SIZE_MBYTES=lots", for: .v612)
    }
    #expect(throws: KernelConfig.SettingError.self) {
      try KernelConfig.parse("CONFIG_NOPE=y", for: .v61)
    }
    #expect(throws: KernelConfig.SettingError.self) {
      try KernelConfig.parse("ubuntu", for: .v61)
    }
    #expect(throws: KernelConfig.SettingError.self) {
      try KernelConfig.parse("CMA_SIZE_SEL_MAX=n", for: .v61)
    }
  }
}
