import DMAApp
import DMAPanels
import TermCanvas
import Testing

/// The physical column names every kind of region: DRAM, MMIO, the kernel, CMA, device pools,
/// swiotlb and `no-map` carve-outs.
@Suite struct AddressSpaceRegionTests {
  @Test func noMapCarveOutsAreListed() throws {
    var model = try AppFixtures.lessonModel("reserved-memory", steps: 0)
    while !model.machine.allocators.allocations.contains(where: { $0.name == "w" }),
      !model.machine.isFinished
    {
      _ = model.update(.key(.character("n")))
    }
    model.find("w")
    let context = PanelContext(machine: model.machine, theme: .default, glyphs: .unicode)
    var buffer = Buffer(size: Size(width: 118, height: 30))
    buffer.render(
      AddressSpacePanel(context: context, buffer: model.selectedBuffer), in: buffer.area)
    let text = buffer.plainText
    #expect(text.contains("rsv no-map@4e000000"))
    #expect(text.contains("• pool vdec-pool@50000000"))
    #expect(text.contains("CMA linux,cma"))
    #expect(text.contains("swiotlb"))
  }
}
