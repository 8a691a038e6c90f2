import DMAApp
import DMAPanels
import TermCanvas
import Testing

/// Whole frames of the iommu-scatter-gather lesson at its first pause (`tail` selected): the
/// IOVA column, the IO page table walk and the IOTLB at 80x24, 120x40 and 200x60, in colour and
/// in monochrome ASCII; and every panel placed at the largest layout, 250x80.
@Suite struct IOMMUFrameSnapshotTests {
  private func model(_ size: Size, theme: Theme = .default, glyphs: Glyphs = .unicode) throws
    -> AppModel
  {
    var model = try AppFixtures.lessonModel(
      "iommu-scatter-gather", steps: 0, size: size, theme: theme, glyphs: glyphs)
    _ = model.update(.key(.character("c")))
    model.find("tail")
    return model
  }

  @Test(arguments: LayoutSnapshotTests.sizes) func colour(size: Size) throws {
    let frame = try model(size).view()
    assertSnapshot(frame.snapshotText, named: "iommu-\(size.width)x\(size.height)-colour")
    #expect(frame.plainText.contains("ffffec00"))
  }

  @Test(arguments: LayoutSnapshotTests.sizes) func monochromeASCII(size: Size) throws {
    let frame = try model(size, theme: .monochrome, glyphs: .ascii).view()
    assertSnapshot(frame.snapshotText, named: "iommu-\(size.width)x\(size.height)-ascii")
    #expect(frame.cells.allSatisfy { $0.symbol.isASCII })
  }

  @Test func theLargestLayoutShowsEveryPanel() throws {
    let model = try model(Size(width: 250, height: 80))
    let text = model.view().plainText
    for panel in PanelID.allCases {
      #expect(text.contains("\(panel.rawValue + 1) \(panel.title) "), "\(panel)")
    }
    #expect(text.contains("IO page table spi1 9100000.iommu cb0 IOVA ffffec00"))
    // Stopped at the pause on line 43, the narration on line 44 has run (it shows before the
    // action after it), and the pane marks the statement about to run, as gdb does.
    #expect(text.contains("→45 "))
  }
}
