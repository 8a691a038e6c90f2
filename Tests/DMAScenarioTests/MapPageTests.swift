import DMAScenario
import DMASim
import Testing

/// `dma_map_page` / `dma_unmap_page` and the `struct page` calls that name a page
/// (`device_release_driver` is in `DMADebugCheckTests`).
@Suite struct MapPageTests {
  func run(_ source: String) throws -> Machine {
    try ScenarioRunSupport.run(source, fileName: "map-page.dms", limit: 100_000)
  }

  func reports(_ machine: Machine) -> [String] {
    machine.log.entries.filter { $0.source == .debug }.map(\.message)
  }

  @Test func aPageMappedToTheDeviceIsCleanedAndUnmappedSilently() throws {
    let machine = try run(
      """
      board minimal
      page = alloc_pages(GFP_KERNEL, 1)
      buf = page_address(page)
      cpu_write(buf, 4096, "second page")
      h = dma_map_page(spi0, page, 4096, 64, DMA_TO_DEVICE)
      ret = dma_mapping_error(spi0, h)
      expect ret == 0
      expect ram(buf, 4096, 11) == "second page"
      expect dirty_lines(buf, 8192) == 0
      expect mappings() == 1
      dma_unmap_page(spi0, h, 64, DMA_TO_DEVICE)
      expect mappings() == 0
      expect dma_debug_errors() == 0
      """)
    #expect(machine.expectationResults.allSatisfy { $0.passed }, "\(machine.expectationResults)")
    #expect(machine.expectationResults.count == 6)
    #expect(reports(machine).isEmpty, "\(reports(machine))")
    let calls = machine.log.entries.filter { $0.function == "dma_map_single" }.map(\.message)
    #expect(calls.first?.hasPrefix("dma_map_page(9060000.spi, page(pfn 0x") == true, "\(calls)")
    #expect(machine.log.entries.contains { $0.function == "dma_unmap_page" })
  }

  @Test func virtToPageNamesTheKmallocPageAndTheOffsetIsKept() throws {
    let machine = try run(
      """
      board minimal
      buf = kmalloc(4096, GFP_KERNEL)
      page = virt_to_page(buf)
      same = page_address(page)
      expect same == buf
      h = dma_map_page(spi0, page, 0, 4096, DMA_FROM_DEVICE)
      dma_mapping_error(spi0, h)
      dma_unmap_page(spi0, h, 4096, DMA_FROM_DEVICE)
      v = vmalloc(4096)
      bad = virt_to_page(v)
      expect bad == NULL
      good = vmalloc_to_page(v)
      expect good != NULL
      """)
    #expect(machine.expectationResults.allSatisfy { $0.passed }, "\(machine.expectationResults)")
    #expect(machine.dma.dmaDebug.errorCount == 0)
    #expect(reports(machine).contains { $0.hasPrefix("virt_to_page(") })
  }

  /// Since the kernel dropped dma-debug's separate "page" type, `debug_dma_map_page` records
  /// `dma_map_page` and `dma_map_single` alike as "single": mixing the single and page unmap
  /// calls is not reported, but freeing a page mapping as coherent memory is.
  @Test func dmaDebugRecordsPageMappingsAsSingle() throws {
    let mixed = try run(
      """
      board minimal
      buf = kmalloc(256, GFP_KERNEL)
      h = dma_map_single(spi0, buf, 256, DMA_TO_DEVICE)
      dma_mapping_error(spi0, h)
      dma_unmap_page(spi0, h, 256, DMA_TO_DEVICE)
      page = alloc_pages(GFP_KERNEL, 0)
      h2 = dma_map_page(spi0, page, 0, 256, DMA_TO_DEVICE)
      dma_mapping_error(spi0, h2)
      dma_unmap_single(spi0, h2, 256, DMA_TO_DEVICE)
      expect mappings() == 0
      """)
    #expect(mixed.dma.dmaDebug.errorCount == 0, "\(reports(mixed))")
    #expect(mixed.expectationResults.allSatisfy { $0.passed })
    let wrong = try run(
      """
      board minimal
      page = alloc_pages(GFP_KERNEL, 0)
      buf = page_address(page)
      h = dma_map_page(spi0, page, 0, 4096, DMA_BIDIRECTIONAL)
      dma_mapping_error(spi0, h)
      dma_free_coherent(spi0, 4096, buf, h)
      """)
    #expect(wrong.dma.dmaDebug.errorCount == 1, "\(wrong.log.entries.suffix(6).map(\.message))")
    let address = try #require(wrongAddress(wrong))
    #expect(
      reports(wrong).contains(
        "DMA-API: ssp-pl022 9060000.spi: device driver frees DMA memory with wrong function "
          + "[device address=\(address)] [size=4096 bytes] [mapped as single] [unmapped as "
          + "coherent]"), "\(reports(wrong))")
  }

  private func wrongAddress(_ machine: Machine) -> String? {
    guard case .dmaAddress(let handle) = machine.cpu.variables["h"] else { return nil }
    return handle.hex
  }

  @Test func aVmappedStackPageIsReportedAtItsProbableAddress() throws {
    let machine = try run(
      """
      board minimal
      buf = stack_buffer(64)
      page = vmalloc_to_page(buf)
      h = dma_map_page(spi0, page, 0, 64, DMA_TO_DEVICE)
      dma_mapping_error(spi0, h)
      dma_unmap_page(spi0, h, 64, DMA_TO_DEVICE)
      """)
    let stack = reports(machine).filter { $0.contains("maps memory from stack") }
    #expect(stack.count == 1, "\(reports(machine))")
    #expect(stack.first?.contains("[probable addr=") == true)
  }

  @Test func behindAnIOMMUThePageIsMappedAtAnIOVA() throws {
    let machine = try run(
      """
      board soc_iommu
      page = alloc_pages(GFP_KERNEL, 0)
      h = dma_map_page(spi1, page, 256, 512, DMA_TO_DEVICE)
      ret = dma_mapping_error(spi1, h)
      expect iova_to_phys(spi1, h) != 0
      expect iova_mapped(spi1, h, 512) == 1
      dma_unmap_page(spi1, h, 512, DMA_TO_DEVICE)
      expect iova_mapped(spi1, h, 512) == 0
      expect dma_debug_errors() == 0
      """)
    #expect(machine.expectationResults.allSatisfy { $0.passed }, "\(machine.expectationResults)")
    #expect(machine.expectationResults.count == 4)
    // The handle keeps the offset in the page: the IOVA's page maps the page itself.
    guard case .page(let page) = machine.cpu.variables["page"],
      case .dmaAddress(let handle) = machine.cpu.variables["h"]
    else {
      Issue.record("page or h is not set")
      return
    }
    #expect(handle.rawValue & 0xfff == 256 && page.rawValue & 0xfff == 0)
    let call = machine.log.entries.first { $0.function == "iommu_dma_map_page" }?.message
    #expect(call?.hasPrefix("dma_map_page(9080000.spi, page(pfn 0x") == true, "\(call ?? "")")
  }
}
