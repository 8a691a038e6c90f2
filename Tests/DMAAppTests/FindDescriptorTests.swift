import DMAApp
import DMAPanels
import TermCanvas
import Testing

/// `/cookie N` picks out a descriptor in the channel-queue panel: focus moves there and the
/// descriptor's box is drawn in the selection style (with a mark in the full layout).
@Suite struct FindDescriptorTests {
  /// The arbiter lesson at step 50: three channels each hold a descriptor with cookie 2.
  private func model(size: Size) throws -> AppModel {
    var model = try AppFixtures.lessonModel("arbiter", steps: 50, size: size)
    model.find("cookie 2")
    _ = model.update(.key(.character("]")))
    return model
  }

  /// The cells of the first occurrence of `text` on screen.
  private func cells(of text: String, in frame: Buffer) -> [Cell]? {
    let rows = frame.plainText.split(separator: "\n", omittingEmptySubsequences: false)
    for (y, row) in rows.enumerated() {
      guard let range = row.range(of: text) else { continue }
      let x = row.distance(from: row.startIndex, to: range.lowerBound)
      return (x..<(x + text.count)).map { frame[$0, y] }
    }
    return nil
  }

  @Test func theFoundDescriptorIsHighlighted() throws {
    let model = try model(size: Size(width: 80, height: 24))
    #expect(model.focus == .queues)
    #expect(model.message?.contains("txd d2 cookie 2 on dma0chan3") == true)
    let frame = model.view()
    let found = try #require(cells(of: "d2#2", in: frame))
    #expect(found.allSatisfy { $0.style == model.theme.style(.selection) })
    // The other cookie-2 descriptors are not.
    let other = try #require(cells(of: "d1#2", in: frame))
    #expect(other.allSatisfy { $0.style != model.theme.style(.selection) })
  }

  @Test func theFullLayoutMarksTheBox() throws {
    let model = try model(size: Size(width: 200, height: 60))
    var buffer = Buffer(size: Size(width: 70, height: 40))
    let context = PanelContext(machine: model.machine, theme: .monochrome, glyphs: .ascii)
    let selection = DescriptorSelection(controller: 0, channel: 3, id: 2)
    buffer.render(ChannelQueuePanel(context: context, selected: selection), in: buffer.area)
    let text = buffer.plainText
    #expect(text.contains(" active    >[d2 #2] "))
    #expect(text.components(separatedBy: ">[").count == 2)
  }

  @Test func anotherFindClearsTheMark() throws {
    var model = try model(size: Size(width: 80, height: 24))
    model.find("dst")
    let frame = model.view()
    let cellsOfD2 = try #require(cells(of: "d2#2", in: frame))
    #expect(cellsOfD2.allSatisfy { $0.style != model.theme.style(.selection) })
  }
}
