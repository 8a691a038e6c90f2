import DMAApp
import DMAScenario
import Foundation
import NcursesBackend
import TermCanvas

/// The interactive runtime loop: input and timer ticks in, frames out, until quit or a signal.
struct InteractiveSession {
  var scenario: Scenario
  var theme: Theme
  var glyphs: Glyphs

  /// Runs until quit; returns the signal that ended the session, if one did.
  func run() throws -> Int32? {
    SignalFlag.install()
    let backend: NcursesTerminal
    do {
      backend = try NcursesTerminal.start(mouse: false)
    } catch {
      throw UsageError(
        "cannot start the terminal UI: \(error)", hint: "check TERM, or use --headless")
    }
    defer { backend.shutdown() }
    var chosenTheme = theme
    if backend.colorCount == 0 { chosenTheme = .monochrome }
    var model = AppModel(scenario: scenario, size: backend.size, theme: chosenTheme, glyphs: glyphs)
    var terminal = Terminal(backend: backend)
    let clock = ContinuousClock()
    var nextTick = clock.now
    var lastFrame: Buffer?
    while SignalFlag.received == nil {
      let frame = model.view()
      if frame != lastFrame {
        terminal.draw(frame)
        lastFrame = frame
      }
      var timeout = 250
      if model.running {
        let remaining = nextTick - clock.now
        timeout = max(
          0,
          Int(
            remaining.components.seconds * 1000
              + remaining.components.attoseconds / 1_000_000_000_000_000))
      }
      if let event = terminal.backend.readEvent(timeoutMilliseconds: timeout) {
        let message: Message
        switch event {
        case .key(let key): message = .key(key)
        case .resize(let size): message = .resize(size)
        case .mouse: continue
        }
        let wasRunning = model.running
        let effects = model.update(message)
        if effects.contains(.quit) { return nil }
        if effects.contains(.redraw) {
          terminal.invalidate()
          lastFrame = nil
        }
        if model.running && !wasRunning { nextTick = clock.now }
      }
      if model.running, clock.now >= nextTick {
        _ = model.update(.tick)
        nextTick = nextTick.advanced(by: .milliseconds(model.tickIntervalMilliseconds))
        if nextTick < clock.now { nextTick = clock.now }
      }
    }
    return SignalFlag.received
  }
}
