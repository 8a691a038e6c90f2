import DMAApp
import DMAPanels
import DMASim
import TermCanvas
import Testing

/// The address-space panel's map to scale (drawn when the panel is zoomed): the three spaces as
/// strips of equal-sized rows, gaps elided, the selected buffer marked on one screen row.
@Suite struct AddressScaleMapTests {
  /// The zoomed panel's inner size in a 120x40 terminal.
  static let inner = Size(width: 118, height: 34)

  private func render(
    _ model: AppModel, zoom: Int = 0, glyphs: Glyphs = .unicode, theme: Theme = .default
  ) -> Buffer {
    let context = PanelContext(machine: model.machine, theme: theme, glyphs: glyphs)
    var buffer = Buffer(size: Self.inner)
    buffer.render(
      AddressSpacePanel(context: context, buffer: model.selectedBuffer, scaleZoom: zoom),
      in: buffer.area)
    return buffer
  }

  /// The screen rows holding the buffer's mark.
  private func markedRows(_ frame: Buffer, _ mark: String) -> [String] {
    frame.plainText.split(separator: "\n").map(String.init).filter { $0.contains(mark) }
  }

  @Test func defaultLessonDrawsTheThreeSpacesToScale() throws {
    let model = try AppFixtures.model(steps: 9)
    let frame = render(model)
    assertSnapshot(frame.snapshotText, named: "panel-address-scale")
    let text = frame.plainText
    #expect(text.contains("1 row = 16 MiB"))
    #expect(text.contains("≈≈  gap 128 TiB"))
    #expect(text.contains("MMIO spi@9060000"))
    // One screen row links VA, PA and bus address.
    let rows = markedRows(frame, "← buf")
    #expect(rows.count == 1)
    #expect(rows.first?.components(separatedBy: "← buf").count == 4)
  }

  @Test func zoomingInCentresOnTheBufferDownToOnePage() throws {
    let model = try AppFixtures.model(steps: 9)
    let frame = render(model, zoom: 40)
    let text = frame.plainText
    #expect(text.contains("1 row = 4 KiB"))
    #expect(!text.contains("1 row = 8 MiB"))
    let rows = markedRows(frame, "← buf")
    #expect(rows.count == 1)
    #expect(rows.first?.contains("ffff000002000000") == true)
    #expect(rows.first?.contains("42000000") == true)
  }

  @Test func iommuLessonInMonochromeASCII() throws {
    var model = try AppFixtures.lessonModel("iommu-scatter-gather", steps: 0)
    _ = model.update(.key(.character("c")))
    model.find("head")
    let frame = render(model, glyphs: .ascii, theme: .monochrome)
    assertSnapshot(frame.snapshotText, named: "panel-address-scale-iova-ascii")
    let text = frame.plainText
    #expect(frame.cells.allSatisfy { $0.symbol.isASCII })
    #expect(text.contains("IOVA spi1"))
    #expect(text.contains("xx  MSI window rsv"))
    #expect(text.contains("~~  gap 3 GiB"))
    let rows = markedRows(frame, "< head")
    #expect(rows.count == 1)
    #expect(rows.first?.contains("ffff0000 ##* < head in iova 2p") == true)
  }

  @Test func zKeysZoomTheMapOnlyWhenThePanelIsZoomed() throws {
    var model = try AppFixtures.model(steps: 9, size: Size(width: 200, height: 60))
    _ = model.update(.key(.character("1")))
    _ = model.update(.key(.character("z")))
    #expect(model.addressZoom == 0)
    _ = model.update(.key(.enter))
    #expect(model.view().plainText.contains("1 row = "))
    for _ in 0..<60 { _ = model.update(.key(.character("z"))) }
    #expect(model.addressZoom == model.deepestAddressZoom)
    #expect(model.addressZoom > 0)
    #expect(model.view().plainText.contains("1 row = 4 KiB"))
    #expect(model.message?.contains("already one page a row") == true)
    _ = model.update(.key(.character("Z")))
    #expect(model.addressZoom == model.deepestAddressZoom - 1)
    #expect(model.cmaZoom == 0)
  }
}
