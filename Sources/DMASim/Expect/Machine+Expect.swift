extension Machine {
  /// Evaluates an `expect` at the current point of the program, records the result and logs
  /// it: a pass as narration, a failure as a simulator warning. The program goes on either way.
  mutating func evaluate(_ expectation: Expectation) {
    let actual = observe(expectation.actual)
    let expected = observe(expectation.expected)
    let passed = Self.holds(actual, expectation.comparison, expected)
    let result = ExpectationResult(
      line: currentAction?.line ?? 0, text: expectation.text, passed: passed,
      actual: actual.text, expected: expected.text, step: stepCount)
    cpu.expectationResults.append(result)
    if passed {
      log(.narration, "expect", "expect \(expectation.text): passed")
    } else {
      cpu.narration =
        "Expectation failed at line \(result.line): \(expectation.actualText) is \(actual.text), "
        + "expected \(expectation.comparison.symbol) \(expected.text)"
      log(
        .debug, "expect",
        "expectation failed: \(expectation.text): \(expectation.actualText) is \(actual.text), "
          + "expected \(expectation.comparison.symbol) \(expected.text)",
        detail: result.explanation)
    }
  }

  /// Whether `actual comparison expected` holds. Ordering needs two integers.
  static func holds(
    _ actual: ObservedValue, _ comparison: ExpectComparison, _ expected: ObservedValue
  ) -> Bool {
    if case .unavailable = actual { return false }
    if case .unavailable = expected { return false }
    switch comparison {
    case .equal: return actual.matches(expected)
    case .notEqual: return !actual.matches(expected)
    default:
      // Two addresses order too (`expect hb > ha`).
      if case .address(let left) = actual, case .address(let right) = expected {
        return holds(.integer(left < right ? -1 : left == right ? 0 : 1), comparison, .integer(0))
      }
      guard case .integer(let left) = actual, case .integer(let right) = expected else {
        return false
      }
      switch comparison {
      case .less: return left < right
      case .lessOrEqual: return left <= right
      case .greater: return left > right
      default: return left >= right
      }
    }
  }

  /// Reads one side of an expectation without changing anything.
  public func observe(_ term: ExpectTerm) -> ObservedValue {
    ExpectObserver(machine: self).observe(term)
  }

  /// The virtual channel a channel variable names, if it is one.
  func virtualChannel(_ name: String) -> VirtualChannel? {
    guard case .channel(let controller, let channel) = cpu.variables[name],
      engine.controllers.indices.contains(controller),
      engine.controllers[controller].virtualChannels.indices.contains(channel)
    else { return nil }
    return engine.controllers[controller].virtualChannels[channel]
  }

  /// `dmaengine_tx_status`'s answer for a cookie: `dma_cookie_status`, DMA_PAUSED for a paused
  /// channel's transfer (drivers such as pl330 and dw-axi-dmac report it, not the core), and
  /// the residue the driver's `device_tx_status` sets with `dma_set_residue`: the whole length
  /// for a descriptor still on `desc_submitted` or `desc_issued` (`vchan_find_desc`), what is
  /// left of the active one at the controller's granularity, 0 once complete.
  func txState(_ controller: Int, _ channel: Int, _ cookie: Int32) -> (
    status: DMAStatus, residue: UInt64
  ) {
    let vchan = engine.controllers[controller].virtualChannels[channel]
    var status = vchan.cookieStatus(cookie)
    var residue: UInt64 = 0
    if status == .inProgress, vchan.paused { status = .paused }
    if status == .inProgress || status == .paused {
      let granularity = engine.controllers[controller].capabilities.residueGranularity
      if let id = (vchan.submitted + vchan.issued).first(where: {
        vchan.descriptors[$0]?.cookie == cookie
      }) {
        residue = granularity == .descriptor ? 0 : vchan.descriptors[id]?.length ?? 0
      } else if let id = vchan.active, let active = vchan.descriptors[id], active.cookie == cookie {
        residue = residueOf(active, granularity)
      }
    }
    return (status, residue)
  }
}
