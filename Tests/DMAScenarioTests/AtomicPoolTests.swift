import DMAScenario
import Testing

@testable import DMASim

/// The atomic pools (kernel/dma/pool.c): boot takes them from the default CMA area, and a
/// non-blocking `dma_alloc_coherent` on a non-coherent device allocates from them.
@Suite struct AtomicPoolTests {
  func run(_ body: String) throws -> Machine {
    var machine = try BoardMachineSupport.machine("board arm64-cma-soc\n" + body)
    machine.runToEnd()
    return machine
  }

  func handle(_ machine: Machine, _ name: String) -> UInt64? {
    if case .dmaAddress(let address) = machine.cpu.variables[name] { return address.rawValue }
    return nil
  }

  @Test func bootClaimsThePoolsAtTheBottomOfTheDefaultArea() throws {
    let machine = try run("")
    let area = try #require(machine.allocators.cmaAreas.first)
    let pools = machine.board.atomicPools
    #expect(pools.map(\.zone) == [.kernel, .dma, .dma32])
    #expect(pools.first?.cmaBase == area.base)
    let pages = pools.reduce(UInt64(0)) { $0 + $1.size } >> 12
    #expect(area.used == pages)
    #expect(machine.dma.atomicPools.count == 3)
  }

  @Test func gfpAtomicTakesTheGuessedPoolFirstFitOrderAligned() throws {
    let machine = try run(
      """
      a = dma_alloc_coherent(uart0, 4096, &ha, GFP_ATOMIC)
      b = dma_alloc_coherent(uart0, 16384, &hb, GFP_ATOMIC)
      dma_free_coherent(uart0, 4096, a, ha)
      c = dma_alloc_coherent(uart0, 8192, &hc, GFP_ATOMIC)
      r = dma_set_mask_and_coherent(uart0, 0xffffffffffffffff)
      k = dma_alloc_coherent(uart0, 4096, &hk, GFP_ATOMIC)
      """)
    let pools = machine.board.atomicPools
    let dma = try #require(pools.first { $0.zone == .dma }?.cmaBase)
    let kernel = try #require(pools.first { $0.zone == .kernel }?.cmaBase)
    // The default 32-bit coherent mask asks for GFP_DMA (dma_direct_optimal_gfp_mask).
    #expect(handle(machine, "ha") == dma)
    #expect(handle(machine, "hb") == dma + 0x4000)
    #expect(handle(machine, "hc") == dma)
    // A 64-bit mask asks for no zone: the GFP_KERNEL pool.
    #expect(handle(machine, "hk") == kernel)
    #expect(
      machine.allocators.cmaAreas.first?.used == pools.reduce(UInt64(0)) { $0 + $1.size } >> 12)
  }

  @Test func aBlockingGfpStillComesFromCMA() throws {
    let machine = try run("a = dma_alloc_coherent(uart0, 16384, &ha, GFP_KERNEL)\n")
    let end = try #require(machine.board.atomicPools.compactMap(\.cmaBase).max())
    let last = try #require(machine.board.atomicPools.last?.size)
    #expect(handle(machine, "ha") == end + last)
  }
}
