import DMASim

/// What the soak's program generators share: a seeded random source, a counter for fresh
/// variable names, and the actions written so far.
protocol ProgramWriting {
  var random: SplitMix64 { get set }
  var actions: [Action] { get set }
  var counter: Int { get set }
}

extension ProgramWriting {
  /// A value drawn uniformly from `range`.
  mutating func pick(_ range: ClosedRange<UInt64>) -> UInt64 {
    range.lowerBound + random.next() % (range.upperBound - range.lowerBound + 1)
  }

  /// A fresh variable name: `prefix` and the next counter value.
  mutating func name(_ prefix: String) -> String {
    counter += 1
    return "\(prefix)\(counter)"
  }

  /// Appends one call, binding its result to `result` when given.
  mutating func add(_ operation: Operation, _ result: String? = nil) {
    actions.append(Action(operation: operation, result: result))
  }
}
