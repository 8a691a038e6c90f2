import TermCanvas

/// One binding: the keys that trigger a command, and how help describes it.
public struct KeyBinding: Hashable, Sendable {
  /// Keys that trigger it (the first is the one shown in hints).
  public var keys: [Key]
  /// What it does.
  public var command: Command
  /// Help text.
  public var help: String
  /// Help group.
  public var group: String
  /// A short label for the footer, or nil to leave it out of the footer.
  public var hint: String?
}

/// The key map as data: the update loop, the footer and the help overlay all read it.
public struct KeyMap: Hashable, Sendable {
  /// All bindings in help order.
  public var bindings: [KeyBinding]

  /// Creates a key map.
  public init(bindings: [KeyBinding]) { self.bindings = bindings }

  /// The command bound to a key, if any.
  public func command(for key: Key) -> Command? {
    bindings.first { $0.keys.contains(key) }?.command
  }

  /// Footer hints: (key name, short label), in order.
  public var hints: [(key: String, action: String)] {
    bindings.compactMap { binding in
      guard let hint = binding.hint, let key = binding.keys.first else { return nil }
      return (key.displayName, hint)
    }
  }

  /// Help groups, in first-appearance order.
  public var helpGroups: [(title: String, entries: [(keys: String, action: String)])] {
    var titles: [String] = []
    for binding in bindings where !titles.contains(binding.group) { titles.append(binding.group) }
    return titles.map { title in
      (
        title,
        bindings.filter { $0.group == title }.map { binding in
          (binding.keys.map(\.displayName).joined(separator: " "), binding.help)
        }
      )
    }
  }

  /// The default bindings (gdb SingleKey style stepping, htop/lazygit style navigation).
  public static let standard = KeyMap(bindings: [
    KeyBinding(
      keys: [.character("s")], command: .step, help: "step one simulation event",
      group: "Stepping", hint: "step"),
    KeyBinding(
      keys: [.character("S")], command: .stepBack,
      help: "step back one event",
      group: "Stepping", hint: "back"),
    KeyBinding(
      keys: [.character("n")], command: .next, help: "run to the next statement",
      group: "Stepping", hint: "next"),
    KeyBinding(
      keys: [.character("N")], command: .reverseNext, help: "back to the previous statement",
      group: "Stepping", hint: nil),
    KeyBinding(
      keys: [.character("f")], command: .finish, help: "finish the transfer in flight",
      group: "Stepping", hint: "finish"),
    KeyBinding(
      keys: [.character("F")], command: .reverseFinish, help: "back to where it started",
      group: "Stepping", hint: nil),
    KeyBinding(
      keys: [.character("c")], command: .continueForward, help: "continue to a breakpoint",
      group: "Stepping", hint: "cont"),
    KeyBinding(
      keys: [.character("C")], command: .reverseContinue, help: "reverse-continue",
      group: "Stepping", hint: nil),
    KeyBinding(
      keys: [.character("g"), .home], command: .gotoFirst, help: "to the first step",
      group: "Stepping", hint: nil),
    KeyBinding(
      keys: [.character("G"), .end], command: .gotoLast, help: "to the last step (the end)",
      group: "Stepping", hint: nil),
    KeyBinding(
      keys: [.character(" ")], command: .toggleRun,
      help: "play to the next narration / pause", group: "Stepping",
      hint: "play"),
    KeyBinding(
      keys: [.character("r")], command: .runFreely, help: "run past narrations",
      group: "Stepping", hint: nil),
    KeyBinding(
      keys: [.character("+"), .character("=")], command: .faster, help: "run faster",
      group: "Stepping", hint: nil),
    KeyBinding(
      keys: [.character("-")], command: .slower, help: "run slower", group: "Stepping", hint: nil),
    KeyBinding(
      keys: [.tab], command: .focusNext, help: "focus the next panel", group: "Panels",
      hint: "panel"),
    KeyBinding(
      keys: [.backTab], command: .focusPrevious, help: "focus the previous panel",
      group: "Panels", hint: nil),
    KeyBinding(
      keys: [.character("1")], command: .focusPanel(1), help: "focus Address spaces",
      group: "Panels", hint: nil),
    KeyBinding(
      keys: [.character("2")], command: .focusPanel(2), help: "focus Cache", group: "Panels",
      hint: nil),
    KeyBinding(
      keys: [.character("3")], command: .focusPanel(3), help: "focus Channel queues",
      group: "Panels", hint: nil),
    KeyBinding(
      keys: [.character("4")], command: .focusPanel(4), help: "focus Event log", group: "Panels",
      hint: nil),
    KeyBinding(
      keys: [.character("5")], command: .focusPanel(5), help: "focus Page tables",
      group: "Panels", hint: nil),
    KeyBinding(
      keys: [.character("6")], command: .focusPanel(6), help: "focus CMA and pools",
      group: "Panels", hint: nil),
    KeyBinding(
      keys: [.enter], command: .toggleZoom, help: "zoom panel / unzoom",
      group: "Panels", hint: "zoom"),
    KeyBinding(
      keys: [.up, .character("k")], command: .scrollUp,
      help: "up: log, line, buffer, CMA row", group: "Panels", hint: nil),
    KeyBinding(
      keys: [.down, .character("j")], command: .scrollDown,
      help: "down: log, line, buffer, CMA row", group: "Panels", hint: nil),
    KeyBinding(
      keys: [.left, .character("h")], command: .moveLeft, help: "CMA cursor left",
      group: "Panels", hint: nil),
    KeyBinding(
      keys: [.right, .character("l")], command: .moveRight, help: "CMA cursor right",
      group: "Panels", hint: nil),
    KeyBinding(
      keys: [.character("z")], command: .zoomIn, help: "zoom in: CMA strip, address map",
      group: "Panels", hint: nil),
    KeyBinding(
      keys: [.character("Z")], command: .zoomOut, help: "zoom out: CMA strip, address map",
      group: "Panels",
      hint: nil),
    KeyBinding(
      keys: [.pageUp], command: .pageUp, help: "log, help: page back", group: "Panels",
      hint: nil),
    KeyBinding(
      keys: [.pageDown], command: .pageDown, help: "log, help: page forward",
      group: "Panels", hint: nil),
    KeyBinding(
      keys: [.character("<")], command: .olderNarration,
      help: "earlier narration (no step back)", group: "Narration", hint: nil),
    KeyBinding(
      keys: [.character(">")], command: .newerNarration, help: "later narration, to the current",
      group: "Narration", hint: nil),
    KeyBinding(
      keys: [.character("/")], command: .find, help: "find address, buffer or cookie",
      group: "Find", hint: "find"),
    KeyBinding(
      keys: [.character("]")], command: .findNext, help: "next match", group: "Find",
      hint: nil),
    KeyBinding(
      keys: [.character("[")], command: .findPrevious, help: "previous match", group: "Find",
      hint: nil),
    KeyBinding(
      keys: [.character("w")], command: .why, help: "why is the highlighted cell so?",
      group: "Find", hint: "why"),
    KeyBinding(
      keys: [.character("b")], command: .breakOnSelection,
      help: "break/watch on the selection", group: "Breakpoints", hint: "break"),
    KeyBinding(
      keys: [.character(":")], command: .openCommandLine,
      help: "commands: goto break watch record", group: "Breakpoints", hint: ":cmd"),
    KeyBinding(
      keys: [.character("?"), .function(1)], command: .toggleHelp,
      help: "help; again: panel legend",
      group: "General", hint: "help"),
    KeyBinding(
      keys: [.escape], command: .cancel, help: "close help, leave zoom", group: "General",
      hint: nil),
    KeyBinding(
      keys: [.control("l")], command: .redraw, help: "repaint the screen", group: "General",
      hint: nil),
    KeyBinding(
      keys: [.character("q"), .control("c")], command: .quit, help: "quit", group: "General",
      hint: "quit"),
  ])

  /// The keys of an open `ask` prompt: a choice's number answers it; without choices any other
  /// printable key types into the answer.
  public static let quiz = KeyMap(bindings: [
    KeyBinding(
      keys: [.enter], command: .submitAnswer, help: "submit a typed answer", group: "Question",
      hint: "answer"),
    KeyBinding(
      keys: [.escape], command: .skipQuestion, help: "skip: show the answer", group: "Question",
      hint: "skip"),
    KeyBinding(
      keys: [.backspace], command: .eraseAnswer, help: "erase a character", group: "Question",
      hint: nil),
  ])
}
