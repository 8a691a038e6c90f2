import DMAPanels
import DMATrace
import TermCanvas

/// The model of `dmascope trace`'s screen: a `TraceDebugger` and what the screen shows around
/// it (the command line, a popup, help, the last message). `handle(_:)` takes a key; `view()`
/// draws a frame; neither touches a terminal, so tests drive it with keys and read frames.
public struct TraceViewer: Sendable {
  /// What keys go to.
  public enum Mode: Hashable, Sendable {
    /// Keys step, find, open popups.
    case normal
    /// Typing a `:` command.
    case command(String)
    /// Typing a `/` search.
    case find(String)
    /// The help box.
    case help
    /// A `w` popup: title and lines.
    case popup(String, [String])
  }

  /// The debugger.
  public private(set) var debugger: TraceDebugger
  /// The file name in the status bar and messages.
  public let fileName: String
  /// The frame size.
  public var size: Size
  /// Colours.
  public var theme: Theme
  /// Border and mark characters.
  public var glyphs: Glyphs
  /// What keys go to.
  public private(set) var mode: Mode = .normal
  /// The message under the status bar (a breakpoint hit, a find, an error).
  public private(set) var message: String?
  /// The last `/` search, for `n` and `N`.
  public private(set) var lastFind: String?
  /// The device shown first in the mappings panel (Tab cycles), if chosen.
  public private(set) var focusDevice: String?
  /// Rows scrolled in the mappings panel.
  public private(set) var scroll = 0
  /// Live-count columns of the timeline, per device.
  let timeline: TraceTimeline
  /// The most rows the mappings panel scrolls.
  static let maximumScroll = 1 << 20

  /// Opens a trace before its first event.
  public init(analysis: TraceAnalysis, fileName: String, size: Size, theme: Theme, glyphs: Glyphs) {
    self.debugger = TraceDebugger(analysis: analysis)
    self.fileName = fileName
    self.size = size
    self.theme = theme
    self.glyphs = glyphs
    self.timeline = TraceTimeline(analysis: analysis)
  }

  /// What a key asks of the runtime loop.
  public enum Effect: Hashable, Sendable {
    /// Nothing beyond a redraw.
    case none
    /// Leave.
    case quit
  }

  /// Steps `count` events forward (headless `--steps`).
  public mutating func step(_ count: Int) {
    debugger.goto(debugger.step + max(0, count))
  }

  /// Takes one key.
  public mutating func handle(_ key: Key) -> Effect {
    switch mode {
    case .popup:
      // PopupOverlay's footer says "press any key to close".
      mode = .normal
      return .none
    case .help:
      if key == .character("q") || key == .escape || key == .enter || key == .character("?") {
        mode = .normal
      }
      return .none
    case .command(let text):
      if let done = edit(text, key, next: { .command($0) }) { runCommand(done) }
      return .none
    case .find(let text):
      if let done = edit(text, key, next: { .find($0) }) { find(done, backward: false) }
      return .none
    case .normal:
      return normalKey(key)
    }
  }

  /// Edits the command or find line; returns the text when Enter ends it.
  private mutating func edit(_ text: String, _ key: Key, next: (String) -> Mode) -> String? {
    switch key {
    case .escape: mode = .normal
    case .enter:
      mode = .normal
      return text
    case .backspace: mode = text.isEmpty ? .normal : next(String(text.dropLast()))
    case .character(let c): mode = next(text + String(c))
    default: break
    }
    return nil
  }

  private mutating func normalKey(_ key: Key) -> Effect {
    message = nil
    switch key {
    case .character("q"): return .quit
    case .character("s"), .right: if !debugger.stepForward() { message = "end of trace" }
    case .character("S"), .left: if !debugger.stepBack() { message = "start of trace" }
    case .character("c"):
      let hit = debugger.continueForward()
      message = hit.map { "breakpoint: \($0.description)" } ?? "end of trace"
    case .character("C"):
      let hit = debugger.continueBack()
      message = hit.map { "breakpoint: \($0.description)" } ?? "start of trace"
    case .character("g"), .home: debugger.goto(0)
    case .character("G"), .end: debugger.goto(debugger.count)
    case .character("/"): mode = .find("")
    case .character(":"): mode = .command("")
    case .character("n"): if let lastFind { find(lastFind, backward: false) }
    case .character("N"): if let lastFind { find(lastFind, backward: true) }
    case .character("?"): mode = .help
    case .character("w"): mode = .popup("why", TraceWhy.lines(debugger))
    case .tab:
      let devices = debugger.analysis.devices
      if !devices.isEmpty {
        let at = focusDevice.flatMap { devices.firstIndex(of: $0) } ?? -1
        focusDevice = devices[(at + 1) % devices.count]
        scroll = 0
        message = "mappings of \(focusDevice ?? "") first"
      }
    // The panel clamps what it shows; the cap keeps held keys from growing it without end.
    case .down: scroll = min(scroll + 1, Self.maximumScroll)
    case .up: scroll = max(0, scroll - 1)
    case .pageDown: scroll = min(scroll + 10, Self.maximumScroll)
    case .pageUp: scroll = max(0, scroll - 10)
    default: break
    }
    return .none
  }

  private mutating func find(_ text: String, backward: Bool) {
    guard !text.isEmpty else { return }
    lastFind = text
    if let index = debugger.find(text, backward: backward) {
      debugger.goto(index + 1)
      message = "/\(text): line \(debugger.analysis.events[index].line)"
    } else {
      message = "/\(text): no event names it (a DMA address, device or task)"
    }
  }

  private mutating func runCommand(_ text: String) {
    let words = text.split(separator: " ", maxSplits: 1).map(String.init)
    switch words.first ?? "" {
    case "break", "b":
      do {
        let breakpoint = try TraceBreakpoint.parse(words.count > 1 ? words[1] : "")
        debugger.breakpoints.append(breakpoint)
        message = "breakpoint \(debugger.breakpoints.count): \(breakpoint.description)"
      } catch {
        message = ":break: column \(error.column): \(error.message)"
      }
    case "delete", "d":
      if words.count > 1, let number = Int(words[1]), number >= 1,
        number <= debugger.breakpoints.count
      {
        debugger.breakpoints.remove(at: number - 1)
        message = "deleted breakpoint \(number)"
      } else {
        debugger.breakpoints.removeAll()
        message = "deleted every breakpoint"
      }
    case "goto", "g":
      if words.count > 1, let target = Int(words[1]) {
        debugger.goto(target)
      } else {
        message = ":goto STEP (0 to \(debugger.count))"
      }
    case "line":
      if words.count > 1, let line = Int(words[1]),
        let index = debugger.analysis.events.firstIndex(where: { $0.line >= line })
      {
        debugger.goto(index + 1)
      } else {
        message = ":line N goes to the event on trace line N or after it"
      }
    case "q", "quit": message = "press q to quit"
    default:
      message = ":\(text): commands are break, delete, goto, line"
    }
  }
}
