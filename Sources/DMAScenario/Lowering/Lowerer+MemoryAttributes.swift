import DMASim

extension Lowerer {
  /// Lowers a barrier, a remap or `show_pte`.
  mutating func memoryAttributeOperation(
    _ callee: String, _ args: [Expression]
  ) -> (Operation, ValueKind?)? {
    if let barrier = MemoryBarrier(rawValue: callee) { return (.barrier(barrier), nil) }
    switch callee {
    case "ioremap", "ioremap_wc", "ioremap_np":
      guard let kind = RemapKind(rawValue: callee),
        let physical = integer(args[0]).flatMap({ $0 }) ?? addressError(args[0]),
        let size = requireInteger(args[1], "the size")
      else { return nil }
      return (.remap(kind, physical: physical, size: size), .pointer)
    case "memremap":
      guard let physical = integer(args[0]).flatMap({ $0 }) ?? addressError(args[0]),
        let size = requireInteger(args[1], "the size"),
        let kind = constant(
          args[2], [RemapKind.memremapWB, .memremapWC], name: \.rawValue, "memremap flag")
      else { return nil }
      return (.remap(kind, physical: physical, size: size), .pointer)
    case "iounmap", "memunmap":
      return variable(args[0], .pointer).map {
        (.unmapRemap(pointer: $0, memunmap: callee == "memunmap"), nil)
      }
    case "show_pte":
      return variable(args[0], .pointer).map { (.showPTE(pointer: $0), nil) }
    default: return nil
    }
  }

  private mutating func addressError(_ expression: Expression) -> UInt64? {
    error(
      "expected a physical address", at: expression.range,
      hint: "for example 0x09060000 (a device's registers)")
    return nil
  }

  /// `arch arm64|arm32`, `rodata full|on|off`, `cachepolicy writeback|writethrough`: the
  /// architecture profile of the board. Returns false for another keyword.
  mutating func lowerProfileDirective(
    _ keyword: String, _ arguments: [Expression], _ range: SourceRange
  ) -> Bool {
    let choices: [String]
    switch keyword {
    case "arch": choices = Architecture.allCases.map(\.rawValue)
    case "rodata": choices = ["full", "on", "off"]
    case "cachepolicy": choices = ["writeback", "writethrough"]
    default: return false
    }
    guard arguments.count == 1, case .identifier(let name) = arguments[0].kind,
      choices.contains(name)
    else {
      error(
        "`\(keyword)` takes one of: \(choices.joined(separator: ", "))", at: range,
        hint: "for example `\(keyword) \(choices.last ?? "")`")
      return true
    }
    switch keyword {
    case "arch": board.architecture = Architecture(rawValue: name) ?? .arm64
    case "rodata": board.linearMap = name == "full" ? .pages : .blocks
    default:
      guard board.architecture == .arm32 else {
        error(
          "`cachepolicy` is an ARM32 kernel parameter", at: range,
          hint: "write `arch arm32` first; arm64 always maps RAM write-back")
        return true
      }
      board.linearMapType = name == "writethrough" ? .normalWriteThrough : .normalWriteBack
    }
    return true
  }
}
