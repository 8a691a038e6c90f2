import DMAApp
import DMAPanels
import DMASim
import TermCanvas
import Testing

/// The bus column of a device behind an IOMMU: the iommu-scatter-gather lesson at its first
/// pause, where spi1's sg list is mapped through the SMMU as one 2-page IOVA range.
@Suite struct IOVAViewTests {
  /// The lesson stopped at its first `pause` (after `dma_map_sg(spi1, ...)`), with `tail`
  /// selected.
  private func pausedModel(size: Size = Size(width: 120, height: 40)) throws -> AppModel {
    var model = try AppFixtures.lessonModel("iommu-scatter-gather", steps: 0, size: size)
    _ = model.update(.key(.character("c")))
    model.find("tail")
    return model
  }

  private func render(_ widget: some Widget, width: Int, height: Int) -> Buffer {
    var buffer = Buffer(size: Size(width: width, height: height))
    buffer.render(widget, in: buffer.area)
    return buffer
  }

  @Test func theDomainListsItsRangesAndTheBufferPages() throws {
    let machine = try pausedModel().machine
    let regions = machine.iovaRegions(device: "spi1")
    #expect(regions.map(\.start) == [IOMMU.msiIOVABase, 0xffff_e000])
    #expect(regions.map(\.range.reserved) == [true, false])
    #expect(regions.last?.mappedPages == 2)
    #expect(machine.iovaRegions(device: "spi0").isEmpty)
    let tail = try #require(machine.allocators.allocations.first { $0.name == "tail" })
    let pages = machine.iovaPages(mapping: tail.physical, size: tail.size)
    #expect(pages.map(\.iova) == [0xffff_e000])
    #expect(pages.first?.physical == PhysAddr(tail.physical.rawValue & ~0xfff))
    #expect(pages.first?.writable == false)
  }

  @Test func wideColumnsShowTheIOVASpace() throws {
    let model = try pausedModel()
    let context = PanelContext(machine: model.machine, theme: .default, glyphs: .unicode)
    let frame = render(
      AddressSpacePanel(context: context, buffer: model.selectedBuffer), width: 64, height: 20)
    assertSnapshot(frame.snapshotText, named: "panel-address-spaces-iova")
    let text = frame.plainText
    #expect(text.contains("IOVA spi1"))
    #expect(text.contains("MSI window rsv"))
    #expect(text.contains("•iova 2p 2 mapped"))
    #expect(text.contains("→ffff000002000c00"))
    #expect(text.contains("→42000c00"))
    #expect(text.contains("→ffffec00"))
    #expect(text.contains("•IOVA ffffe000 → PA 42000000 RO       spare0,spare1,spare2,tail"))
    #expect(text.contains(" IOVA fffff000 → PA 42002000 RO       head"))
    #expect(text.contains("tail kmalloc-1024 1 KiB owner: device"))
  }

  @Test func narrowRowsShowTheIOVA() throws {
    let model = try pausedModel()
    let context = PanelContext(machine: model.machine, theme: .default, glyphs: .ascii)
    let text = render(
      AddressSpacePanel(context: context, buffer: model.selectedBuffer), width: 40, height: 8
    ).plainText
    #expect(text.contains("bus ffffec00 IOVA spi1 via 9100000.iommu"))
    #expect(text.contains("*IOVA ffffe000 > PA 42000000 RO"))
  }

  @Test func findAnIOVA() throws {
    var model = try pausedModel()
    model.find("fffff010")
    #expect(model.selectedBuffer?.name == "head")
    #expect(model.message?.contains("(by bus)") == true)
  }

  @Test func aDeviceWithoutAnIOMMUKeepsThePhysicalBusView() throws {
    var model = try AppFixtures.lessonModel("iommu-scatter-gather", steps: 0)
    // Stop just after dma_map_sg(spi0, ...): each entry has its own bus address.
    while model.machine.dma.scatterLists.first?.mappedCount ?? 0 == 0, !model.machine.isFinished {
      _ = model.update(.key(.character("s")))
    }
    model.find("tail")
    let context = PanelContext(machine: model.machine, theme: .default, glyphs: .unicode)
    let text = render(
      AddressSpacePanel(context: context, buffer: model.selectedBuffer), width: 64, height: 16
    ).plainText
    #expect(text.contains("bus spi0 sg"))
    #expect(text.contains("→42000c00            →42000c00"))
    #expect(!text.contains("IOVA"))
  }

  @Test func thePoolsPanelShowsTheIOMMU() throws {
    var model = try pausedModel()
    let context = PanelContext(machine: model.machine, theme: .default, glyphs: .unicode)
    let text = render(CMAPanel(context: context), width: 60, height: 8).plainText
    #expect(text.contains("no CMA area on this board"))
    #expect(text.contains("9100000.iommu IOTLB 0/8, 0 hits 0 misses, 0 faults"))
    #expect(text.contains(" spi1   cb0: 1 IOVA range (2 pages), 2 mapped"))
    // Run on to the stale handle: its beats fault.
    _ = model.update(.key(.character("c")))
    let after = PanelContext(machine: model.machine, theme: .default, glyphs: .unicode)
    let faulted = render(CMAPanel(context: after), width: 60, height: 8).plainText
    #expect(!faulted.contains(", 0 faults"))
  }

  @Test func thePageTablePanelWalksTheIOPageTable() throws {
    let model = try pausedModel()
    let context = PanelContext(machine: model.machine, theme: .default, glyphs: .unicode)
    let text = render(
      PageTablePanel(context: context, buffer: model.selectedBuffer), width: 64, height: 24
    ).plainText
    #expect(text.contains("IO page table spi1 9100000.iommu cb0 IOVA ffffec00"))
    #expect(text.contains("L3 [510] "))
    #expect(text.contains("page 4 KiB ffffe000 → 42000000 RO not in IOTLB"))
    // Without room for the whole walk, nothing of it.
    let short = render(
      PageTablePanel(context: context, buffer: model.selectedBuffer), width: 64, height: 12
    ).plainText
    #expect(!short.contains("IO page table"))
  }

  @Test func whyNamesTheSGListAndTheIOVA() throws {
    let model = try pausedModel()
    let tail = try #require(model.selectedBuffer)
    let lines = Why.buffer(tail, in: model.machine)
    #expect(
      lines[1].hasPrefix("in sgt")
        && lines[1].hasSuffix("for spi1 DMA_TO_DEVICE as 1 segment(s): the device owns it"))
    #expect(lines.contains("spi1 reaches its page 0x42000000 at IOVA 0xffffe000 (read-only)"))
    #expect(
      lines.contains { $0.contains("iommu_map at line 40: iommu_map(9080000.spi, iova 0xffffe000") }
    )
  }
}
