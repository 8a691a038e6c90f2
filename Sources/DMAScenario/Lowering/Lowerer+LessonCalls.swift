import DMASim

extension Lowerer {
  /// Lowers `dmatest_run`, `pin_user_pages` and `unpin_user_page`.
  mutating func lessonCallOperation(
    _ callee: String, _ args: [Expression], _ label: (String) -> Expression?
  ) -> (Operation, ValueKind?)? {
    if callee == "pin_user_pages" || callee == "unpin_user_page" {
      return variable(args[0], .page).map {
        (.pinUserPage(page: $0, pin: callee == "pin_user_pages"), nil)
      }
    }
    var options = DmatestOptions()
    options.iterations = 10
    options.bufferSize = 256
    let limits: [(String, UInt64, WritableKeyPath<DmatestOptions, Int>)] = [
      ("iterations", 200, \.iterations), ("test_buf_size", 4096, \.bufferSize),
      ("max_channels", 16, \.channels), ("transfer_size", 4096, \.transferSize),
    ]
    for (name, limit, keyPath) in limits {
      guard let expression = label(name) else { continue }
      guard let value = requireInteger(expression, name) else { return nil }
      guard value <= limit, name != "test_buf_size" || value >= 1 else {
        error(
          "`\(name)` must be at most \(limit)\(name == "test_buf_size" ? " and at least 1" : "")",
          at: expression.range,
          hint: "lessons run dmatest with small buffers and few iterations; "
            + "`dmascope dmatest` runs the full module")
        return nil
      }
      options[keyPath: keyPath] = Int(value)
    }
    if let expression = label("seed") {
      guard let value = requireInteger(expression, "seed") else { return nil }
      options.seed = value
    }
    let switches: [(String, WritableKeyPath<DmatestOptions, Bool>)] = [
      ("norandom", \.noRandom), ("noverify", \.noVerify), ("verbose", \.verbose),
    ]
    for (name, keyPath) in switches {
      guard let expression = label(name) else { continue }
      guard let value = boolean(expression, name) else { return nil }
      options[keyPath: keyPath] = value
    }
    if let expression = label("inject_stale_cache") {
      guard let value = boolean(expression, "inject_stale_cache") else { return nil }
      options.fault = value ? .skipDestinationUnmap : .none
    }
    if let expression = label("transfer_size"), options.transferSize > 0,
      options.transferSize >= options.bufferSize
    {
      error(
        "\(options.transferSize)-byte transfer size must be lower than "
          + "\(options.bufferSize)-buffer size",
        at: expression.range,
        hint: "dmatest refuses it too; leave transfer_size=0 for random lengths")
      return nil
    }
    return (.dmatestRun(options: options), .integer)
  }

  /// A module parameter's `0` or `1`.
  private mutating func boolean(_ expression: Expression, _ name: String) -> Bool? {
    guard let value = integer(expression), value <= 1 else {
      error("`\(name)` is 0 or 1", at: expression.range, hint: "for example `\(name)=1`")
      return nil
    }
    return value == 1
  }
}
