import DMASim
import TermCanvas

extension AppModel {
  /// Edits the open `:` command line with one key: Up/Down walk the history, Tab completes.
  mutating func editCommandLine(_ key: Key) -> [Effect] {
    let text = commandLine ?? ""
    switch key {
    case .escape:
      commandLine = nil
    case .enter:
      commandLine = nil
      commandHistory.add(text)
      return execute(text)
    case .backspace:
      if text.isEmpty { commandLine = nil } else { commandLine = String(text.dropLast()) }
    case .up:
      if let older = commandHistory.older(than: text) { commandLine = older }
    case .down:
      if let newer = commandHistory.newer() { commandLine = newer }
    case .tab:
      let outcome = LineCompletion.complete(text, among: completions(for: text))
      commandLine = outcome.text
      message = outcome.candidates.isEmpty ? nil : outcome.candidates.joined(separator: " ")
    case .character(let character):
      if text.count < 200 { commandLine = text + String(character) }
    default:
      break
    }
    return []
  }

  /// What Tab may complete the last word of a command line to.
  func completions(for text: String) -> [String] {
    let words = text.split(separator: " ", omittingEmptySubsequences: false).map(String.init)
    guard words.count > 1, let verb = words.first else {
      return DebuggerCommand.all.flatMap { [$0.name] }
    }
    let variables = machine.program.actions.compactMap(\.result)
    if words.dropLast().contains("if") { return variables }
    switch DebuggerCommand.named(verb)?.name {
    case "break", "tbreak":
      guard words.count == 2 else { return ["if"] }
      return ["line", "violation", "complete", "evict"]
        + KnownFunctions.all(in: machine).filter { !$0.contains(" ") }
    case "watch", "rwatch", "awatch":
      if words.count == 2 { return (verb == "watch" ? ["dirty", "differs"] : []) + variables }
      return ["cpu", "device", "if"]
    case "help": return DebuggerCommand.names
    case "info": return ["breakpoints"]
    case "theme": return Theme.all.map(\.name)
    case "log": return words.count == 2 ? ["kind", "hide", "all"] : []
    case "set":
      guard words.count == 3 else { return words.count == 2 ? ["pacing", "speed"] : [] }
      return words[1] == "pacing" ? Pacing.allCases.map(\.rawValue) : Self.speeds.map(String.init)
    default: return []
    }
  }

  /// Runs a `:` command. Unknown commands and bad arguments leave a message, never a crash.
  mutating func execute(_ text: String) -> [Effect] {
    let words = text.split(separator: " ").map(String.init)
    guard let verb = words.first else { return [] }
    let arguments = Array(words.dropFirst())
    guard let command = DebuggerCommand.named(verb) else {
      let nearest = NearestNames.text(
        for: verb, in: DebuggerCommand.all.flatMap { [$0.name] + $0.aliases })
      message =
        "unknown command :\(verb)" + (nearest.map { "; did you mean \($0)?" } ?? "")
        + " (:help lists them)"
      return []
    }
    switch command.name {
    case "goto":
      guard arguments.count == 1, let step = Int(arguments[0]), step >= 0 else {
        message = "usage: \(command.usage)"
        return []
      }
      running = false
      let stop = debugger.goto(step: step)
      if stop != .done { report(stop, stopsRunning: false) }
    case "break", "tbreak", "watch", "rwatch", "awatch":
      addBreakpoint(command.name, arguments)
    case "condition": setCondition(arguments)
    case "ignore": setIgnoreCount(arguments)
    case "delete": changeBreakpoints(arguments) { $0.deleteBreakpoint($1) }
    case "disable": changeBreakpoints(arguments) { $0.setBreakpoint($1, enabled: false) }
    case "enable": changeBreakpoints(arguments) { $0.setBreakpoint($1, enabled: true) }
    case "info":
      guard arguments.isEmpty || ["b", "break", "breakpoints", "watch"].contains(arguments[0])
      else {
        message = "info: only breakpoints (`:info` or `:i b`)"
        return []
      }
      showBreakpointTable()
    case "help": showCommandHelp(arguments)
    case "record": return record(arguments, overwrite: verb.hasSuffix("!"), usage: command.usage)
    case "set": setOption(arguments, usage: command.usage)
    case "log": setLogFilter(arguments, usage: command.usage)
    case "theme":
      guard arguments.count == 1, let theme = Theme.named(arguments[0]) else {
        message = "usage: \(command.usage)"
        return []
      }
      self.theme = theme
    default: return [.quit]
    }
    return []
  }

  /// `:log kind WORD,…` (show only entries whose kind contains a word), `:log hide WORD,…`
  /// (all but those), `:log all`.
  private mutating func setLogFilter(_ arguments: [String], usage: String) {
    switch (arguments.first, arguments.count) {
    case ("all", 1):
      logFilter = nil
      message = "event log: every entry"
    case ("kind", 2), ("hide", 2):
      let words = arguments[1].split(separator: ",").map { $0.lowercased() }.filter {
        !$0.isEmpty
      }
      guard !words.isEmpty else {
        message = "usage: \(usage)"
        return
      }
      let filter = LogFilter(words: words, hides: arguments[0] == "hide")
      logFilter = filter
      logScroll = 0
      message = "event log: \(filter.text) (:log all shows every entry)"
    default:
      message = "usage: \(usage)"
    }
  }

  /// `:set pacing lecture|free` and `:set speed N` (one of `speeds`).
  private mutating func setOption(_ arguments: [String], usage: String) {
    guard arguments.count == 2 else {
      message = "usage: \(usage)"
      return
    }
    switch arguments[0] {
    case "pacing":
      guard let chosen = Pacing(rawValue: arguments[1]) else {
        message = "pacing is lecture or free, not \(arguments[1])"
        return
      }
      pacing = chosen
      message =
        chosen == .lecture
        ? "Space plays to the next narration, pause or question"
        : "Space runs past narrations (to a pause, a question or a breakpoint)"
    case "speed":
      guard let value = Int(arguments[1]), let index = Self.speeds.firstIndex(of: value) else {
        message =
          "speed is one of " + Self.speeds.map(String.init).joined(separator: " ") + " steps/s"
        return
      }
      speedIndex = index
      message = Self.speedText(value)
      paceLectureRun()
    default:
      message = "unknown option \(arguments[0]): :set pacing lecture|free or :set speed N"
    }
  }

  private mutating func addBreakpoint(_ verb: String, _ arguments: [String]) {
    switch BreakpointParser.parse(verb: verb, arguments, machine: machine) {
    case .failure(let refusal):
      message = refusal.message
    case .success(let parsed):
      var condition: BreakCondition?
      if let text = parsed.condition {
        switch BreakConditionCompiler.compile(text, for: parsed.kind, scenario: scenario) {
        case .failure(let refusal):
          message = refusal.message
          return
        case .success(let compiled): condition = compiled
        }
      }
      let breakpoint = debugger.addBreakpoint(
        parsed.kind, temporary: verb == "tbreak", condition: condition)
      message = "\(breakpoint.label) \(breakpoint.id): \(breakpoint.text)"
    }
  }

  private mutating func setCondition(_ arguments: [String]) {
    guard let first = arguments.first, let id = Int(first) else {
      message = "usage: :condition N [EXPR]"
      return
    }
    guard let breakpoint = debugger.breakpoints.first(where: { $0.id == id }) else {
      message = "no breakpoint \(first)"
      return
    }
    let text = arguments.dropFirst().joined(separator: " ")
    guard !text.isEmpty else {
      debugger.setCondition(id, nil)
      message = "Breakpoint \(id) now unconditional"
      return
    }
    switch BreakConditionCompiler.compile(text, for: breakpoint.kind, scenario: scenario) {
    case .failure(let refusal): message = refusal.message
    case .success(let condition):
      debugger.setCondition(id, condition)
      message = "Breakpoint \(id): stops only if \(text)"
    }
  }

  private mutating func setIgnoreCount(_ arguments: [String]) {
    guard arguments.count == 2, let id = Int(arguments[0]), let count = Int(arguments[1]),
      count >= 0
    else {
      message = "usage: :ignore N COUNT"
      return
    }
    guard debugger.setIgnoreCount(id, count) else {
      message = "no breakpoint \(arguments[0])"
      return
    }
    message = "Will ignore next \(count) crossing\(count == 1 ? "" : "s") of breakpoint \(id)."
  }

  private mutating func changeBreakpoints(
    _ arguments: [String], _ change: (inout Debugger, Int) -> Bool
  ) {
    if arguments.isEmpty {
      for breakpoint in debugger.breakpoints { _ = change(&debugger, breakpoint.id) }
      message = "done for every breakpoint"
      return
    }
    var missing: [String] = []
    for argument in arguments {
      guard let id = Int(argument), change(&debugger, id) else {
        missing.append(argument)
        continue
      }
    }
    message = missing.isEmpty ? "ok" : "no breakpoint \(missing.joined(separator: ", "))"
  }

  /// `:info`: the breakpoint table in a box (gdb's `info breakpoints` columns).
  mutating func showBreakpointTable() {
    guard !debugger.breakpoints.isEmpty else {
      message = "no breakpoints or watchpoints"
      return
    }
    popup = Popup(title: "Breakpoints", lines: BreakpointTable.lines(debugger))
  }

  private mutating func showCommandHelp(_ arguments: [String]) {
    guard let name = arguments.first else {
      popup = Popup(
        title: "Commands",
        lines: [":help COMMAND for one; Tab completes, Up/Down recall"]
          + DebuggerCommand.all.map { "\($0.usage)  \($0.summary)" })
      return
    }
    guard let command = DebuggerCommand.named(name) else {
      let nearest = NearestNames.text(for: name, in: DebuggerCommand.names)
      message = "no command :\(name)" + (nearest.map { "; did you mean \($0)?" } ?? "")
      return
    }
    let aliases =
      command.aliases.isEmpty ? "" : " (also :\(command.aliases.joined(separator: ", :")))"
    message = "\(command.usage): \(command.summary)\(aliases)"
  }
}

extension Breakpoint {
  /// What gdb calls it in messages: Breakpoint, Hardware watchpoint, Catchpoint…
  var label: String {
    switch kind {
    case .call, .line: temporary ? "Temporary breakpoint" : "Breakpoint"
    case .watch(_, _, let access, _):
      switch access {
      case .write: "Hardware watchpoint"
      case .read: "Hardware read watchpoint"
      case .any: "Hardware access (read/write) watchpoint"
      }
    case .becomesDirty, .cpuDiffersFromRAM: "Watchpoint"
    case .violation, .descriptorComplete, .eviction: "Catchpoint"
    }
  }
}

/// The rows of `:info`: number, type, enabled, hits, what, condition and ignore count.
enum BreakpointTable {
  /// The header and one row per breakpoint.
  static func lines(_ debugger: Debugger) -> [String] {
    let rows = debugger.breakpoints.map { breakpoint in
      [
        "\(breakpoint.id)", breakpoint.typeName, breakpoint.temporary ? "del" : "keep",
        breakpoint.enabled ? "y" : "n", "\(debugger.hits(of: breakpoint.id))",
        breakpoint.kindText
          + (breakpoint.condition.map { "  if \($0.text)" } ?? "")
          + (breakpoint.ignoreCount > 0 ? "  (ignore next \(breakpoint.ignoreCount))" : ""),
      ]
    }
    let header = ["Num", "Type", "Disp", "Enb", "Hits", "What"]
    var widths = header.map(\.count)
    for row in rows {
      for (column, cell) in row.enumerated() where column < widths.count - 1 {
        widths[column] = max(widths[column], cell.count)
      }
    }
    func format(_ row: [String]) -> String {
      row.enumerated().map { column, cell in
        column == row.count - 1
          ? cell : cell + String(repeating: " ", count: widths[column] - cell.count)
      }.joined(separator: "  ")
    }
    return [format(header)] + rows.map(format)
  }
}
