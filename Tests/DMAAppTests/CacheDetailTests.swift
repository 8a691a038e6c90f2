import DMAApp
import DMAPanels
import DMASim
import TermCanvas
import Testing

/// The cache panel's detail pane (a line's bytes as the CPU, RAM and the device see them) and
/// its note of lines the last step invalidated.
@Suite struct CacheDetailTests {
  private func render(_ widget: some Widget, width: Int = 60, height: Int = 16) -> Buffer {
    var buffer = Buffer(size: Size(width: width, height: height))
    buffer.render(widget, in: buffer.area)
    return buffer
  }

  @Test func theDetailPaneShowsTheThreeViews() throws {
    // missing-clean at its pause: the CPU's dirty line never reached RAM.
    var model = try AppFixtures.lessonModel("missing-clean", steps: 0)
    _ = model.update(.key(.character("c")))
    let context = PanelContext(machine: model.machine, theme: .default, glyphs: .unicode)
    let frame = render(CachePanel(context: context, selected: 0, detail: 0))
    assertSnapshot(frame.snapshotText, named: "panel-cache-detail")
    let text = frame.plainText
    #expect(text.contains("line 42000000 dirty tag 0x84000 age 0: 63 B differ"))
    #expect(text.contains("+00 CPU  Data the device must send, but n"))
    #expect(text.contains("    RAM  " + String(repeating: "\u{00B7}", count: 32)))
    #expect(text.contains("    spi0 " + String(repeating: "\u{00B7}", count: 32)))
    // The differing bytes are highlighted, in CPU and RAM rows alike.
    let rows = text.split(separator: "\n", omittingEmptySubsequences: false)
    let cpuRow = try #require(rows.firstIndex { $0.hasPrefix("+00 CPU") })
    #expect(frame[9, cpuRow].style == context.style(.bytesDiffer))
    #expect(frame[9, cpuRow + 1].style == context.style(.bytesDiffer))
  }

  @Test func noRoomNoDetail() throws {
    var model = try AppFixtures.lessonModel("missing-clean", steps: 0)
    _ = model.update(.key(.character("c")))
    let context = PanelContext(machine: model.machine, theme: .default, glyphs: .unicode)
    let text = render(CachePanel(context: context, detail: 0), height: 8).plainText
    #expect(!text.contains("differ"))
  }

  @Test func theLastStepsInvalidationsAreNoted() throws {
    var model = try AppFixtures.lessonModel("sync-reuse", steps: 0)
    // Step until a step invalidates a valid line.
    var found = false
    for _ in 0..<2000 where !model.machine.isFinished {
      _ = model.update(.key(.character("s")))
      let machine = model.machine
      if machine.lastTouch.cacheSlots.contains(where: {
        !machine.memory.cache.line($0).isValid
          && machine.memory.cache.line($0).changedAtStep == machine.stepCount
      }) {
        found = true
        break
      }
    }
    #expect(found)
    let context = PanelContext(machine: model.machine, theme: .default, glyphs: .ascii)
    let text = render(CachePanel(context: context)).plainText
    #expect(text.contains("last step:"))
    #expect(text.contains(">I"))
  }

  @Test func theSelectedBuffersLinesAreMarked() throws {
    var model = try AppFixtures.lessonModel("missing-clean", steps: 0)
    _ = model.update(.key(.character("c")))
    let context = PanelContext(machine: model.machine, theme: .default, glyphs: .unicode)
    let buffer = try #require(model.selectedBuffer)
    let range = buffer.physical.rawValue..<(buffer.physical.rawValue + buffer.size)
    let marked = render(CachePanel(context: context, buffer: range))
    let plain = render(CachePanel(context: context))
    // Row 2 is the first line; its address starts at column 7.
    #expect(marked.plainText.split(separator: "\n")[2].hasPrefix("00.0 D 42000000"))
    #expect(marked[7, 2].style == context.style(.highlight))
    #expect(plain[7, 2].style == context.style(.addressPhysical))
  }
}
