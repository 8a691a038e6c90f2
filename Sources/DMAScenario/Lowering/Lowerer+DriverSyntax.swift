import DMASim

extension Lowerer {
  /// `&handle` passed to a call is the variable itself: the scenario's calls take the names
  /// the kernel passes by address (`dma_alloc_coherent(dev, size, &handle, gfp)`).
  static func withoutAddressOf(_ argument: Argument) -> Argument {
    guard case .unary(.addressOf, let operand) = argument.value.kind else { return argument }
    return Argument(label: argument.label, value: operand, range: argument.range)
  }

  /// `name = value` where the value is not a call: only a call's result can be stored in a
  /// scenario variable, so this reports what to write instead.
  mutating func lowerAssignment(_ target: Expression, _ op: AssignmentOperator, _ value: Expression)
  {
    var hint =
      "only the result of a call can be assigned, e.g. `\(expressionText(target.range)) = "
      + "kmalloc(128, GFP_KERNEL)`"
    if op == .assign, case .identifier(let name) = value.kind,
      CallRegistry.declaration(named: name) != nil
    {
      hint = "to call `\(name)`, add parentheses: `\(expressionText(target.range)) = \(name)(…)`"
    }
    guard op == .assign, case .identifier = target.kind else {
      error(
        "`\(expressionText(target.range)) \(op.rawValue) …` cannot run yet", at: target.range,
        hint: "field assignments, `++`, `--`, `+=` and `-=` parse, but dmascope does not run "
          + "them yet (issue 16)")
      return
    }
    error("the right side of `=` must be a function call", at: value.range, hint: hint)
  }

  /// The C-like driver statements parse (issue 16, slice 1) but do not lower to a program
  /// yet: each gets one error naming the construct, so nothing is silently dropped.
  mutating func lowerDriverStatement(_ statement: Statement) {
    let construct: String
    switch statement.kind {
    case .call, .directive, .assignment: return
    case .function(let definition): construct = "the function definition `\(definition.name)`"
    case .ifElse: construct = "`if`"
    case .whileLoop: construct = "`while`"
    case .forLoop: construct = "`for`"
    case .block(let body):
      // A prototype or `int i, j;` parse as blocks; an empty one (a prototype) does nothing.
      guard !body.isEmpty else { return }
      construct = "a `{ … }` block or a list of declarations"
    case .goto: construct = "`goto`"
    case .label(let name): construct = "the label `\(name):`"
    case .returnStatement: construct = "`return`"
    case .breakStatement: construct = "`break`"
    case .continueStatement: construct = "`continue`"
    case .declaration(let type, let name, _, _):
      construct = "the declaration of `\(name)` (\(type.text))"
    }
    error(
      "\(construct) cannot run yet", at: statement.range,
      hint: "functions, `if`, loops, `goto`, `return` and declarations parse, but dmascope "
        + "does not run them yet (issue 16); write the scenario as a list of calls")
  }
}
