import DMATrace
import DMATraceUI
import NcursesBackend
import TermCanvas

/// The interactive loop of `dmascope trace`: keys and resizes in, frames out, until quit or a
/// signal.
struct TraceSession {
  var analysis: TraceAnalysis
  var fileName: String
  var theme: Theme
  var glyphs: Glyphs

  /// Runs until quit; returns the signal that ended the session, if one did.
  func run() throws -> Int32? {
    SignalFlag.install()
    CrashGuard.arm()
    defer { CrashGuard.disarm() }
    let backend: NcursesTerminal
    do {
      backend = try NcursesTerminal.start(mouse: false)
    } catch {
      throw UsageError(
        "cannot start the terminal UI: \(error)", hint: "check TERM, or use --headless")
    }
    CrashGuard.setTerminalRestore(backend.crashRestoreBytes)
    defer { backend.shutdown() }
    var viewer = TraceViewer(
      analysis: analysis, fileName: fileName, size: backend.size,
      theme: backend.colorCount == 0 ? .monochrome : theme, glyphs: glyphs)
    var terminal = Terminal(backend: backend)
    var lastFrame: Buffer?
    while SignalFlag.received == nil {
      let frame = viewer.view()
      if frame != lastFrame {
        terminal.draw(frame)
        lastFrame = frame
      }
      guard let event = terminal.backend.readEvent(timeoutMilliseconds: 250) else { continue }
      switch event {
      case .key(let key):
        if key == .control("l") {
          terminal.invalidate()
          lastFrame = nil
        } else if viewer.handle(key) == .quit {
          return nil
        }
      case .resize(let size):
        viewer.size = size
        terminal.invalidate()
        lastFrame = nil
      case .mouse:
        break
      }
    }
    return SignalFlag.received
  }
}
