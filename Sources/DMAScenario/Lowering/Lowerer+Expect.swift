import DMASim

extension Lowerer {
  /// The functions an `expect` can read, with their parameters, for checks and hints.
  static let expectFunctions: [(name: String, parameters: String)] = [
    ("cpu_view", "ptr, offset, len"), ("ram", "ptr, offset, len"),
    ("device_view", "dev, ptr, offset, len"), ("line_state", "ptr[, offset]"),
    ("dirty_lines", "ptr, len"), ("desc_allocated", "chan"), ("desc_submitted", "chan"),
    ("desc_issued", "chan"), ("desc_completed", "chan"), ("desc_terminated", "chan"),
    ("tx_status", "chan, cookie"), ("wire", "dev[, offset, len]"), ("cma_used", ""),
    ("cma_free", ""), ("dma_debug_errors", ""), ("mappings", ""), ("count", "list or bytes"),
    ("bytes", "byte, …"), ("fill", "byte, count"), ("iova_to_phys", "dev, handle[, offset]"),
    ("iova_mapped", "dev, handle, len"), ("iotlb_hits", "dev"), ("iotlb_misses", "dev"),
    ("iommu_faults", "dev"), ("pa", "ptr"), ("callbacks", "chan"),
    ("dma_view", "dev, handle, offset, len"), ("bounce", "dev, handle, offset, len"),
    // The machine counters (`MachineCounter`).
    ("swiotlb_used", ""), ("cma_lent", ""), ("cma_pinned", ""), ("cma_migrated", ""),
  ]

  /// Constants an `expect` may name, besides variables.
  static let expectConstants: [(name: String, value: ObservedValue, type: ExpectType)] = [
    ("NULL", .null, .address), ("DMA_MAPPING_ERROR", .address(UInt64.max), .address),
    ("invalid", .lineState(.invalid), .lineState), ("clean", .lineState(.clean), .lineState),
    ("dirty", .lineState(.dirty), .lineState), ("DMA_COMPLETE", .status(.complete), .status),
    ("DMA_IN_PROGRESS", .status(.inProgress), .status), ("DMA_PAUSED", .status(.paused), .status),
    ("DMA_ERROR", .status(.error), .status),
    // enum dma_data_direction (include/linux/dma-direction.h), for breakpoint conditions such
    // as `:break dma_map_single if dir == DMA_FROM_DEVICE`.
    ("DMA_BIDIRECTIONAL", .integer(0), .integer), ("DMA_TO_DEVICE", .integer(1), .integer),
    ("DMA_FROM_DEVICE", .integer(2), .integer), ("DMA_NONE", .integer(3), .integer),
  ]

  /// The error numbers `-EIO` and friends can name.
  static let errnoNames: [(name: String, value: Int64)] = [
    ("EPERM", 1), ("ENOENT", 2), ("EIO", 5), ("ENXIO", 6), ("ENOMEM", 12), ("EBUSY", 16),
    ("ENODEV", 19), ("EINVAL", 22), ("ENOSPC", 28), ("ENOSYS", 38), ("ETIMEDOUT", 110),
    ("EPROBE_DEFER", 517),
  ]

  /// The largest byte range an expectation may read.
  static let maximumExpectLength: UInt64 = 4096

  /// `expect LEFT OP RIGHT`: checks names and types, and appends an `.expect` action.
  mutating func lowerExpect(
    _ arguments: [Expression], _ range: SourceRange, _ statement: Statement
  ) {
    guard let condition = arguments.first else {
      error(
        "`expect` needs a condition", at: range,
        hint: "for example `expect ret == 0` or `expect line_state(buf) == dirty`")
      return
    }
    if arguments.count > 1 {
      error(
        "unexpected \(expressionText(arguments[1].range)) after the condition of `expect`",
        at: arguments[1].range, hint: "an `expect` checks one comparison, such as `expect a == b`")
      return
    }
    guard case .binary(let op, let lhs, let rhs) = condition.kind,
      let comparison = ExpectComparison(rawValue: op.symbol)
    else {
      error(
        "`expect` needs a comparison such as `==` or `!=`", at: condition.range,
        hint: "KUnit-style: `expect ret == 0`, `expect count(desc_issued(chan)) == 1`")
      return
    }
    guard let expectation = typedComparison(lhs, comparison, rhs, condition.range) else { return }
    append(.expect(expectation), statement)
  }

  /// `lhs OP rhs` with both sides typed and checked, as `expect` and the driver's conditions
  /// (`if`, `while`, `for`) read them.
  mutating func typedComparison(
    _ lhs: Expression, _ comparison: ExpectComparison, _ rhs: Expression, _ range: SourceRange
  ) -> Expectation? {
    guard let left = expectTerm(lhs, context: nil) else { return nil }
    guard let right = expectTerm(rhs, context: left.type) else { return nil }
    guard left.type.canCompare(with: right.type) else {
      error(
        "cannot compare \(left.type.name) with \(right.type.name)", at: rhs.range,
        hint:
          "`\(expressionText(lhs.range))` is \(left.type.name); for example `\(left.type.example)`"
      )
      return nil
    }
    if comparison.isOrdering,
      !(left.type == right.type && [.integer, .address].contains(left.type))
    {
      error(
        "`\(comparison.symbol)` orders integers or addresses, but this compares \(left.type.name)",
        at: range, hint: "use `==` or `!=`")
      return nil
    }
    return Expectation(
      actual: left.term, comparison: comparison, expected: right.term,
      actualText: expressionText(lhs.range), expectedText: expressionText(rhs.range))
  }

  /// The source text of a range on one line.
  func expressionText(_ range: SourceRange) -> String {
    let line = range.start.line
    guard syntax.lines.indices.contains(line - 1) else { return "" }
    let characters = Array(syntax.lines[line - 1])
    let lower = min(max(0, range.start.column - 1), characters.count)
    let endColumn = range.end.line == line ? range.end.column : characters.count + 1
    let upper = min(max(lower, endColumn - 1), characters.count)
    return String(characters[lower..<upper])
  }

  /// One side of an expectation, typed. `context` is the other side's type, which decides
  /// whether `[1, 2]` is bytes or a list of cookies.
  mutating func expectTerm(_ expression: Expression, context: ExpectType?) -> (
    term: ExpectTerm, type: ExpectType
  )? {
    switch expression.kind {
    case .integer(let value):
      // A number written against a pointer or dma_addr_t is an address (`expect h == 0x50000000`).
      if context == .address { return (.literal(.address(value)), .address) }
      guard value <= UInt64(Int64.max) else {
        error("\(value) is too large", at: expression.range)
        return nil
      }
      return (.literal(.integer(Int64(value))), .integer)
    case .string(let text): return (.literal(.bytes(Array(text.utf8))), .bytes)
    case .unary(.negate, let operand): return negated(operand, expression.range)
    case .identifier(let name): return expectIdentifier(name, expression.range)
    case .call(let callee, let arguments): return expectCall(callee, arguments, expression)
    case .list(let items):
      if context == .list || context == .descriptor {
        var terms: [ExpectTerm] = []
        for item in items {
          guard let lowered = expectTerm(item, context: nil) else { return nil }
          guard lowered.type == .integer || lowered.type == .descriptor else {
            error(
              "a descriptor list holds cookies or descriptors, not \(lowered.type.name)",
              at: item.range, hint: "for example `[cookie]` or `[desc1, desc2]`")
            return nil
          }
          terms.append(lowered.term)
        }
        return (.list(terms), .list)
      }
      guard let data = bytes(expression) else { return nil }
      return (.literal(.bytes(data)), .bytes)
    case .binary(let op, let lhs, let rhs):
      return expectArithmetic(op, lhs, rhs, expression) { lowerer, side, context in
        lowerer.expectTerm(side, context: context)
      }
    case .member(let base, let name): return expectMember(base, name, expression.range)
    default:
      error(
        "`\(expressionText(expression.range))` cannot be used in `expect`", at: expression.range,
        hint: "compare a variable, a constant or a call such as `line_state(buf)`")
      return nil
    }
  }

  private mutating func negated(_ operand: Expression, _ range: SourceRange) -> (
    term: ExpectTerm, type: ExpectType
  )? {
    if let value = integer(operand), value <= UInt64(Int64.max) {
      return (.literal(.integer(-Int64(value))), .integer)
    }
    if case .identifier(let name) = operand.kind {
      if let errno = Self.errnoNames.first(where: { $0.name == name }) {
        return (.literal(.integer(-errno.value)), .integer)
      }
      error(
        "unknown error code `\(name)`", at: operand.range,
        hint: NameSuggestion.nearest(to: name, in: Self.errnoNames.map(\.name)).map {
          "did you mean `-\($0)`?"
        } ?? "error codes: \(Self.errnoNames.map(\.name).joined(separator: ", "))")
      return nil
    }
    error("`-` applies to a number or an error code such as `-EIO`", at: range)
    return nil
  }

  private mutating func expectIdentifier(_ name: String, _ range: SourceRange) -> (
    term: ExpectTerm, type: ExpectType
  )? {
    if let kind = variables[name] {
      let type: ExpectType
      switch kind {
      case .pointer, .dmaHandle, .page: type = .address
      case .cookie, .integer: type = .integer
      case .status: type = .status
      case .bytes: type = .bytes
      case .descriptor: type = .descriptor
      case .channel, .dmaPool, .scatterList, .dmaBuf, .dmaBufAttachment:
        // A pointer to a kernel object: NULL, an ERR_PTR errno, or itself.
        return (.value(.object(name)), .object)
      case .interleavedTemplate:
        error(
          "`\(name)` is \(kind.rawValue), which has no value to compare", at: range,
          hint: "compare the bytes the transfer moved, e.g. with `cpu_read`")
        return nil
      }
      return (.variable(name), type)
    }
    if let constant = Self.expectConstants.first(where: { $0.name == name }) {
      return (.literal(constant.value), constant.type)
    }
    if Self.errnoNames.contains(where: { $0.name == name }) {
      error(
        "kernel error codes are negative", at: range,
        hint: "write `-\(name)`, as a kernel function returns it")
      return nil
    }
    let candidates = variables.keys.sorted() + Self.expectConstants.map(\.name)
    error(
      "`\(name)` is not defined", at: range,
      hint: NameSuggestion.nearest(to: name, in: candidates).map { "did you mean `\($0)`?" }
        ?? "assign it from a call first, e.g. `\(name) = dma_mapping_error(dev, handle)`, or use a constant "
        + "such as `NULL`, `dirty` or `DMA_COMPLETE`")
    return nil
  }

  private mutating func expectCall(
    _ callee: String, _ arguments: [Argument], _ expression: Expression
  ) -> (term: ExpectTerm, type: ExpectType)? {
    let range = expression.range
    guard let function = Self.expectFunctions.first(where: { $0.name == callee }) else {
      if KernelFunctions.callNames.contains(callee) {
        error(
          "`\(callee)` is a statement, not something `expect` can read", at: range,
          hint: callee == "cpu_read"
            ? "`cpu_read` loads through the cache and changes it; `expect cpu_view(ptr, off, len) == …` only looks"
            : "call it on its own line and compare its result: `ret = \(callee)(…)` then `expect ret == 0`"
        )
      } else {
        error(
          "unknown function `\(callee)` in `expect`", at: range,
          hint: NameSuggestion.nearest(to: callee, in: Self.expectFunctions.map(\.name)).map {
            "did you mean `\($0)`?"
          } ?? "expect can read: \(Self.expectFunctions.map(\.name).joined(separator: ", "))")
      }
      return nil
    }
    if let labelled = arguments.first(where: { $0.label != nil }) {
      error(
        "`\(callee)` takes no labelled arguments", at: labelled.range,
        hint: "\(callee)(\(function.parameters))")
      return nil
    }
    let args = arguments.map(\.value)
    let arityError = { (self: inout Lowerer) in
      self.error(
        "`\(callee)` takes \(function.parameters.isEmpty ? "no arguments" : "(\(function.parameters))"), got \(args.count) argument\(args.count == 1 ? "" : "s")",
        at: range, hint: "\(callee)(\(function.parameters))")
    }
    switch callee {
    case "cpu_view", "ram", "device_view":
      let hasDevice = callee == "device_view"
      guard args.count == (hasDevice ? 4 : 3) else {
        arityError(&self)
        return nil
      }
      let device: String?
      if hasDevice {
        device = self.device(args[0])
      } else {
        device = board.devices.first?.name ?? ""
      }
      let rest = Array(args.dropFirst(hasDevice ? 1 : 0))
      guard let device, let pointer = variableName(rest[0], .pointer),
        let offset = requireInteger(rest[1], "the offset"),
        let length = requireInteger(rest[2], "the length")
      else { return nil }
      guard length <= Self.maximumExpectLength else {
        error(
          "`expect` reads at most \(Self.maximumExpectLength) bytes", at: rest[2].range,
          hint: "split the range into several expectations")
        return nil
      }
      let view: ByteViewKind = callee == "ram" ? .ram : (hasDevice ? .device : .cpu)
      return (
        .bytes(view, pointer: pointer, offset: offset, length: length, device: device), .bytes
      )
    case "line_state":
      guard args.count == 1 || args.count == 2 else {
        arityError(&self)
        return nil
      }
      guard let pointer = variableName(args[0], .pointer) else { return nil }
      var offset: UInt64 = 0
      if args.count == 2 {
        guard let value = requireInteger(args[1], "the offset") else { return nil }
        offset = value
      }
      return (.lineState(pointer: pointer, offset: offset), .lineState)
    case "dirty_lines":
      guard args.count == 2 else {
        arityError(&self)
        return nil
      }
      guard let pointer = variableName(args[0], .pointer),
        let length = requireInteger(args[1], "the length")
      else { return nil }
      return (.dirtyLines(pointer: pointer, length: length), .integer)
    case "desc_allocated", "desc_submitted", "desc_issued", "desc_completed", "desc_terminated":
      guard args.count == 1 else {
        arityError(&self)
        return nil
      }
      guard let channel = variableName(args[0], .channel),
        let place = DescriptorPlace(rawValue: String(callee.dropFirst("desc_".count)))
      else { return nil }
      return (.descriptors(channel: channel, place: place), .list)
    case "tx_status":
      guard args.count == 2 else {
        arityError(&self)
        return nil
      }
      guard let channel = variableName(args[0], .channel),
        let cookie = variableName(args[1], .cookie)
      else { return nil }
      return (.txStatus(channel: channel, cookie: cookie), .status)
    case "wire":
      guard args.count == 1 || args.count == 3 else {
        arityError(&self)
        return nil
      }
      guard let device = self.device(args[0]) else { return nil }
      guard args.count == 3 else { return (.wire(device: device, offset: 0, length: nil), .bytes) }
      guard let offset = requireInteger(args[1], "the offset"),
        let length = requireInteger(args[2], "the length")
      else { return nil }
      return (.wire(device: device, offset: offset, length: length), .bytes)
    case "cma_used", "cma_free", "dma_debug_errors", "mappings":
      guard args.isEmpty else {
        arityError(&self)
        return nil
      }
      if callee.hasPrefix("cma_"), board.cmaAreas.isEmpty {
        error(
          "board `\(board.name)` has no CMA area", at: range,
          hint: "use `board soc8g`, which has a default CMA area")
        return nil
      }
      switch callee {
      case "cma_used": return (.cmaPages(used: true), .integer)
      case "cma_free": return (.cmaPages(used: false), .integer)
      case "dma_debug_errors": return (.dmaDebugErrors, .integer)
      default: return (.mappingCount, .integer)
      }
    case let name where MachineCounter(rawValue: name) != nil:
      guard args.isEmpty, let counter = MachineCounter(rawValue: name) else {
        arityError(&self)
        return nil
      }
      return (.counter(counter), .integer)
    case "count":
      guard args.count == 1 else {
        arityError(&self)
        return nil
      }
      guard let inner = expectTerm(args[0], context: nil) else { return nil }
      guard inner.type == .list || inner.type == .bytes else {
        error(
          "`count` counts a descriptor list or bytes, not \(inner.type.name)", at: args[0].range,
          hint: "for example `count(desc_issued(chan))`")
        return nil
      }
      return (.count(inner.term), .integer)
    case "iova_to_phys", "iova_mapped", "iotlb_hits", "iotlb_misses", "iommu_faults":
      return expectIOMMU(callee, args, range, parameters: function.parameters)
    case "pa", "callbacks", "dma_view", "bounce":
      return expectValueCall(callee, args, range, parameters: function.parameters)
    default:
      guard let data = bytes(expression) else { return nil }
      return (.literal(.bytes(data)), .bytes)
    }
  }

  /// The name of a variable argument that must hold a value of `kind`.
  private mutating func variableName(_ expression: Expression, _ kind: ValueKind) -> String? {
    guard case .variable(let name) = variable(expression, kind) else { return nil }
    return name
  }
}
