import DMAApp
import DMAPanels
import DMASim
import TermCanvas
import Testing

/// Each panel in the monochrome theme with ASCII glyphs (`NO_COLOR`, `--ascii`), as text
/// snapshots: the coherent-buffer lesson at step 40 like `PanelSnapshotTests`, the cache panel
/// on missing-clean at its pause, and the IOMMU lesson at its first pause for the IOVA views.
@Suite struct PanelMonochromeSnapshotTests {
  private func render(_ widget: some Widget, width: Int = 64, height: Int = 18) -> Buffer {
    var buffer = Buffer(size: Size(width: width, height: height))
    buffer.render(widget, in: buffer.area)
    return buffer
  }

  private func context(_ model: AppModel) -> PanelContext {
    PanelContext(machine: model.machine, theme: .monochrome, glyphs: .ascii)
  }

  private func check(_ frame: Buffer, _ name: String) {
    assertSnapshot(frame.snapshotText, named: name)
    #expect(frame.cells.allSatisfy { $0.symbol.isASCII })
    let colours = Set(frame.cells.flatMap { [$0.style.foreground, $0.style.background] })
    #expect(colours == [.default])
  }

  @Test func coherentBufferPanels() throws {
    let model = try AppFixtures.lessonModel("coherent-buffer", steps: 40)
    let context = context(model)
    check(
      render(AddressSpacePanel(context: context, buffer: model.selectedBuffer)),
      "mono-address-spaces")
    check(render(ChannelQueuePanel(context: context)), "mono-channel-queues")
    check(render(EventLogPanel(context: context)), "mono-event-log")
    check(
      render(PageTablePanel(context: context, buffer: model.selectedBuffer)), "mono-page-tables")
    check(render(CMAPanel(context: context)), "mono-cma")
    check(render(NarrationPanel(context: context), height: 3), "mono-narration")
    check(
      render(SourcePanel(context: context, sourceLines: model.scenario.sourceLines), height: 6),
      "mono-source")
  }

  @Test func cachePanelWithDetail() throws {
    var model = try AppFixtures.lessonModel("missing-clean", steps: 0)
    _ = model.update(.key(.character("c")))
    check(
      render(CachePanel(context: context(model), selected: 0, detail: 0)), "mono-cache-detail")
  }

  @Test func iommuViews() throws {
    var model = try AppFixtures.lessonModel("iommu-scatter-gather", steps: 0)
    _ = model.update(.key(.character("c")))
    model.find("tail")
    let context = context(model)
    check(
      render(AddressSpacePanel(context: context, buffer: model.selectedBuffer), height: 20),
      "mono-address-spaces-iova")
    check(
      render(PageTablePanel(context: context, buffer: model.selectedBuffer), height: 24),
      "mono-page-tables-iova")
    check(render(CMAPanel(context: context), height: 6), "mono-pools-iommu")
  }
}
