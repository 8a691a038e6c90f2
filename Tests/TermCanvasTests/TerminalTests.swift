import Testing

@testable import TermCanvas

@Suite("TestBackend and Terminal")
struct TerminalTests {
  private func frame(_ lines: [String]) -> Buffer { Buffer(lines: lines) }

  @Test func firstDrawRepaintsEverything() {
    var terminal = Terminal(backend: TestBackend(size: Size(width: 4, height: 2)))
    terminal.draw(frame(["abcd", "efgh"]))
    #expect(terminal.backend.clearCount == 1)
    #expect(terminal.backend.cellsWritten == 8)
    #expect(terminal.backend.flushCount == 1)
    #expect(terminal.backend.screen == frame(["abcd", "efgh"]))
  }

  @Test func laterDrawsWriteOnlyChangedCells() {
    var terminal = Terminal(backend: TestBackend(size: Size(width: 4, height: 2)))
    terminal.draw(frame(["abcd", "efgh"]))
    terminal.backend.resetCounters()
    terminal.draw(frame(["abXd", "efgY"]))
    #expect(terminal.backend.cellsWritten == 2)
    #expect(
      terminal.backend.lastUpdates == [
        CellUpdate(x: 2, y: 0, cell: Cell(symbol: "X")),
        CellUpdate(x: 3, y: 1, cell: Cell(symbol: "Y")),
      ])
    #expect(terminal.backend.clearCount == 0)
    #expect(terminal.backend.screen.plainText == "abXd\nefgY")
    terminal.draw(frame(["abXd", "efgY"]))
    #expect(terminal.backend.cellsWritten == 2)
    #expect(terminal.backend.flushCount == 2)
  }

  @Test func resizeAndInvalidateForceFullRepaint() {
    var terminal = Terminal(backend: TestBackend(size: Size(width: 4, height: 2)))
    terminal.draw(frame(["abcd", "efgh"]))
    terminal.backend.resize(to: Size(width: 3, height: 3))
    #expect(
      terminal.backend.readEvent(timeoutMilliseconds: 0) == .resize(Size(width: 3, height: 3)))
    terminal.backend.resetCounters()
    terminal.render { buffer in
      buffer.setString("xyz", x: 0, y: 2, style: .plain)
    }
    #expect(terminal.backend.clearCount == 1)
    #expect(terminal.backend.cellsWritten == 9)
    #expect(terminal.backend.screen.plainText == "\n\nxyz")
    terminal.invalidate()
    terminal.backend.resetCounters()
    terminal.draw(terminal.backend.screen)
    #expect(terminal.backend.cellsWritten == 9)
    #expect(terminal.backend.clearCount == 1)
  }

  @Test func scriptedEventsComeBackInOrder() {
    let events: [InputEvent] = [
      .key(.character("q")), .mouse(MouseEvent(x: 1, y: 2, kind: .scrollUp)),
    ]
    var backend = TestBackend(size: Size(width: 1, height: 1), events: events)
    backend.enqueue(.key(.enter))
    #expect(backend.readEvent(timeoutMilliseconds: 10) == .key(.character("q")))
    #expect(
      backend.readEvent(timeoutMilliseconds: 10) == .mouse(MouseEvent(x: 1, y: 2, kind: .scrollUp)))
    #expect(backend.readEvent(timeoutMilliseconds: 10) == .key(.enter))
    #expect(backend.readEvent(timeoutMilliseconds: 10) == nil)
  }
}
