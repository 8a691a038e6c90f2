import DMAScenario
import DMASim
import Testing

/// `dma_alloc_coherent` for a device behind an IOMMU (`iommu_dma_alloc_remap`) and the IOMMU
/// state `expect` can read.
@Suite struct IOMMUAllocRemapTests {
  func run(_ source: String) throws -> Machine {
    try ScenarioRunSupport.run(source, fileName: "remap.dms", limit: 200_000)
  }

  func failed(_ machine: Machine) -> [String] {
    machine.expectationResults.filter { !$0.passed }.map {
      "line \($0.line): \($0.text): \($0.actual) vs \($0.expected)"
    }
  }

  /// Two freed pages with a used one between them: the allocator hands the freed pages out
  /// first, so the buffer's three pages lie in two places; the IOVA and the remap are
  /// contiguous all the same, and the CPU's writes through the Normal-NC remap reach RAM at the
  /// barrier, never through the cache.
  @Test func scatteredPagesAreContiguousInIOVAAndInTheRemap() throws {
    let machine = try run(
      """
      board soc_iommu
      p0 = alloc_pages(GFP_KERNEL, 0)
      p1 = alloc_pages(GFP_KERNEL, 0)
      p2 = alloc_pages(GFP_KERNEL, 0)
      __free_pages(p0, 0)
      __free_pages(p2, 0)
      buf = dma_alloc_coherent(spi1, 12288, h, GFP_KERNEL)
      expect iova_mapped(spi1, h, 12288) == 3
      expect iova_to_phys(spi1, h) == p2
      expect iova_to_phys(spi1, h, 4096) == p0
      expect iova_to_phys(spi1, h, 8192) != p1
      expect cpu_view(buf, 4090, 12) == fill(0, 12)
      cpu_write(buf, 4090, "across pages")
      expect cpu_view(buf, 4090, 12) == "across pages"
      wmb()
      expect ram(buf, 4090, 12) == "across pages"
      expect dirty_lines(buf, 12288) == 0
      expect iotlb_misses(spi1) == 0
      dma_free_coherent(spi1, 12288, buf, h)
      expect iova_mapped(spi1, h, 12288) == 0
      expect dma_debug_errors() == 0
      """)
    #expect(failed(machine).isEmpty, "\(failed(machine))")
    #expect(machine.expectationResults.count == 11)
    #expect(scatteredPieces(machine) == [0x4200_2000, 0x4200_0000, 0x4200_3000])
    let remap = machine.log.entries.filter { $0.function == "iommu_dma_alloc" }.map(\.message)
    #expect(remap.count == 1, "\(remap)")
    #expect(
      remap.first?.hasSuffix(
        "3 page(s) in 3 allocation(s) of order 0 ×3 → 3 physically contiguous run(s): "
          + "0x0000000042002000+0x1000, 0x0000000042000000+0x1000, 0x0000000042003000+0x1000")
        == true, "\(remap)")
    #expect(machine.log.entries.contains { $0.function == "dma_common_pages_remap" })
    #expect(machine.log.entries.contains { $0.function == "arch_dma_prep_coherent" })
    #expect(
      machine.memory.pageTable.physicalPieces(of: VirtAddr(0xffff_8000_1000_0000), size: 12288)
        .isEmpty,
      "the remap is gone after dma_free_coherent")
    // Freed again: nothing of the remap is left in the kernel's page tables.
    #expect(
      !machine.memory.pageTable.mappings.contains { $0.name.hasPrefix("iommu_dma_alloc_remap") })
    #expect(!machine.log.entries.contains { $0.source == .debug })
  }

  /// `__iommu_dma_alloc_pages` tries order 9 (the 2 MiB page size of the IO page table) while
  /// at least 512 pages are missing, then single pages.
  @Test func largeBuffersTakeTwoMegabyteBlocksFirst() throws {
    let machine = try run(
      """
      board soc_iommu
      buf = dma_alloc_coherent(spi1, 2105344, h, GFP_KERNEL)
      expect iova_mapped(spi1, h, 2105344) == 514
      """)
    #expect(failed(machine).isEmpty, "\(failed(machine))")
    // (The log keeps only recent entries; the maintenance of 2 MiB pushed the call out.)
    guard case .dmaAddress(let handle) = machine.cpu.variables["h"],
      let view = machine.iommuView(device: "spi1", iova: handle, size: 2_105_344)
    else {
      Issue.record("h is not mapped")
      return
    }
    let pages = view.pages.compactMap(\.physical)
    let block = try #require(pages.first)
    #expect(block.rawValue % 0x20_0000 == 0)
    #expect(
      pages.prefix(512).enumerated().allSatisfy { $1 == block.advanced(by: UInt64($0) << 12) })
  }

  @Test func theRemapIsNonCacheableAndAliasesTheLinearMap() throws {
    let result = ScenarioCompiler.compile(
      """
      board soc_iommu
      buf = dma_alloc_coherent(spi1, 8192, h, GFP_KERNEL)
      """, fileName: "remap.dms")
    let scenario = try #require(result.scenario)
    var machine = Machine(board: scenario.board, program: scenario.program)
    machine.runToEnd()
    guard case .pointer(let buf) = machine.cpu.variables["buf"] else {
      Issue.record("buf is not set")
      return
    }
    let translation = try #require(machine.memory.pageTable.translate(buf.advanced(by: 4096)))
    #expect(translation.mapping.memoryType == .normalNonCacheable)
    let aliases = machine.memory.pageTable.aliases(of: translation.physical)
    #expect(aliases.aliases.count == 2, "\(aliases)")
    let allocation = try #require(machine.allocators.allocations.last)
    #expect(allocation.allocator == "dma_alloc_coherent" && allocation.reservedSize == 8192)
    // Two fresh pages come out of the page allocator in order: one physical piece.
    let pieces = machine.memory.pageTable.physicalPieces(of: allocation)
    #expect(pieces == [PhysicalPiece(virtual: buf, physical: allocation.physical, size: 8192)])
  }

  @Test func atomicAllocationsStayContiguous() throws {
    let machine = try run(
      """
      board soc_iommu
      buf = dma_alloc_coherent(spi1, 8192, h, GFP_ATOMIC)
      expect iova_mapped(spi1, h, 8192) == 2
      """)
    #expect(machine.expectationResults.count == 1)
    let view = try #require(
      machine.cpu.variables["h"].flatMap { value -> IOMMUMappingView? in
        guard case .dmaAddress(let handle) = value else { return nil }
        return machine.iommuView(device: "spi1", iova: handle, size: 8192)
      })
    let physical = view.pages.compactMap(\.physical)
    #expect(physical.count == 2 && physical[1] == physical[0].advanced(by: 4096))
    #expect(!machine.log.entries.contains { $0.function == "dma_common_pages_remap" })
  }

  @Test func iotlbCountersFollowTheDevicesBeats() throws {
    let machine = try run(
      """
      board soc_iommu
      spi = dma_request_chan(spi1, "tx")
      dmaengine_slave_config(spi, dst_addr_width=4, dst_maxburst=4)
      buf = kmalloc(128, GFP_KERNEL)
      h = dma_map_single(spi1, buf, 128, DMA_TO_DEVICE)
      ret = dma_mapping_error(spi1, h)
      expect iova_to_phys(spi1, h) != 0
      expect iotlb_hits(spi1) == 0
      d = dmaengine_prep_slave_single(spi, h, 128, DMA_MEM_TO_DEV, DMA_PREP_INTERRUPT)
      c = dmaengine_submit(d)
      dma_async_issue_pending(spi)
      wait_for_completion(c)
      expect iotlb_misses(spi1) == 1
      expect iotlb_hits(spi1) == 31
      expect iommu_faults(spi1) == 0
      dma_unmap_single(spi1, h, 128, DMA_TO_DEVICE)
      expect iova_to_phys(spi1, h) == 0
      expect iova_mapped(spi1, h, 128) == 0
      """)
    #expect(failed(machine).isEmpty, "\(failed(machine))")
    #expect(machine.expectationResults.count == 7)
  }

  @Test func iommuTermsNeedADeviceBehindAnIOMMU() {
    let result = ScenarioCompiler.compile(
      """
      board soc_iommu
      expect iotlb_hits(spi0) == 0
      """, fileName: "remap.dms")
    #expect(
      result.diagnostics.map(\.message) == [
        "`spi0` is not behind an IOMMU on board `soc_iommu`"
      ])
    #expect(result.diagnostics.first?.hint == "devices behind an IOMMU here: spi1")
  }

  /// The physical pieces of `buf` while it is live: the run replayed up to its `wmb()`.
  func scatteredPieces(_ finished: Machine) -> [UInt64] {
    var machine = Machine(board: finished.board, program: finished.program)
    while machine.step(), machine.currentAction?.operation.functionName != "wmb" {}
    guard case .pointer(let buf) = machine.cpu.variables["buf"] else { return [] }
    return machine.memory.pageTable.physicalPieces(of: buf, size: 12288).map(\.physical.rawValue)
  }
}
