import DMASim

/// Parses the arguments of `:break`, `:tbreak`, `:watch`, `:rwatch` and `:awatch`, refusing
/// unknown functions, lines and variables with a message that names the nearest ones.
enum BreakpointParser {
  /// A parsed breakpoint: its kind and the text after `if`, if any.
  struct Parsed: Hashable {
    var kind: Breakpoint.Kind
    var condition: String?
  }

  /// The breakpoint, or the message that refuses it.
  static func parse(verb: String, _ words: [String], machine: Machine) -> Result<Parsed, Refusal> {
    var arguments = words
    var condition: String?
    if let at = words.firstIndex(of: "if") {
      arguments = Array(words[..<at])
      condition = words[(at + 1)...].joined(separator: " ")
      if condition?.isEmpty ?? true {
        return .failure(Refusal("`if` needs a condition, e.g. `if dir == DMA_FROM_DEVICE`"))
      }
    }
    let command = DebuggerCommand.named(verb)?.name ?? verb
    let result: Result<Breakpoint.Kind, Refusal>
    switch command {
    case "break", "tbreak": result = breakKind(arguments, command: command, machine: machine)
    case "rwatch": result = watchKind(arguments, access: .read, machine: machine)
    case "awatch": result = watchKind(arguments, access: .any, machine: machine)
    default: result = watchKind(arguments, access: .write, machine: machine)
    }
    return result.map { Parsed(kind: $0, condition: condition) }
  }

  private static func breakKind(_ arguments: [String], command: String, machine: Machine)
    -> Result<Breakpoint.Kind, Refusal>
  {
    let usage = DebuggerCommand.named(command)?.usage ?? ""
    guard let first = arguments.first else { return .failure(Refusal("usage: \(usage)")) }
    if first == "line" {
      guard arguments.count == 2, let number = Int(arguments[1]) else {
        return .failure(Refusal("usage: :\(command) line N"))
      }
      return line(number, machine)
    }
    if arguments.count == 1, let number = Int(first) { return line(number, machine) }
    if arguments.count == 1, command == "break" {
      switch first {
      case "violation", "violations", "debug": return .success(.violation)
      case "complete", "completion": return .success(.descriptorComplete)
      case "evict", "eviction": return .success(.eviction)
      default: break
      }
    }
    let name = arguments.joined(separator: " ")
    let known = KnownFunctions.all(in: machine)
    guard known.contains(name) else {
      let nearest = NearestNames.text(for: name, in: known).map { "; nearest: \($0)" } ?? ""
      return .failure(
        Refusal(
          "no function `\(name)` in this scenario or the kernel calls dmascope models\(nearest)"))
    }
    return .success(.call(name))
  }

  private static func line(_ number: Int, _ machine: Machine) -> Result<Breakpoint.Kind, Refusal> {
    let lines = machine.program.actions.map(\.line).filter { $0 > 0 }
    guard lines.contains(number) else {
      let sorted = Array(Set(lines)).sorted()
      let after = sorted.first { $0 > number }
      let before = sorted.last { $0 < number }
      let near = [before, after].compactMap { $0 }.map(String.init).joined(separator: " or ")
      return .failure(
        Refusal(
          "line \(number) holds no statement"
            + (near.isEmpty ? "" : "; the nearest statements are on line \(near)")))
    }
    return .success(.line(number))
  }

  private static func watchKind(
    _ arguments: [String], access: WatchAccess, machine: Machine
  ) -> Result<Breakpoint.Kind, Refusal> {
    let usage = DebuggerCommand.named(access.command)?.usage ?? ""
    guard let first = arguments.first else { return .failure(Refusal("usage: \(usage)")) }
    if access == .write, first == "dirty" || first == "differs" {
      guard arguments.count >= 2, arguments.count <= (first == "dirty" ? 2 : 3) else {
        return .failure(Refusal("usage: \(usage)"))
      }
      return range(arguments[1], arguments.count > 2 ? arguments[2] : nil, machine).map {
        first == "dirty"
          ? .becomesDirty($0.base) : .cpuDiffersFromRAM(base: $0.base, size: $0.size)
      }
    }
    var sizeText: String?
    var accessor = WatchAccessor.either
    for word in arguments.dropFirst() {
      if let who = WatchAccessor(rawValue: word) {
        accessor = who
      } else if sizeText == nil, number(word) != nil {
        sizeText = word
      } else {
        return .failure(
          Refusal("unexpected `\(word)`; usage: \(usage)"))
      }
    }
    return range(first, sizeText, machine).map {
      .watch(base: $0.base, size: $0.size, access: access, by: accessor)
    }
  }

  /// A physical range from an address (hex or decimal) or a scenario pointer variable.
  private static func range(_ what: String, _ sizeText: String?, _ machine: Machine)
    -> Result<(base: UInt64, size: UInt64), Refusal>
  {
    let size = sizeText.flatMap(number)
    if let sizeText, size == nil || size == 0 {
      return .failure(Refusal("`\(sizeText)` is not a size in bytes"))
    }
    if let base = number(what) { return .success((base, size ?? 1)) }
    switch machine.cpu.variables[what] {
    case .pointer(let virtual):
      guard
        let allocation = machine.allocators.allocations.first(where: {
          virtual >= $0.virtualAddress && virtual.rawValue - $0.virtualAddress.rawValue < $0.size
        })
      else {
        return .failure(Refusal("`\(what)` points to no live allocation (was it freed?)"))
      }
      let offset = virtual.rawValue - allocation.virtualAddress.rawValue
      return .success((allocation.physical.rawValue + offset, size ?? (allocation.size - offset)))
    case .some(let value):
      return .failure(
        Refusal("`\(what)` holds \(value.kindName), not a buffer; watch a buffer or an address"))
    case .none:
      let assigned = machine.program.actions.filter { $0.result == what }
      if let first = assigned.first {
        return .failure(
          Refusal(
            "`\(what)` is not assigned yet: line \(first.line) assigns it; step past it "
              + "(`:tbreak \(first.line + 1)` then `c`) and watch again"))
      }
      let names = machine.program.actions.compactMap(\.result)
      let nearest = NearestNames.text(for: what, in: names).map { "; nearest: \($0)" } ?? ""
      return .failure(Refusal("no variable or address `\(what)`\(nearest)"))
    }
  }

  /// A number, hex with `0x` or decimal, `_` separators allowed.
  static func number(_ text: String) -> UInt64? {
    let lower = String(text.lowercased().filter { $0 != "_" })
    if lower.hasPrefix("0x") { return UInt64(lower.dropFirst(2), radix: 16) }
    return UInt64(lower)
  }
}

/// Why a command was refused, said to the user on the status line.
struct Refusal: Error, Hashable {
  /// The message.
  var message: String

  init(_ message: String) { self.message = message }
}

extension Value {
  /// What kind of value this is, in words for messages.
  var kindName: String {
    switch self {
    case .pointer: "a pointer"
    case .dmaAddress: "a dma_addr_t"
    case .channel: "a DMA channel"
    case .descriptor: "a descriptor"
    case .cookie: "a cookie"
    case .integer: "an integer"
    case .status: "a DMA status"
    case .bytes: "bytes"
    case .scatterList: "a scatterlist"
    case .error: "an error code"
    case .dmaPool: "a dma_pool"
    case .dmaBuf: "a dma-buf"
    case .dmaBufAttachment: "a dma-buf attachment"
    case .page: "a struct page *"
    }
  }
}
