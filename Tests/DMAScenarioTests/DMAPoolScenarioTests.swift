import DMAScenario
import Testing

@testable import DMASim

/// `dma_pool_*` through scenarios (mm/dmapool.c, reference §9).
@Suite struct DMAPoolScenarioTests {
  func handle(_ machine: Machine, _ name: String) -> UInt64? {
    if case .dmaAddress(let address) = machine.cpu.variables[name] { return address.rawValue }
    return nil
  }

  @Test func blocksNeverStraddleTheBoundary() throws {
    let allocations = (1...11).map { "b\($0) = dma_pool_alloc(p, GFP_KERNEL, h\($0))" }
    var machine = try BoardMachineSupport.machine(
      (["board arm64-cma-soc", "p = dma_pool_create(\"td\", uart0, 96, 32, 1024)"] + allocations)
        .joined(separator: "\n"))
    machine.runToEnd()
    let first = try #require(handle(machine, "h1"))
    let offsets = try (1...11).map { try #require(handle(machine, "h\($0)")) - first }
    // Ten 96-byte blocks fit below 1024 (the last ends at 960); the 11th starts at 1024.
    #expect(offsets == [0, 96, 192, 288, 384, 480, 576, 672, 768, 864, 1024])
    let pool = try #require(machine.dma.dmaPools.first)
    #expect(pool.pool.totalBlocks == 40)
    #expect(pool.pool.active == 11)
    #expect(pool.chunks.count == 1)
  }

  @Test func freeListIsLIFOAndZallocZeroes() throws {
    var machine = try BoardMachineSupport.machine(
      """
      board arm64-cma-soc
      p = dma_pool_create("ring", uart0, 64, 64, 0)
      a = dma_pool_alloc(p, GFP_KERNEL, ha)
      b = dma_pool_alloc(p, GFP_KERNEL, hb)
      cpu_write(a, 0, "dirty block!")
      dma_pool_free(p, a, ha)
      c = dma_pool_zalloc(p, GFP_KERNEL, hc)
      v = cpu_read(c, 0, 12)
      """)
    machine.runToEnd()
    #expect(handle(machine, "hc") == handle(machine, "ha"))
    #expect(machine.cpu.variables["v"] == .bytes([UInt8](repeating: 0, count: 12)))
  }

  @Test func createRefusesBadParameters() throws {
    var machine = try BoardMachineSupport.machine(
      """
      board arm64-cma-soc
      a = dma_pool_create("a", uart0, 64, 3, 0)
      b = dma_pool_create("b", uart0, 96, 32, 64)
      c = dma_pool_create("c", uart0, 0, 8, 0)
      """)
    machine.runToEnd()
    for name in ["a", "b", "c"] { #expect(machine.cpu.variables[name] == .error(.null), "\(name)") }
  }

  @Test func destroyBusyLeaksAndCleanDestroyFrees() throws {
    var busy = try BoardMachineSupport.machine(
      """
      board arm64-cma-soc
      p = dma_pool_create("td", uart0, 96, 32, 1024)
      a = dma_pool_alloc(p, GFP_KERNEL, ha)
      dma_pool_destroy(p)
      """)
    busy.runToEnd()
    let report = busy.log.entries.filter { $0.function == "dma_pool_destroy" }
    #expect(report.map(\.message) == ["uart-pl011 9040000.serial: dma_pool_destroy td busy"])
    #expect(report.first?.source == .debug)
    // The chunk is leaked: still allocated.
    #expect(busy.allocators.allocations.contains { $0.name.hasPrefix("dma_pool chunk") })
    var clean = try BoardMachineSupport.machine(
      """
      board arm64-cma-soc
      p = dma_pool_create("td", uart0, 96, 32, 1024)
      a = dma_pool_alloc(p, GFP_KERNEL, ha)
      dma_pool_free(p, a, ha)
      dma_pool_free(p, a, ha)
      dma_pool_destroy(p)
      """)
    clean.runToEnd()
    #expect(
      clean.log.entries.contains {
        $0.source == .debug && $0.message.hasSuffix("already free")
      })
    #expect(!clean.allocators.allocations.contains { $0.name.hasPrefix("dma_pool chunk") })
    #expect(clean.dma.dmaDebug.entries.isEmpty)
  }

  @Test func poolOnADevicePoolUsesIt() throws {
    var machine = try BoardMachineSupport.machine(
      """
      board arm64-cma-soc
      r = of_reserved_mem_device_init(video_decoder0)
      p = dma_pool_create("vd", video_decoder0, 256, 256, 0)
      a = dma_pool_alloc(p, GFP_KERNEL, ha)
      """)
    machine.runToEnd()
    #expect(handle(machine, "ha") == 0x5000_0000)
  }
}
