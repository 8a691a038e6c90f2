import DMAScenario
import Testing

@testable import DMASim

/// The DMA mapping API and device beats through the soc_iommu board's SMMU (spi1 behind it,
/// spi0 not).
@Suite struct IOMMUTests {
  static let tx = """
    board soc_iommu
    spi = dma_request_chan(spi1, "tx")
    dmaengine_slave_config(spi, dst_addr_width=4, dst_maxburst=4)
    """

  func machine(_ body: String, board: Board = .socIOMMU) throws -> Machine {
    let result = ScenarioCompiler.compile(body, fileName: "iommu.dms")
    #expect(result.diagnostics.isEmpty, "\(result.diagnostics.map(\.rendered))")
    let scenario = try #require(result.scenario)
    return Machine(board: board, program: scenario.program)
  }

  func messages(_ machine: Machine, _ function: String) -> [String] {
    machine.log.entries.filter { $0.function == function }.map(\.message)
  }

  func output(_ machine: Machine, _ device: String) -> String {
    let peripheral = machine.peripherals.first { $0.spec.name == device }
    return String(decoding: peripheral?.output ?? [], as: UTF8.self)
  }

  @Test func mapSingleGivesAnIOVAAndTheDeviceReadsTheCPUData() throws {
    var machine = try machine(
      Self.tx + """

        buf = kmalloc(128, GFP_KERNEL)
        cpu_write(buf, 0, "Hello, IOMMU!!!!", repeat=8)
        h = dma_map_single(spi1, buf, 128, DMA_TO_DEVICE)
        dma_mapping_error(spi1, h)
        d = dmaengine_prep_slave_single(spi, h, 128, DMA_MEM_TO_DEV, DMA_PREP_INTERRUPT)
        c = dmaengine_submit(d)
        dma_async_issue_pending(spi)
        wait_for_completion(c)
        dma_unmap_single(spi1, h, 128, DMA_TO_DEVICE)
        """)
    #expect(machine.run { !$0.dma.mappings.isEmpty })
    let mapping = try #require(machine.dma.mappings.first)
    // The first IOVA below a 32-bit mask, with the buffer's offset in its page.
    #expect(mapping.handle.rawValue == 0xffff_f000 | (mapping.physical.rawValue & 0xfff))
    #expect(machine.cpu.variables["h"] == .dmaAddress(mapping.handle))
    // dma-debug keys the mapping by its IOVA.
    #expect(machine.dma.dmaDebug.entries.map(\.dmaAddress) == [mapping.handle])
    let view = try #require(machine.iommuView(of: mapping))
    #expect(view.iommu == "9100000.iommu" && view.contextBank == 0)
    #expect(view.pages.map(\.physical) == [PhysAddr(mapping.physical.rawValue & ~0xfff)])
    #expect(view.pages.allSatisfy { !$0.writable && $0.descriptors.count == 4 })
    #expect(view.allocation == IOVARange(pfnLo: 0xfffff, pfnHi: 0xfffff))
    for function in ["iommu_dma_map_page", "alloc_iova", "alloc_io_pgtable_ops", "iommu_map"] {
      #expect(messages(machine, function).count == 1, "\(function)")
    }
    #expect(machine.iommuView(device: "spi0", iova: mapping.handle, size: 1) == nil)
    machine.runToEnd()
    #expect(output(machine, "spi1") == String(repeating: "Hello, IOMMU!!!!", count: 8))
    #expect(!machine.log.entries.contains { $0.source == .debug })
    // 32 beats of 4 bytes in one page: one walk, then the IOTLB.
    let iommu = try #require(machine.iommu(for: "spi1"))
    #expect(iommu.iotlb.misses == 1 && iommu.iotlb.hits == 31)
    // The unmap cleared the PTE and invalidated the cached translation.
    #expect(iommu.iotlb.entries.isEmpty && iommu.iotlb.invalidations == 1)
    #expect(machine.iommuDomain(for: "spi1")?.mappedPages == 0)
    #expect(messages(machine, "iommu_unmap").count == 1)
    #expect(messages(machine, "free_iova").first?.contains("range cache") == true)
  }

  static let scattered = """
    board soc_iommu
    p0 = kmalloc(4096, GFP_KERNEL)
    gap0 = kmalloc(4096, GFP_KERNEL)
    p1 = kmalloc(4096, GFP_KERNEL)
    gap1 = kmalloc(4096, GFP_KERNEL)
    p2 = kmalloc(4096, GFP_KERNEL)
    gap2 = kmalloc(4096, GFP_KERNEL)
    p3 = kmalloc(4096, GFP_KERNEL)
    sg = sg_init_table(4)
    sg_set_buf(sg, 0, p0, 4096)
    sg_set_buf(sg, 1, p1, 4096)
    sg_set_buf(sg, 2, p2, 4096)
    sg_set_buf(sg, 3, p3, 4096)
    """

  @Test func mapSGOfFourScatteredPagesIsOneIOVASegment() throws {
    var machine = try machine(
      Self.scattered + """

        direct = dma_map_sg(spi0, sg, 4, DMA_TO_DEVICE)
        dma_unmap_sg(spi0, sg, 4, DMA_TO_DEVICE)
        merged = dma_map_sg(spi1, sg, 4, DMA_TO_DEVICE)
        """)
    machine.runToEnd()
    #expect(machine.cpu.variables["direct"] == .integer(4))
    #expect(machine.cpu.variables["merged"] == .integer(1))
    let entries = try #require(machine.dma.scatterLists.first?.entries)
    let physical = entries.compactMap(\.physical)
    #expect(physical.count == 4)
    // Not contiguous in physical memory...
    #expect(zip(physical, physical.dropFirst()).allSatisfy { $1.rawValue != $0.rawValue + 4096 })
    // ...but one 16 KiB segment at the top of the IOVA space.
    #expect(entries[0].dmaAddress == DMAAddr(0xffff_c000) && entries[0].dmaLength == 16384)
    #expect(entries.dropFirst().allSatisfy { $0.dmaAddress == nil && $0.dmaLength == 0 })
    let view = try #require(
      machine.iommuView(device: "spi1", iova: DMAAddr(0xffff_c000), size: 16384))
    #expect(view.pages.map(\.iova) == [0xffff_c000, 0xffff_d000, 0xffff_e000, 0xffff_f000])
    #expect(view.pages.compactMap(\.physical) == physical)
    // dma-debug holds one entry for the one mapped segment.
    #expect(machine.dma.dmaDebug.entries.map(\.dmaAddress) == [DMAAddr(0xffff_c000)])
    #expect(messages(machine, "iommu_map").count == 4)
  }

  @Test func aTableRemappedForAnotherDeviceIsCheckedAgainstThatDevice() throws {
    var machine = try machine(
      Self.scattered + """

        direct = dma_map_sg(spi0, sg, 4, DMA_TO_DEVICE)
        dma_unmap_sg(spi0, sg, 4, DMA_TO_DEVICE)
        merged = dma_map_sg(spi1, sg, 4, DMA_TO_DEVICE)
        dma_unmap_sg(spi1, sg, 4, DMA_TO_DEVICE)
        """)
    machine.runToEnd()
    #expect(machine.cpu.variables["merged"] == .integer(1))
    #expect(machine.dma.dmaDebug.entries.isEmpty)
    #expect(!machine.log.entries.contains { $0.source == .debug })
    #expect(machine.iommuDomain(for: "spi1")?.mappedPages == 0)
  }

  @Test func finaliseSGSplitsAtTheMaximumSegmentSizeAndAtOffsets() throws {
    let machine = try machine("board soc_iommu")
    let pages = Array(repeating: UInt64(4096), count: 20)
    let merged = machine.finaliseSG(
      iova: 0xfff0_0000, offsets: Array(repeating: 0, count: 20), lengths: pages,
      iovaLengths: pages, boundary: .max, maxLength: 65536)
    #expect(merged.map(\.address) == [0xfff0_0000, 0xfff1_0000])
    #expect(merged.map(\.length) == [65536, 16384])
    // An entry that starts inside its page, or one after a short entry, starts a new segment.
    let split = machine.finaliseSG(
      iova: 0x1000, offsets: [0, 0x100, 0], lengths: [4096, 512, 4096],
      iovaLengths: [4096, 4096, 4096], boundary: .max, maxLength: 65536)
    #expect(split.map(\.address) == [0x1000, 0x2100, 0x3000])
    #expect(split.map(\.length) == [4096, 512, 4096])
  }

  @Test func unmapInvalidatesTheIOTLBAndALaterAccessFaults() throws {
    var machine = try machine(
      Self.tx + """

        buf = kmalloc(64, GFP_KERNEL)
        cpu_write(buf, 0, "first transfer..", repeat=4)
        h = dma_map_single(spi1, buf, 64, DMA_TO_DEVICE)
        dma_mapping_error(spi1, h)
        d = dmaengine_prep_slave_single(spi, h, 16, DMA_MEM_TO_DEV, DMA_PREP_INTERRUPT)
        c = dmaengine_submit(d)
        dma_async_issue_pending(spi)
        wait_for_completion(c)
        dma_unmap_single(spi1, h, 64, DMA_TO_DEVICE)
        d2 = dmaengine_prep_slave_single(spi, h, 16, DMA_MEM_TO_DEV, DMA_PREP_INTERRUPT)
        c2 = dmaengine_submit(d2)
        dma_async_issue_pending(spi)
        wait_for_completion(c2)
        """)
    #expect(machine.run { $0.log.entries.contains { $0.function == "iommu_unmap" } })
    let tlb = try #require(machine.iommu(for: "spi1")?.iotlb)
    #expect(tlb.entries.isEmpty && tlb.invalidations == 1)
    machine.runToEnd()
    #expect(machine.isFinished)
    // The first beat faults; the SMMU terminates it, the controller sees a bus error and
    // aborts the transfer, so the other three beats never reach the bus.
    let faults = messages(machine, "arm_smmu_context_fault")
    #expect(faults.count == 1)
    #expect(
      messages(machine, "vchan_complete").last?.contains(
        "callback(txd d2, {DMA_TRANS_READ_FAILED, residue 16})") == true)
    let offset =
      (machine.log.entries.first { $0.function == "kmalloc" }?.addresses
        .first { $0.name == "phys" }?.value ?? 0) & 0xfff
    #expect(
      faults.first
        == "arm-smmu 9100000.iommu: Unhandled context fault: fsr=0x402, iova=0x"
        + Hex.format(0xffff_f000 | offset, digits: 8)
        + ", fsynr=0x3, cbfrsynra=0x100, cb=0")
    #expect(machine.iommu(for: "spi1")?.faults == 1)
    // Only the first transfer reached the wire.
    #expect(output(machine, "spi1") == "first transfer..")
  }

  @Test func anSMMUv3ReportsTheEventItsOwnWay() throws {
    var board = Board.socIOMMU
    board.iommus[0].driverName = "arm-smmu-v3"
    board.iommus[0].compatible = "arm,smmu-v3"
    var machine = try machine(
      Self.tx + """

        buf = kmalloc(4096, GFP_KERNEL)
        h = dma_map_single(spi1, buf, 64, DMA_TO_DEVICE)
        dma_unmap_single(spi1, h, 64, DMA_TO_DEVICE)
        d = dmaengine_prep_slave_single(spi, h, 4, DMA_MEM_TO_DEV, DMA_PREP_INTERRUPT)
        c = dmaengine_submit(d)
        dma_async_issue_pending(spi)
        wait_for_completion(c)
        """, board: board)
    machine.runToEnd()
    #expect(
      messages(machine, "arm_smmu_evtq_thread") == [
        "arm-smmu-v3 9100000.iommu: event: F_TRANSLATION client: 9080000.spi sid: 0x100 "
          + "ssid: 0 iova: 0xfffff000 ipa: 0",
        "arm-smmu-v3 9100000.iommu: unpriv data read s1 \"input address caused fault\" stag: 0",
      ])
  }

  @Test func aDeviceWriteIntoAToDeviceMappingIsAPermissionFault() throws {
    var board = Board.socIOMMU
    board.devices[0].iommu = "smmu0"
    board.devices[0].streamID = 0x200
    var machine = try machine(
      """
      board soc_iommu
      rx = dma_request_chan(uart0, "rx")
      dmaengine_slave_config(rx, src_addr_width=1, src_maxburst=4)
      buf = kmalloc(64, GFP_KERNEL)
      h = dma_map_single(uart0, buf, 64, DMA_TO_DEVICE)
      dma_mapping_error(uart0, h)
      d = dmaengine_prep_slave_single(rx, h, 16, DMA_DEV_TO_MEM, DMA_PREP_INTERRUPT)
      c = dmaengine_submit(d)
      dma_async_issue_pending(rx)
      device_receive(uart0, "ping from uart!\\n")
      wait_for_completion(c)
      """, board: board)
    machine.runToEnd()
    // The first write is a permission fault; the controller aborts the transfer with
    // DMA_TRANS_WRITE_FAILED and every byte left.
    let faults = messages(machine, "arm_smmu_context_fault")
    #expect(faults.count == 1)
    #expect(faults.first?.contains("fsr=0x408, iova=0xfffff") == true)
    #expect(faults.first?.hasSuffix("fsynr=0x13, cbfrsynra=0x200, cb=0") == true)
    #expect(
      messages(machine, "vchan_complete").last?.contains(
        "{DMA_TRANS_WRITE_FAILED, residue 16}") == true)
    // One walk caches the read-only translation, which refuses the write.
    let tlb = try #require(machine.iommu(for: "uart0")?.iotlb)
    #expect(tlb.misses == 1 && tlb.hits == 0)
  }

  @Test func coherentBuffersAreMappedIntoIOVASpace() throws {
    var machine = try machine(
      """
      board soc_iommu
      ring = dma_alloc_coherent(spi1, 8192, handle, GFP_KERNEL)
      plain = dma_alloc_coherent(spi0, 4096, phys, GFP_KERNEL)
      dma_free_coherent(spi1, 8192, ring, handle)
      """)
    #expect(machine.run { $0.cpu.variables["plain"] != nil })
    #expect(machine.cpu.variables["handle"] == .dmaAddress(DMAAddr(0xffff_e000)))
    let ring = try #require(machine.allocators.allocations.first { $0.name == "ring" })
    let view = try #require(
      machine.iommuView(device: "spi1", iova: DMAAddr(0xffff_e000), size: 8192))
    #expect(view.pages.map(\.physical) == [ring.physical, ring.physical.advanced(by: 4096)])
    #expect(view.pages.allSatisfy { $0.writable })
    // A device without an IOMMU gets the physical address.
    let plain = try #require(machine.allocators.allocations.first { $0.name == "plain" })
    #expect(machine.cpu.variables["phys"] == .dmaAddress(DMAAddr(plain.physical.rawValue)))
    machine.runToEnd()
    #expect(machine.iommuDomain(for: "spi1")?.mappedPages == 0)
    #expect(!machine.log.entries.contains { $0.source == .debug })
  }
}
