import DMAApp
import DMAPanels
import DMASim
import TermCanvas
import Testing

/// Each panel alone, drawn into a fixed-size buffer, as text snapshots: the coherent-buffer
/// lesson on soc8g (8 GiB, 1 GiB CMA) after `ring` is allocated and written.
@Suite struct PanelSnapshotTests {
  static let steps = 40

  private func render(_ widget: some Widget, width: Int = 64, height: Int = 18) -> Buffer {
    var buffer = Buffer(size: Size(width: width, height: height))
    buffer.render(widget, in: buffer.area)
    return buffer
  }

  private func context(glyphs: Glyphs = .unicode, theme: Theme = .default) throws -> (
    PanelContext, AppModel
  ) {
    let model = try AppFixtures.lessonModel("coherent-buffer", steps: Self.steps)
    return (PanelContext(machine: model.machine, theme: theme, glyphs: glyphs), model)
  }

  @Test func addressSpaces() throws {
    let (context, model) = try context()
    let frame = render(AddressSpacePanel(context: context, buffer: model.selectedBuffer))
    assertSnapshot(frame.snapshotText, named: "panel-address-spaces")
    #expect(frame.plainText.contains("→ffff800010000000"))
    #expect(frame.plainText.contains("NC mapping: no cache"))
  }

  @Test func cache() throws {
    let model = try AppFixtures.lessonModel("missing-clean", steps: 5)
    let context = PanelContext(machine: model.machine, theme: .default, glyphs: .unicode)
    let frame = render(CachePanel(context: context, selected: 0))
    assertSnapshot(frame.snapshotText, named: "panel-cache")
    #expect(frame.plainText.contains("1 dirty"))
  }

  @Test func channelQueues() throws {
    let (context, _) = try context()
    let frame = render(ChannelQueuePanel(context: context))
    assertSnapshot(frame.snapshotText, named: "panel-channel-queues")
  }

  @Test func eventLog() throws {
    let (context, _) = try context()
    assertSnapshot(
      render(EventLogPanel(context: context, scrollBack: 0)).snapshotText, named: "panel-event-log")
  }

  @Test func pageTables() throws {
    let (context, model) = try context()
    let frame = render(PageTablePanel(context: context, buffer: model.selectedBuffer))
    assertSnapshot(frame.snapshotText, named: "panel-page-tables")
    let text = frame.plainText
    #expect(text.contains("L3 pte[0] 00680000c000070b page"))
    #expect(text.contains("MT_NORMAL_NC AttrIndx 2 MAIR 0x44"))
    #expect(text.contains("range: 2 entries of 4 KiB in dma_alloc_coherent remap"))
    #expect(text.contains("! ffff000080000000 linear map WB mismatched attributes"))
  }

  @Test func cmaWholeArea() throws {
    let (context, _) = try context()
    let frame = render(CMAPanel(context: context))
    assertSnapshot(frame.snapshotText, named: "panel-cma")
    let text = frame.plainText
    #expect(text.contains("reserved c0000000-ffffffff 1 GiB, 262144 pages"))
    #expect(text.contains("used 2  maxchunk 262142"))
    #expect(text.contains("ring     pfn 0xc0000 2 pages dma_alloc_coherent"))
  }

  @Test func cmaZoomedToSinglePagesInASCII() throws {
    let (context, _) = try context(glyphs: .ascii, theme: .monochrome)
    let frame = render(CMAPanel(context: context, zoom: 20, cursorPage: 0))
    assertSnapshot(frame.snapshotText, named: "panel-cma-zoomed-ascii")
    #expect(frame.plainText.contains("1 page/cell"))
    #expect(frame.cells.allSatisfy { $0.symbol.isASCII })
  }

  @Test func narration() throws {
    let (context, _) = try context()
    assertSnapshot(
      render(NarrationPanel(context: context), height: 3).snapshotText, named: "panel-narration")
  }

  @Test func pageWalkOfTheLinearMap() throws {
    let model = try AppFixtures.lessonModel("first-transfer", steps: 4)
    let context = PanelContext(machine: model.machine, theme: .default, glyphs: .unicode)
    let text = render(PageTablePanel(context: context, buffer: model.selectedBuffer)).plainText
    #expect(text.contains("L0 pgd[0] "))
    #expect(text.contains("L2 pmd[16] "))
    #expect(text.contains("L3 pte[0] 0068000042000703 page"))
    #expect(text.contains("page 4 KiB MT_NORMAL AttrIndx 0 MAIR 0xff"))
    #expect(text.contains("no other mapping of these pages"))
  }

  @Test func cmaStripMarksTheOwner() throws {
    let (context, _) = try context()
    let area = try #require(context.machine.allocators.cmaAreas.first)
    let strip = CMAStrip(
      area: area, allocations: context.machine.allocators.allocations, firstPage: 0,
      pagesPerCell: 1,
      capacity: 4)
    #expect(strip.cells.map(\.state) == [.allocated, .allocated, .free, .free])
    #expect(strip.owners.map(\.name) == ["ring"])
    #expect(strip.cells.map(\.owner) == [0, 0, nil, nil])
  }
}
