extension DTSParser {
  /// Binary operators by precedence level, loosest first (C's levels from `||` down).
  private static let levels: [[String]] = [
    ["||"], ["&&"], ["|"], ["^"], ["&"], ["==", "!="], ["<=", ">=", "<", ">"], ["<<", ">>"],
    ["+", "-"], ["*", "/", "%"],
  ]

  /// A literal, a character literal or `( expression )`.
  mutating func primaryExpression(depth: Int) throws -> UInt64 {
    try scanner.skipTrivia()
    let start = scanner.index
    let byte = scanner.peek()
    if DTSScanner.isDigit(byte) { return try scanner.readIntegerLiteral() }
    if byte == UInt8(ascii: "'") { return try scanner.readCharLiteral() }
    if byte == UInt8(ascii: "(") {
      guard depth < limits.maximumExpressionDepth else {
        throw scanner.error(
          at: start, "expression nests deeper than \(limits.maximumExpressionDepth) levels")
      }
      scanner.index += 1
      let value = try conditional(depth: depth + 1)
      try scanner.expect(UInt8(ascii: ")"), "')' to close the expression")
      return value
    }
    throw scanner.error(
      at: start,
      "expected a number, a character literal or '(', found "
        + scanner.describeNext(),
      hint: "cells hold numbers (42, 0x2a), 'c', (expressions) and &references")
  }

  /// `a ? b : c`, right-associative.
  private mutating func conditional(depth: Int) throws -> UInt64 {
    let condition = try binary(level: 0, depth: depth)
    guard try scanner.consume(UInt8(ascii: "?")) else { return condition }
    let whenTrue = try conditional(depth: depth + 1)
    try scanner.expect(UInt8(ascii: ":"), "':' in a conditional expression")
    let whenFalse = try conditional(depth: depth + 1)
    return condition != 0 ? whenTrue : whenFalse
  }

  private mutating func binary(level: Int, depth: Int) throws -> UInt64 {
    guard level < Self.levels.count else { return try unary(depth: depth) }
    var left = try binary(level: level + 1, depth: depth)
    while true {
      try scanner.skipTrivia()
      guard let op = Self.levels[level].first(where: { matches($0) }) else { return left }
      let at = scanner.index
      scanner.index += op.utf8.count
      let right = try binary(level: level + 1, depth: depth)
      left = try Self.apply(op, left, right) {
        scanner.error(at: at, "division by zero in a cell expression")
      }
    }
  }

  /// Whether `op` is next and is not the start of a longer operator.
  private func matches(_ op: String) -> Bool {
    guard scanner.looksAt(op) else { return false }
    let next = scanner.peek(op.utf8.count)
    switch op {
    case "|", "&": return next != Array(op.utf8)[0]
    case "<", ">": return next != UInt8(ascii: "=") && next != Array(op.utf8)[0]
    default: return true
    }
  }

  private mutating func unary(depth: Int) throws -> UInt64 {
    try scanner.skipTrivia()
    guard depth < limits.maximumExpressionDepth * 4 else {
      throw scanner.error(at: scanner.index, "expression is too deeply nested")
    }
    switch scanner.peek() {
    case UInt8(ascii: "-"):
      scanner.index += 1
      return 0 &- (try unary(depth: depth + 1))
    case UInt8(ascii: "~"):
      scanner.index += 1
      return ~(try unary(depth: depth + 1))
    case UInt8(ascii: "!"):
      scanner.index += 1
      return try unary(depth: depth + 1) == 0 ? 1 : 0
    default:
      return try primaryExpression(depth: depth)
    }
  }

  private static func apply(
    _ op: String, _ left: UInt64, _ right: UInt64, divisionError: () -> DeviceTreeError
  ) throws -> UInt64 {
    switch op {
    case "||": return left != 0 || right != 0 ? 1 : 0
    case "&&": return left != 0 && right != 0 ? 1 : 0
    case "|": return left | right
    case "^": return left ^ right
    case "&": return left & right
    case "==": return left == right ? 1 : 0
    case "!=": return left != right ? 1 : 0
    case "<": return left < right ? 1 : 0
    case ">": return left > right ? 1 : 0
    case "<=": return left <= right ? 1 : 0
    case ">=": return left >= right ? 1 : 0
    case "<<": return right >= 64 ? 0 : left << right
    case ">>": return right >= 64 ? 0 : left >> right
    case "+": return left &+ right
    case "-": return left &- right
    case "*": return left &* right
    case "/", "%":
      guard right != 0 else { throw divisionError() }
      return op == "/" ? left / right : left % right
    default: return 0
    }
  }
}
