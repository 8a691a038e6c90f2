import DMASim

extension Lowerer {
  /// The largest size, length, offset or count a scenario may use.
  static let maximumQuantity: UInt64 = 1 << 30
  /// The most bytes one `cpu_write` stores or one `cpu_read` loads (each line is a step).
  static let maximumCPUAccess: UInt64 = 1 << 20

  /// Evaluates a constant integer expression (literals with + - * / and `|`), or nil.
  func integer(_ expression: Expression) -> UInt64? {
    switch expression.kind {
    case .integer(let value): return value
    case .binary(let op, let lhs, let rhs):
      guard let left = integer(lhs), let right = integer(rhs) else { return nil }
      switch op {
      case .add: return left.addingReportingOverflow(right).overflow ? nil : left + right
      case .subtract: return left >= right ? left - right : nil
      case .multiply:
        return left.multipliedReportingOverflow(by: right).overflow ? nil : left * right
      case .divide: return right == 0 ? nil : left / right
      case .bitwiseOr: return left | right
      default: return nil
      }
    default: return nil
    }
  }

  /// An integer argument, with an error if it is not a constant.
  mutating func requireInteger(_ expression: Expression, _ what: String) -> UInt64? {
    if let value = integer(expression) {
      // Sizes, lengths, offsets and counts are bounded so a scenario cannot ask the simulator
      // for terabytes; addresses are not.
      if !what.hasSuffix("_addr"), value > Self.maximumQuantity {
        error(
          "\(what) is \(value); the simulator's limit is \(Self.maximumQuantity) (1 GiB)",
          at: expression.range, hint: "use a smaller buffer or transfer")
        return nil
      }
      return value
    }
    error(
      "\(what) must be a constant integer", at: expression.range, hint: "for example `128` or `4K`")
    return nil
  }

  /// A device name argument, checked against the board.
  mutating func device(_ expression: Expression) -> String? {
    let names = board.devices.map(\.name)
    guard case .identifier(let name) = expression.kind else {
      error(
        "expected a device name", at: expression.range,
        hint: "devices on this board: \(names.joined(separator: ", "))")
      return nil
    }
    guard names.contains(name) else {
      error(
        "no device `\(name)` on board `\(board.name)`", at: expression.range,
        hint: NameSuggestion.nearest(to: name, in: names).map { "did you mean `\($0)`?" }
          ?? "devices on this board: \(names.joined(separator: ", "))")
      return nil
    }
    return name
  }

  /// A variable argument that must hold a value of `kind`.
  mutating func variable(_ expression: Expression, _ kind: ValueKind) -> Operand? {
    // `buf + 4`: a pointer or handle plus a byte offset (a field inside a struct).
    if kind == .pointer || kind == .dmaHandle,
      case .binary(.add, let base, let offset) = expression.kind,
      case .identifier = base.kind
    {
      guard let bytes = requireInteger(offset, "the byte offset") else { return nil }
      return variable(base, kind).map { .offset($0, bytes) }
    }
    guard case .identifier(let name) = expression.kind else {
      error("expected a variable holding \(kind.rawValue)", at: expression.range)
      return nil
    }
    guard let known = variables[name] else {
      let suggestion = NameSuggestion.nearest(to: name, in: variables.keys.sorted())
      error(
        "`\(name)` is not defined", at: expression.range,
        hint: suggestion.map { "did you mean `\($0)`?" }
          ?? "assign it first, e.g. `\(name) = \(example(for: kind))`")
      return nil
    }
    guard known == kind else {
      error(
        "`\(name)` is \(known.rawValue), but \(kind.rawValue) is needed here", at: expression.range,
        hint: "it is needed from `\(example(for: kind))`")
      return nil
    }
    return .variable(name)
  }

  /// A string argument.
  mutating func string(_ expression: Expression, _ what: String) -> String? {
    guard case .string(let text) = expression.kind else {
      error("\(what) must be a string", at: expression.range, hint: "put it in double quotes")
      return nil
    }
    return text
  }

  /// A flags argument: kernel constant names joined by `|`, or `0`.
  mutating func flags<T: OptionSet>(
    _ expression: Expression, _ table: [(name: String, flag: T)], _ what: String
  ) -> T? where T.RawValue: FixedWidthInteger {
    switch expression.kind {
    case .integer(0): return T()
    case .identifier(let name):
      if let found = table.first(where: { $0.name == name }) { return found.flag }
      let names = table.map(\.name)
      error(
        "unknown \(what) `\(name)`", at: expression.range,
        hint: NameSuggestion.nearest(to: name, in: names).map { "did you mean `\($0)`?" }
          ?? "one of: \(names.joined(separator: ", "))")
      return nil
    case .binary(.bitwiseOr, let lhs, let rhs):
      guard let left = flags(lhs, table, what), let right = flags(rhs, table, what) else {
        return nil
      }
      return left.union(right)
    default:
      error("expected \(what) names joined by `|`", at: expression.range)
      return nil
    }
  }

  /// An enumeration constant given by its kernel name.
  mutating func constant<T>(
    _ expression: Expression, _ all: [T], name: (T) -> String, _ what: String
  ) -> T? {
    let names = all.map(name)
    guard case .identifier(let text) = expression.kind else {
      error(
        "expected \(what)", at: expression.range, hint: "one of: \(names.joined(separator: ", "))")
      return nil
    }
    if let found = all.first(where: { name($0) == text }) { return found }
    error(
      "unknown \(what) `\(text)`", at: expression.range,
      hint: NameSuggestion.nearest(to: text, in: names).map { "did you mean `\($0)`?" }
        ?? "one of: \(names.joined(separator: ", "))")
    return nil
  }

  /// Byte data: a string, `bytes(0x12, ...)`, a list `[1, 2]` or `fill(byte, count)`.
  mutating func bytes(_ expression: Expression) -> [UInt8]? {
    switch expression.kind {
    case .string(let text): return Array(text.utf8)
    case .list(let items): return byteList(items)
    case .call("bytes", let arguments): return byteList(arguments.map(\.value))
    case .call("fill", let arguments):
      guard arguments.count == 2, let value = integer(arguments[0].value), value <= 0xff,
        let count = integer(arguments[1].value), count <= 1 << 20
      else {
        error("`fill(byte, count)` needs a byte value and a count", at: expression.range)
        return nil
      }
      return [UInt8](repeating: UInt8(value), count: Int(count))
    default:
      error(
        "expected data", at: expression.range,
        hint: "write a string, `bytes(0xde, 0xad)`, `[1, 2, 3]` or `fill(0xaa, 64)`")
      return nil
    }
  }

  private mutating func byteList(_ items: [Expression]) -> [UInt8]? {
    var result: [UInt8] = []
    for item in items {
      guard let value = integer(item), value <= 0xff else {
        error("each byte must be a constant from 0 to 0xff", at: item.range)
        return nil
      }
      result.append(UInt8(value))
    }
    return result
  }

  /// An example call that produces a value of `kind`, for hints.
  func example(for kind: ValueKind) -> String {
    switch kind {
    case .pointer: "kmalloc(128, GFP_KERNEL)"
    case .dmaHandle: "dma_map_single(dev, buf, size, DMA_TO_DEVICE)"
    case .channel: "dma_request_chan(dev, \"tx\")"
    case .descriptor: "dmaengine_prep_slave_single(chan, handle, len, DMA_MEM_TO_DEV, flags)"
    case .cookie: "dmaengine_submit(desc)"
    case .integer: "dma_mapping_error(dev, handle)"
    case .status: "dmaengine_tx_status(chan, cookie)"
    case .bytes: "cpu_read(buf, 0, 16)"
    case .scatterList: "sg_init_table(3)"
    case .interleavedTemplate: "dma_interleaved_template(numf=4, frame_size=1)"
    case .dmaPool: "dma_pool_create(\"name\", dev, 64, 64, 0)"
    case .dmaBuf: "dma_buf_export(16K)"
    case .dmaBufAttachment: "dma_buf_attach(dmabuf, dev)"
    case .page: "alloc_pages(GFP_KERNEL, 0)"
    }
  }
}
