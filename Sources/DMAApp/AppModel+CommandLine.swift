import DMASim
import TermCanvas

extension AppModel {
  /// Edits the open `:` command line with one key.
  mutating func editCommandLine(_ key: Key) -> [Effect] {
    let text = commandLine ?? ""
    switch key {
    case .escape:
      commandLine = nil
    case .enter:
      commandLine = nil
      return execute(text)
    case .backspace:
      if text.isEmpty { commandLine = nil } else { commandLine = String(text.dropLast()) }
    case .character(let character):
      if text.count < 200 { commandLine = text + String(character) }
    default:
      break
    }
    return []
  }

  /// Runs a `:` command. Unknown commands and bad arguments leave a message, never a crash.
  mutating func execute(_ text: String) -> [Effect] {
    let words = text.split(separator: " ").map(String.init)
    guard let verb = words.first else { return [] }
    let arguments = Array(words.dropFirst())
    switch verb {
    case "goto", "g":
      guard arguments.count == 1, let step = Int(arguments[0]), step >= 0 else {
        message = "usage: :goto STEP"
        return []
      }
      running = false
      let stop = debugger.goto(step: step)
      if stop != .done { report(stop, stopsRunning: false) }
    case "break", "b", "watch", "w":
      guard let kind = BreakpointParser.parse(verb: verb, arguments, machine: machine) else {
        message = BreakpointParser.usage(verb)
        return []
      }
      let breakpoint = debugger.addBreakpoint(kind)
      message = "Breakpoint \(breakpoint.id): \(breakpoint.text)"
    case "delete", "d": changeBreakpoints(arguments) { $0.deleteBreakpoint($1) }
    case "disable": changeBreakpoints(arguments) { $0.setBreakpoint($1, enabled: false) }
    case "enable": changeBreakpoints(arguments) { $0.setBreakpoint($1, enabled: true) }
    case "info", "breakpoints":
      let list = debugger.breakpoints.map { "\($0.id):\($0.enabled ? "" : "(off)") \($0.text)" }
      message = list.isEmpty ? "no breakpoints" : list.joined(separator: "; ")
    case "record":
      guard arguments.count == 1 else {
        message = "usage: :record FILE.dmarec"
        return []
      }
      message = "recording saved to \(arguments[0])"
      return [.saveRecording(arguments[0])]
    case "theme":
      guard arguments.count == 1, let theme = Theme.named(arguments[0]) else {
        message = "usage: :theme default|monochrome|high-contrast"
        return []
      }
      self.theme = theme
    case "q", "quit": return [.quit]
    default:
      message =
        "unknown command :\(verb); try goto, break, watch, delete, enable, disable, info, "
        + "record, theme, quit"
    }
    return []
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
}

/// Parses the arguments of `:break` and `:watch`.
enum BreakpointParser {
  /// The breakpoint kind, or nil when the arguments do not fit.
  static func parse(verb: String, _ arguments: [String], machine: Machine) -> Breakpoint.Kind? {
    if verb.hasPrefix("b") {
      switch arguments.count {
      case 1:
        switch arguments[0] {
        case "violation", "violations", "debug": return .violation
        case "complete", "completion": return .descriptorComplete
        case "evict", "eviction": return .eviction
        default:
          if let line = Int(arguments[0]) { return .line(line) }
          return .call(arguments[0])
        }
      case 2 where arguments[0] == "line": return Int(arguments[1]).map(Breakpoint.Kind.line)
      default: return nil
      }
    }
    switch arguments.first {
    case "dirty":
      guard arguments.count == 2, let (base, _) = range(arguments[1], nil, machine) else {
        return nil
      }
      return .becomesDirty(base)
    case "differs":
      guard arguments.count >= 2,
        let (base, size) = range(arguments[1], arguments.count > 2 ? arguments[2] : nil, machine)
      else { return nil }
      return .cpuDiffersFromRAM(base: base, size: size)
    case .some(let first):
      guard arguments.count <= 2,
        let (base, size) = range(first, arguments.count > 1 ? arguments[1] : nil, machine)
      else { return nil }
      return .touch(base: base, size: size)
    case .none: return nil
    }
  }

  /// Help for a verb.
  static func usage(_ verb: String) -> String {
    verb.hasPrefix("b")
      ? "usage: :break FUNCTION | LINE | line N | violation | complete | evict"
      : "usage: :watch ADDR|BUFFER [SIZE] | dirty ADDR|BUFFER | differs ADDR|BUFFER [SIZE]"
  }

  /// A physical range from an address (hex or decimal) or a scenario pointer variable.
  private static func range(_ what: String, _ sizeText: String?, _ machine: Machine) -> (
    UInt64, UInt64
  )? {
    let size = sizeText.flatMap(number)
    if sizeText != nil, size == nil { return nil }
    if case .pointer(let virtual) = machine.cpu.variables[what],
      let allocation = machine.allocations.first(where: { $0.virtualAddress == virtual })
    {
      return (allocation.physical.rawValue, size ?? allocation.size)
    }
    guard let base = number(what) else { return nil }
    return (base, size ?? 1)
  }

  private static func number(_ text: String) -> UInt64? {
    let lower = text.lowercased().replacingUnderscores
    if lower.hasPrefix("0x") { return UInt64(lower.dropFirst(2), radix: 16) }
    return UInt64(lower)
  }
}

extension String {
  /// The string without `_` digit separators.
  fileprivate var replacingUnderscores: String { String(filter { $0 != "_" }) }
}
