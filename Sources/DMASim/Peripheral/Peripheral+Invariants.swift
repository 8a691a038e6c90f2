extension Peripheral {
  /// The peripheral's broken rules: its FIFOs stay within their depth.
  func invariantViolations() -> [String] {
    var problems: [String] = []
    if let fifo = spec.fifo, self.fifo.count > fifo.depth {
      problems.append("\(name): TX FIFO holds \(self.fifo.count) > \(fifo.depth)")
    }
    if let rx = spec.rxFIFO, rxFIFO.count > rx.depth {
      problems.append("\(name): RX FIFO holds \(rxFIFO.count) > \(rx.depth)")
    }
    return problems
  }
}
