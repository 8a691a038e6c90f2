import DMASim

extension Lowerer {
  /// Lowers statements in order: the top level, a block, a branch or a loop body.
  mutating func lowerStatements(_ statements: [Statement]) {
    for statement in statements { lowerStatement(statement) }
  }

  private mutating func lowerStatement(_ statement: Statement) {
    switch statement.kind {
    case .directive(let keyword, let arguments, let range):
      lowerDirective(keyword, arguments, range, statement)
    case .call(let assignTo, let callee, let arguments, let range):
      lowerCall(assignTo, callee, arguments.map(Self.withoutAddressOf), range, statement)
    case .assignment(let target, let op, let value):
      lowerAssignment(target, op, value, statement)
    case .ifElse(let condition, let then, let otherwise):
      lowerIf(condition, then, otherwise, statement)
    case .whileLoop(let condition, let body):
      lowerLoop(initializer: nil, condition: condition, step: nil, body: body, statement)
    case .forLoop(let initializer, let condition, let step, let body):
      lowerLoop(
        initializer: initializer, condition: condition, step: step, body: body, statement)
    case .block(let body): lowerStatements(body)
    case .goto(let label, let labelRange): lowerGoto(label, labelRange, statement)
    case .label(let name): lowerLabel(name, statement)
    case .returnStatement:
      // The top level is the driver's probe path: `return` ends it (its value is the probe's
      // return code, which nothing reads).
      flow.used = true
      flow.returns.append(actions.count)
      append(.control(.jump(target: 0)), statement)
    case .breakStatement, .continueStatement:
      lowerBreakOrContinue(statement)
    case .declaration(let type, let name, let nameRange, let initializer):
      lowerDeclaration(type, name, nameRange, initializer, statement)
    case .function(let definition):
      error(
        "the function definition `\(definition.name)` cannot run yet", at: statement.range,
        hint: "functions and callbacks parse, but dmascope does not call them yet (issue 16); "
          + "write the driver's path at the top level, where `if`, loops and `goto` run")
    }
  }

  // MARK: - if and loops

  private mutating func lowerIf(
    _ condition: Expression, _ then: [Statement], _ otherwise: [Statement]?,
    _ statement: Statement
  ) {
    flow.used = true
    guard let falseJumps = lowerTest(condition, negated: false, statement) else { return }
    lowerStatements(then)
    guard let otherwise else {
      patch(falseJumps, to: actions.count)
      return
    }
    let skip = actions.count
    append(.control(.jump(target: 0)), statement)
    patch(falseJumps, to: actions.count)
    lowerStatements(otherwise)
    patch([skip], to: actions.count)
  }

  /// `while (c) body` and `for (init; c; step) body`: the test at the top, the body, the step,
  /// and a back edge (`loop`, which takes a step) to the test.
  private mutating func lowerLoop(
    initializer: Statement?, condition: Expression?, step: Statement?, body: [Statement],
    _ statement: Statement
  ) {
    flow.used = true
    if let initializer { lowerStatement(initializer) }
    let top = actions.count
    var falseJumps: [Int] = []
    if let condition {
      guard let jumps = lowerTest(condition, negated: false, statement) else { return }
      falseJumps = jumps
    }
    flow.loops.append(ControlFlowState.Loop(continueTarget: step == nil ? top : nil))
    lowerStatements(body)
    var loop = flow.loops.removeLast()
    if let step {
      loop.continueTarget = actions.count
      lowerStatement(step)
    }
    patch(loop.continues, to: loop.continueTarget ?? top)
    append(.control(.loop(target: top)), statement)
    patch(falseJumps + loop.breaks, to: actions.count)
  }

  private mutating func lowerBreakOrContinue(_ statement: Statement) {
    let isBreak = statement.kind == .breakStatement
    guard !flow.loops.isEmpty else {
      error(
        "`\(isBreak ? "break" : "continue")` outside a loop", at: statement.range,
        hint: "`break` and `continue` belong inside `while` or `for`")
      return
    }
    let index = actions.count
    append(.control(.jump(target: 0)), statement)
    if isBreak {
      flow.loops[flow.loops.count - 1].breaks.append(index)
    } else if let target = flow.loops[flow.loops.count - 1].continueTarget {
      patch([index], to: target)
    } else {
      flow.loops[flow.loops.count - 1].continues.append(index)
    }
  }

  // MARK: - goto and labels

  private mutating func lowerGoto(
    _ label: String, _ labelRange: SourceRange, _ statement: Statement
  ) {
    flow.used = true
    if let known = flow.labels[label] {
      // A backward goto is a loop: it takes a step, so the event cap bounds it.
      append(.control(.loop(target: known.action)), statement)
    } else {
      flow.gotos.append(
        ControlFlowState.PendingGoto(action: actions.count, label: label, range: labelRange))
      append(.control(.jump(target: 0)), statement)
    }
  }

  private mutating func lowerLabel(_ name: String, _ statement: Statement) {
    flow.used = true
    if let earlier = flow.labels[name] {
      error(
        "duplicate label `\(name)`", at: statement.range,
        hint: "`\(name):` is already at line \(earlier.range.start.line); give each label its "
          + "own name")
      return
    }
    flow.labels[name] = (actions.count, statement.range)
  }

  /// Patches the forward `goto`s and the `return`s once every statement is lowered.
  mutating func finishControlFlow() {
    for pending in flow.gotos {
      guard let label = flow.labels[pending.label] else {
        error(
          "no label `\(pending.label)`", at: pending.range,
          hint: NameSuggestion.nearest(to: pending.label, in: flow.labels.keys.sorted()).map {
            "did you mean `\($0)`?"
          } ?? "write the label as `\(pending.label):` on its own line")
        continue
      }
      patch([pending.action], to: label.action)
    }
    patch(flow.returns, to: actions.count)
  }

  /// Points the branches and jumps at `indices` to `target`.
  private mutating func patch(_ indices: [Int], to target: Int) {
    for index in indices where actions.indices.contains(index) {
      guard case .control(let control) = actions[index].operation else { continue }
      switch control {
      case .branchUnless(let condition, _):
        actions[index].operation = .control(.branchUnless(condition, target: target))
      case .jump: actions[index].operation = .control(.jump(target: target))
      case .loop: actions[index].operation = .control(.loop(target: target))
      case .assign: break
      }
    }
  }

  // MARK: - Conditions

  /// Emits the test of `condition`: it falls through when the condition holds (when it does
  /// not, if `negated`) and the returned jumps, to be patched, go where it does not. `&&` and
  /// `||` short-circuit as in C: a call on the right of `&&` runs only when the left holds.
  private mutating func lowerTest(
    _ condition: Expression, negated: Bool, _ statement: Statement
  ) -> [Int]? {
    switch condition.kind {
    case .unary(.logicalNot, let operand):
      return lowerTest(operand, negated: !negated, statement)
    case .binary(let op, let lhs, let rhs) where op == .logicalAnd || op == .logicalOr:
      // `a && b` (or `!(a || b)`): both must hold. `a || b` (or `!(a && b)`): either may.
      if (op == .logicalAnd) != negated {
        guard let left = lowerTest(lhs, negated: negated, statement),
          let right = lowerTest(rhs, negated: negated, statement)
        else { return nil }
        return left + right
      }
      // The left's jumps are where it decides the whole test (for `||`, where it holds): past
      // the right side. Falling through, the right decides.
      guard let left = lowerTest(lhs, negated: !negated, statement),
        let right = lowerTest(rhs, negated: negated, statement)
      else { return nil }
      patch(left, to: actions.count)
      return right
    default:
      guard let leaf = leafCondition(condition, statement) else { return nil }
      let index = actions.count
      append(.control(.branchUnless(negated ? .not(leaf) : leaf, target: 0)), statement)
      return [index]
    }
  }

  /// One comparison, `IS_ERR(x)`, or a value tested for truth (`if (ret)`, `if (!chan)`).
  /// Kernel calls inside it run first, into temporaries.
  private mutating func leafCondition(_ expression: Expression, _ statement: Statement)
    -> Condition?
  {
    guard let expression = hoistingCalls(expression, statement) else { return nil }
    switch expression.kind {
    case .binary(let op, let lhs, let rhs):
      guard let comparison = ExpectComparison(rawValue: op.symbol) else { break }
      return typedComparison(lhs, comparison, rhs, expression.range).map(Condition.compare)
    case .call(let callee, let arguments) where callee == "IS_ERR" || callee == "IS_ERR_OR_NULL":
      guard arguments.count == 1, case .identifier(let name) = arguments[0].value.kind,
        variables[name] != nil
      else {
        error(
          "`\(callee)` takes one variable", at: expression.range,
          hint: "for example `if (\(callee)(chan))` after `chan = dma_request_chan(dev, \"rx\")`")
        return nil
      }
      guard callee == "IS_ERR_OR_NULL" else { return .isError(name) }
      let null = Expression(kind: .identifier("NULL"), range: expression.range)
      guard let isNull = typedComparison(arguments[0].value, .equal, null, expression.range) else {
        return nil
      }
      return .or(.isError(name), .compare(isNull))
    default: break
    }
    // A value on its own is true when it is not zero (or not NULL).
    guard let side = expectTerm(expression, context: nil) else { return nil }
    let zero = Expression(
      kind: side.type == .integer ? .integer(0) : .identifier("NULL"), range: expression.range)
    return typedComparison(expression, .notEqual, zero, expression.range).map(Condition.compare)
  }

  /// `expression` with each kernel call in it (`dma_mapping_error(dev, h)`) lowered first into
  /// a temporary named after the call, and replaced by that temporary.
  private mutating func hoistingCalls(_ expression: Expression, _ statement: Statement)
    -> Expression?
  {
    switch expression.kind {
    case .call(let callee, let arguments) where CallRegistry.declaration(named: callee) != nil:
      flow.temporaries += 1
      let name = expressionText(expression.range)
      let temporary = name.isEmpty ? "(call \(flow.temporaries))" : name
      let before = diagnostics.count
      lowerCall(
        temporary, callee, arguments.map(Self.withoutAddressOf), expression.range, statement)
      guard diagnostics.count == before else { return nil }
      return Expression(kind: .identifier(temporary), range: expression.range)
    case .binary(let op, let lhs, let rhs):
      guard let left = hoistingCalls(lhs, statement), let right = hoistingCalls(rhs, statement)
      else { return nil }
      return Expression(kind: .binary(op: op, lhs: left, rhs: right), range: expression.range)
    case .unary(let op, let operand):
      guard let inner = hoistingCalls(operand, statement) else { return nil }
      return Expression(kind: .unary(op: op, operand: inner), range: expression.range)
    default:
      return expression
    }
  }

  // MARK: - Declarations and assignments

  private mutating func lowerDeclaration(
    _ type: TypeName, _ name: String, _ nameRange: SourceRange, _ initializer: Expression?,
    _ statement: Statement
  ) {
    if let initializer, case .call(let callee, let arguments) = initializer.kind,
      CallRegistry.declaration(named: callee) != nil
    {
      // `struct dma_chan *chan = dma_request_chan(dev, "rx");`
      lowerCall(name, callee, arguments.map(Self.withoutAddressOf), initializer.range, statement)
      return
    }
    guard Self.isIntegerType(type) else {
      guard initializer != nil || type.words.first != "struct" || (type.pointerDepth > 0) else {
        error(
          "the declaration of `\(name)` (\(type.text)) cannot run yet", at: statement.range,
          hint: "a `struct` on the stack, such as `struct completion`, is not simulated yet "
            + "(issue 16); pointers and integers are")
        return
      }
      // A pointer declared without a value: a call assigns it later.
      if let initializer {
        error(
          "`\(name)` (\(type.text)) can only be set from a call", at: initializer.range,
          hint: "for example `\(type.text) \(name) = kmalloc(64, GFP_KERNEL);`")
      }
      return
    }
    flow.used = true
    variables[name] = .integer
    let value = initializer ?? Expression(kind: .integer(0), range: nameRange)
    lowerIntegerAssignment(name, .assign, value, statement)
  }

  /// Whether a C type is one of the integers a driver counts and returns with.
  static func isIntegerType(_ type: TypeName) -> Bool {
    guard !(type.pointerDepth > 0) else { return false }
    let integers: Set<String> = [
      "int", "unsigned", "long", "short", "char", "size_t", "ssize_t", "u8", "u16", "u32", "u64",
      "s8", "s16", "s32", "s64", "bool", "dma_cookie_t", "uint32_t", "uint64_t", "int32_t",
      "int64_t", "uint8_t", "uint16_t",
    ]
    return type.words.allSatisfy { integers.contains($0) || $0 == "signed" }
  }

  /// `x = 5`, `ret = -ENODEV`, `i++`, `n += 2`: an integer variable takes a value computed as
  /// `expect` computes it.
  mutating func lowerAssignment(
    _ target: Expression, _ op: AssignmentOperator, _ value: Expression, _ statement: Statement
  ) {
    if case .member(let base, let field) = target.kind, case .identifier(let owner) = base.kind,
      variables[owner] == .channel
    {
      lowerChannelFieldAssignment(owner, field, op, value, target, statement)
      return
    }
    guard case .identifier(let name) = target.kind else {
      error(
        "`\(expressionText(target.range)) \(op.rawValue) …` cannot run yet", at: target.range,
        hint: "field assignments such as `d->callback = rx_done` parse, but dmascope does not "
          + "run them yet (issue 16)")
      return
    }
    if op == .assign, case .identifier(let callee) = value.kind,
      CallRegistry.declaration(named: callee) != nil
    {
      error(
        "`\(callee)` is a function", at: value.range,
        hint: "to call `\(callee)`, add parentheses: `\(name) = \(callee)(…)`")
      return
    }
    if let kind = variables[name], kind != .integer {
      error(
        "`\(name)` is \(kind.rawValue), which only a call can set", at: target.range,
        hint: "assign it from a call, e.g. `\(name) = kmalloc(128, GFP_KERNEL)`; only integers "
          + "are computed")
      return
    }
    flow.used = true
    if op != .assign, variables[name] == nil {
      error(
        "`\(name)` is not defined", at: target.range,
        hint: "declare it first, e.g. `int \(name) = 0;`")
      return
    }
    variables[name] = .integer
    lowerIntegerAssignment(name, op, value, statement)
  }

  private mutating func lowerIntegerAssignment(
    _ name: String, _ op: AssignmentOperator, _ value: Expression, _ statement: Statement
  ) {
    guard let value = hoistingCalls(value, statement),
      let computed = expectTerm(value, context: .integer)
    else { return }
    guard computed.type == .integer else {
      error(
        "`\(name)` is an integer, but `\(expressionText(value.range))` is \(computed.type.name)",
        at: value.range, hint: "compute integers here, e.g. `\(name) = \(name) + 1`")
      return
    }
    let term: ExpectTerm
    switch op {
    case .assign: term = computed.term
    case .add: term = .value(.arithmetic(.add, .variable(name), computed.term))
    case .subtract: term = .value(.arithmetic(.subtract, .variable(name), computed.term))
    }
    append(.control(.assign(variable: name, value: term)), statement)
  }

  /// `chan->cookie = N`, `chan->completed_cookie = N`: a channel's cookie counters, set to a
  /// constant from 0 to `INT_MAX` (dma_cookie_t is an `s32`).
  private mutating func lowerChannelFieldAssignment(
    _ owner: String, _ field: String, _ op: AssignmentOperator, _ value: Expression,
    _ target: Expression, _ statement: Statement
  ) {
    guard let which = ChannelCookieField(rawValue: field) else {
      let names = ChannelCookieField.allCases.map { "\(owner)->\($0.rawValue)" }
      error(
        "`\(owner)->\(field)` cannot be set", at: target.range,
        hint: "a scenario may set " + names.joined(separator: " or "))
      return
    }
    guard op == .assign, let number = integer(value), number <= UInt64(Int32.max) else {
      error(
        "`\(owner)->\(field)` takes a constant from 0 to INT_MAX (0x7fffffff)",
        at: value.range, hint: "for example `\(owner)->cookie = 0x7ffffffe`")
      return
    }
    append(
      .setChannelCookie(channel: .variable(owner), field: which, value: Int32(number)),
      statement)
  }
}
