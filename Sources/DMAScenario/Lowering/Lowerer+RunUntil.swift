import DMASim

extension Lowerer {
  /// The longest a `run until` waits unless `within N ticks` says otherwise.
  static let defaultRunUntilLimit: UInt64 = 10_000_000

  /// `run until complete(cookie)` or `run until idle`, each with an optional `within N ticks`.
  /// Returns false when the statement is not a `run until` at all.
  mutating func lowerRunUntil(
    _ arguments: [Expression], _ range: SourceRange, _ statement: Statement
  ) -> Bool {
    guard let first = arguments.first, case .identifier("until") = first.kind else {
      return false
    }
    let example = "`run until complete(c)` or `run until idle`, optionally `within 5000 ticks`"
    guard arguments.count >= 2 else {
      error("`run until` needs a condition", at: first.range, hint: "write \(example)")
      return true
    }
    let condition = arguments[1]
    guard let limit = runUntilLimit(Array(arguments.dropFirst(2)), after: condition) else {
      return true
    }
    switch condition.kind {
    case .call("complete", let callArguments):
      guard callArguments.count == 1, callArguments[0].label == nil else {
        error(
          "`complete` takes one cookie", at: condition.range,
          hint: "the cookie `dmaengine_submit` returned, e.g. `run until complete(c)`")
        return true
      }
      guard let cookie = variable(callArguments[0].value, .cookie) else { return true }
      append(.runUntilComplete(cookie: cookie, limit: limit), statement)
    case .identifier("idle"):
      append(.runUntilIdle(limit: limit), statement)
    case .identifier(let name), .call(let name, _):
      error(
        "unknown `run until` condition `\(name)`", at: condition.range,
        hint: NameSuggestion.nearest(to: name, in: ["complete", "idle"]).map {
          "did you mean `\($0)`?"
        } ?? "write \(example)")
    default:
      error("expected a `run until` condition", at: condition.range, hint: "write \(example)")
    }
    return true
  }

  /// The tick limit of `within N ticks` after a `run until` condition (the default when absent).
  private mutating func runUntilLimit(
    _ rest: [Expression], after condition: Expression
  ) -> UInt64? {
    guard !rest.isEmpty else { return Self.defaultRunUntilLimit }
    guard case .identifier("within") = rest[0].kind else {
      error(
        "unexpected `\(syntaxText(rest[0]))` after the `run until` condition", at: rest[0].range,
        hint: "to bound the wait, write `within N ticks`")
      return nil
    }
    guard rest.count == 3, case .identifier(let unit) = rest[2].kind,
      unit == "ticks" || unit == "tick"
    else {
      error(
        "`within` expects `within N ticks`", at: rest[0].range,
        hint: "for example `run until idle within 5000 ticks`")
      return nil
    }
    guard let ticks = integer(rest[1]), ticks >= 1, ticks <= 1_000_000_000 else {
      error(
        "the tick limit must be a constant from 1 to 1000000000", at: rest[1].range,
        hint: "for example `within 5000 ticks`")
      return nil
    }
    return ticks
  }

  /// A short description of an expression for messages.
  private func syntaxText(_ expression: Expression) -> String {
    switch expression.kind {
    case .identifier(let name): name
    case .integer(let value): String(value)
    case .string(let text): "\"\(text)\""
    case .call(let name, _): "\(name)(…)"
    default: "…"
    }
  }
}
