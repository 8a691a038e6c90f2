import DMAScenario
import DMASim
import Testing

/// `dma_free_coherent` behind an IOMMU with a handle or size that is not the buffer's
/// (issue 23). drivers/iommu/dma-iommu.c `iommu_dma_free` (v6.16) unmaps and frees IOVA with
/// whatever handle and size the caller passes (`__iommu_dma_unmap` → `iommu_unmap_fast`, then
/// `iommu_dma_free_iova` → `free_iova_fast`): the simulator unmaps exactly as the kernel does,
/// frees the IOVA when the handle and size are one live range's (even another buffer's), and
/// otherwise says what the kernel would corrupt and leaves the range allocated.
@Suite struct IOVAFreeTests {
  /// Runs `source` to its end with every invariant checked after every step; returns the log.
  func run(_ source: String) throws -> (Machine, [String]) {
    let result = ScenarioCompiler.compile(source, fileName: "t.dms")
    #expect(result.diagnostics.filter { $0.severity == .error }.isEmpty)
    let scenario = try #require(result.scenario)
    var machine = Machine(board: scenario.board, program: scenario.program)
    var steps = 0
    while steps < 200_000, machine.step() {
      steps += 1
      let problems = machine.invariantViolations()
      #expect(problems.isEmpty, "step \(machine.stepCount): \(problems)")
      if !problems.isEmpty { break }
    }
    #expect(machine.isFinished)
    return (machine, machine.log.entries.map(\.message))
  }

  @Test func anotherBuffersHandleAndSizeFreeThatBuffersIOVALikeTheKernel() throws {
    let (_, messages) = try run(
      """
      board soc_iommu
      a = dma_alloc_coherent(spi1, 4096, ha, GFP_KERNEL)
      b = dma_alloc_coherent(spi1, 65536, hb, GFP_KERNEL)
      dma_free_coherent(spi1, 65536, a, hb)
      dma_free_coherent(spi1, 65536, b, hb)
      """)
    // The first free names b's range exactly: its 16 pages are unmapped and its IOVA goes to
    // the order-4 range cache, as free_iova_fast does.
    let frees = messages.filter { $0.hasPrefix("free_iova_fast(") }
    #expect(frees.count == 1)
    #expect(frees.first?.contains("16 page(s)): kept in the order-4 range cache") == true)
    // The second free of hb would cache the same pfn twice.
    #expect(
      messages.contains {
        $0.hasPrefix("WARNING: free_iova_fast(") && $0.contains("was already freed")
          && $0.hasSuffix("dmascope leaves the IOVA allocated (leaked) instead")
      })
  }

  @Test func aSizeLargerThanTheBufferUnmapsItsNeighboursAndLeaksTheIOVA() throws {
    let (machine, messages) = try run(
      """
      board soc_iommu
      b = dma_alloc_coherent(spi1, 65536, hb, GFP_KERNEL)
      a = dma_alloc_coherent(spi1, 4096, ha, GFP_KERNEL)
      dma_free_coherent(spi1, 65536, a, ha)
      """)
    // iommu_unmap_fast clears 16 pages from ha: a's own page and b's first 15.
    #expect(
      messages.contains {
        $0.hasPrefix("WARNING: iommu_unmap cleared 15 page(s) outside the IOVA range of")
      })
    // A 1-page range would go to the order-4 cache: refused, and said so.
    #expect(
      messages.contains {
        $0.contains("is 1 page(s), but 16 page(s) go to the order-4 range cache")
      })
    let domain = try #require(machine.iommus.first?.domains.first { $0.device == "spi1" })
    #expect(domain.iovad.rangeCaches.allSatisfy { $0.isEmpty })
  }

  @Test func aSmallerSizeLeavesPagesMappedAndTheRangeAllocated() throws {
    let (_, messages) = try run(
      """
      board soc_iommu
      b = dma_alloc_coherent(spi1, 65536, hb, GFP_KERNEL)
      dma_free_coherent(spi1, 4096, b, hb)
      """)
    #expect(messages.contains { $0.contains("is 16 page(s), but 1 page(s) go to the order-0") })
  }

  @Test func aStreamingUnmapOfTheWrongSizeKeepsTheAllocatorSound() throws {
    let (_, messages) = try run(
      """
      board soc_iommu
      p = kmalloc(8192, GFP_KERNEL)
      h = dma_map_single(spi1, p, 8192, DMA_TO_DEVICE)
      dma_mapping_error(spi1, h)
      dma_unmap_single(spi1, h, 4096, DMA_TO_DEVICE)
      h2 = dma_map_single(spi1, p, 8192, DMA_TO_DEVICE)
      dma_mapping_error(spi1, h2)
      dma_unmap_single(spi1, h2, 8192, DMA_TO_DEVICE)
      """)
    #expect(messages.contains { $0.hasPrefix("WARNING: free_iova_fast(") })
  }
}
