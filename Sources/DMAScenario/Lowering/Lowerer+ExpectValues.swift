import DMASim

extension Lowerer {
  /// `LEFT op RIGHT` inside one side of an `expect`: constant arithmetic folds to a number;
  /// otherwise both sides are lowered and typed (address ± integer is an address, address −
  /// address an integer, integers stay integers).
  mutating func expectArithmetic(
    _ op: BinaryOperator, _ lhs: Expression, _ rhs: Expression, _ expression: Expression,
    term: (inout Lowerer, Expression, ExpectType?) -> (term: ExpectTerm, type: ExpectType)?
  ) -> (term: ExpectTerm, type: ExpectType)? {
    if let value = integer(expression), value <= UInt64(Int64.max) {
      return (.literal(.integer(Int64(value))), .integer)
    }
    let arithmetic: ExpectArithmetic? =
      switch op {
      case .add: .add
      case .subtract: .subtract
      case .multiply: .multiply
      case .divide: .divide
      default: nil
      }
    guard let arithmetic else {
      error(
        "`\(op.symbol)` cannot be used inside one side of `expect`", at: expression.range,
        hint: "an `expect` compares two values, which may use `+`, `-`, `*` and `/`")
      return nil
    }
    guard let left = term(&self, lhs, nil), let right = term(&self, rhs, nil) else { return nil }
    let type: ExpectType?
    switch (left.type, arithmetic, right.type) {
    case (.integer, _, .integer): type = .integer
    case (.address, .add, .integer), (.address, .subtract, .integer), (.integer, .add, .address):
      type = .address
    case (.address, .subtract, .address): type = .integer
    default: type = nil
    }
    guard let type else {
      error(
        "cannot compute \(left.type.name) \(op.symbol) \(right.type.name)", at: expression.range,
        hint: "add or subtract bytes to an address (`ha + 0x800`), subtract two addresses "
          + "(`pa(b) - pa(a)`), or compute with integers")
      return nil
    }
    // `4 + ha` reads as `ha + 4`.
    if left.type == .integer, right.type == .address {
      return (.value(.arithmetic(.add, right.term, left.term)), type)
    }
    return (.value(.arithmetic(arithmetic, left.term, right.term)), type)
  }

  /// `tx_status(chan, cookie).residue`, `.last` or `.used`: a field of `struct dma_tx_state`.
  mutating func expectMember(_ base: Expression, _ name: String, _ range: SourceRange) -> (
    term: ExpectTerm, type: ExpectType
  )? {
    guard case .call("tx_status", let arguments) = base.kind else {
      error(
        "`.\(name)` can only follow `tx_status(chan, cookie)` in `expect`", at: range,
        hint: "for example `expect tx_status(chan, cookie).residue == 0`")
      return nil
    }
    guard let field = TxStateField(rawValue: name) else {
      error(
        "struct dma_tx_state has no field `\(name)`", at: range,
        hint: NameSuggestion.nearest(to: name, in: TxStateField.allCases.map(\.rawValue)).map {
          "did you mean `.\($0)`?"
        } ?? "its fields are `last`, `used` and `residue`")
      return nil
    }
    guard arguments.count == 2, arguments.allSatisfy({ $0.label == nil }) else {
      error("`tx_status` takes (chan, cookie)", at: base.range, hint: "tx_status(chan, cookie)")
      return nil
    }
    guard case .variable(let channel) = variable(arguments[0].value, .channel),
      case .variable(let cookie) = variable(arguments[1].value, .cookie)
    else { return nil }
    return (.value(.txState(channel: channel, cookie: cookie, field: field)), .integer)
  }

  /// `pa(ptr)`, `callbacks(chan)`, `dma_view(dev, handle, off, len)` and
  /// `bounce(dev, handle, off, len)`.
  mutating func expectValueCall(
    _ callee: String, _ args: [Expression], _ range: SourceRange, parameters: String
  ) -> (term: ExpectTerm, type: ExpectType)? {
    let count = callee == "pa" || callee == "callbacks" ? 1 : 4
    guard args.count == count else {
      error(
        "`\(callee)` takes (\(parameters)), got \(args.count) argument\(args.count == 1 ? "" : "s")",
        at: range, hint: "\(callee)(\(parameters))")
      return nil
    }
    switch callee {
    case "pa":
      guard case .variable(let pointer) = variable(args[0], .pointer) else { return nil }
      return (.value(.physical(pointer: pointer)), .address)
    case "callbacks":
      guard case .variable(let channel) = variable(args[0], .channel) else { return nil }
      return (.value(.callbacks(channel: channel)), .integer)
    default:
      guard let device = device(args[0]),
        case .variable(let handle) = variable(args[1], .dmaHandle),
        let offset = requireInteger(args[2], "the offset"),
        let length = requireInteger(args[3], "the length")
      else { return nil }
      guard length <= Self.maximumExpectLength else {
        error(
          "`expect` reads at most \(Self.maximumExpectLength) bytes", at: args[3].range,
          hint: "split the range into several expectations")
        return nil
      }
      if callee == "bounce", board.swiotlb == nil {
        error(
          "board `\(board.name)` has no swiotlb pool", at: range,
          hint: "use a device-tree board such as `board arm64-cma-soc`, which bounces through "
            + "swiotlb")
        return nil
      }
      return (
        .value(
          .busBytes(
            device: device, handle: handle, offset: offset, length: length,
            bounce: callee == "bounce")), .bytes
      )
    }
  }
}
