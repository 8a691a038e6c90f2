import DMAScenario
import DMASim
import Testing

/// Issue #4 for scatter-gather: a mapped `sg_table` is owned by the device after `dma_map_sg`
/// and `dma_sync_sg_for_device`, by the CPU after `dma_sync_sg_for_cpu`, and by nobody after
/// `dma_unmap_sg`; a CPU access to an entry the device owns is reported like a single mapping's.
@Suite struct SGOwnershipTests {
  static let touching = "of a buffer the device owns"

  static func prologue(board: String = "minimal", device: String = "spi0") -> String {
    """
    board \(board)
    a = kmalloc(256, GFP_KERNEL)
    b = kmalloc(256, GFP_KERNEL)
    sg = sg_init_table(2)
    sg_set_buf(sg, 0, a, 256)
    sg_set_buf(sg, 1, b, 256)
    n = dma_map_sg(\(device), sg, 2, DMA_FROM_DEVICE)
    expect n >= 1
    """
  }

  func run(_ source: String) throws -> Machine {
    let machine = try ScenarioRunSupport.run(source, fileName: "sg-ownership.dms", limit: 100_000)
    #expect(machine.expectationResults.allSatisfy { $0.passed })
    return machine
  }

  func touches(_ machine: Machine) -> [LogEntry] {
    machine.log.entries.filter { $0.source == .debug && $0.message.contains(Self.touching) }
  }

  @Test func theOwnerFlipsWithMapSyncAndUnmap() throws {
    let steps = [
      ("", StreamingMapping.Owner?.some(.device)),
      ("dma_sync_sg_for_cpu(spi0, sg, 2, DMA_FROM_DEVICE)", .cpu),
      ("dma_sync_sg_for_device(spi0, sg, 2, DMA_FROM_DEVICE)", .device),
      ("dma_unmap_sg(spi0, sg, 2, DMA_FROM_DEVICE)", nil),
    ]
    var source = Self.prologue()
    for (line, owner) in steps {
      source += "\n" + line
      let machine = try run(source)
      let list = try #require(machine.dma.scatterLists.first)
      #expect(list.owner == owner, "after \(line.isEmpty ? "dma_map_sg" : line)")
      #expect(list.mappedEntries == (owner == nil ? 0 : 2))
    }
  }

  @Test func readingAnEntryTheDeviceOwnsIsReported() throws {
    let machine = try run(
      Self.prologue() + """

        x = cpu_read(b, 16, 4)
        dma_unmap_sg(spi0, sg, 2, DMA_FROM_DEVICE)
        """)
    let reports = touches(machine)
    #expect(reports.count == 1, "\(reports.map(\.message))")
    #expect(reports.first?.detail?.contains("entry 1 of sgt") == true)
  }

  @Test func theRightOrderStaysSilent() throws {
    let machine = try run(
      Self.prologue() + """

        dma_sync_sg_for_cpu(spi0, sg, 2, DMA_FROM_DEVICE)
        x = cpu_read(b, 16, 4)
        cpu_write(a, 0, "ack")
        dma_sync_sg_for_device(spi0, sg, 2, DMA_FROM_DEVICE)
        dma_unmap_sg(spi0, sg, 2, DMA_FROM_DEVICE)
        y = cpu_read(a, 0, 3)
        """)
    #expect(touches(machine).isEmpty, "\(touches(machine).map(\.message))")
  }

  @Test func writingAfterSyncForDeviceIsReported() throws {
    let machine = try run(
      Self.prologue() + """

        dma_sync_sg_for_cpu(spi0, sg, 2, DMA_FROM_DEVICE)
        dma_sync_sg_for_device(spi0, sg, 2, DMA_FROM_DEVICE)
        cpu_write(a, 0, "late")
        dma_unmap_sg(spi0, sg, 2, DMA_FROM_DEVICE)
        """)
    #expect(touches(machine).count == 1)
  }
}

extension SGOwnershipTests {
  @Test func behindAnIOMMUEveryMergedEntryIsOwned() throws {
    let machine = try run(
      Self.prologue(board: "soc_iommu", device: "spi1") + """

        x = cpu_read(b, 0, 4)
        dma_sync_sg_for_cpu(spi1, sg, 2, DMA_FROM_DEVICE)
        y = cpu_read(b, 0, 4)
        dma_unmap_sg(spi1, sg, 2, DMA_FROM_DEVICE)
        """)
    #expect(touches(machine).count == 1)
  }
}
