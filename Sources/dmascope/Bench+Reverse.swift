import DMASim

extension Bench {
  /// Reverse-continue from the end of a long run to a function breakpoint near its start
  /// (`dmaengine_slave_config`, the run's second call), with segment summaries and with the
  /// plain replay of every segment, each timed on its own copy of the same debugger.
  func reverseContinueFigures(_ debugger: Debugger) -> [BenchRow] {
    var fast = debugger
    let breakpoint = fast.addBreakpoint(.call("dmaengine_slave_config"))
    var plain = fast
    plain.usesSegmentSummaries = false
    let from = fast.machine.stepCount
    let fastStart = ContinuousClock.now
    let fastStop = fast.reverseContinue()
    let fastSeconds = (ContinuousClock.now - fastStart).seconds
    let plainStart = ContinuousClock.now
    let plainStop = plain.reverseContinue()
    let plainSeconds = (ContinuousClock.now - plainStart).seconds
    // Both must land on the same step, the breakpoint's: a fast answer elsewhere fails.
    let same =
      fastStop == .breakpoint(breakpoint) && plainStop == fastStop
      && fast.machine.stepCount == plain.machine.stepCount
    return [
      BenchRow(
        figure: "reverse-continue \(from) steps to a breakpoint near the start",
        value: String(format: "%.3f s (to step %d)", fastSeconds, fast.machine.stepCount),
        target: "< 0.3 s", pass: same && fastSeconds < 0.3),
      BenchRow(
        figure: "  the same, replaying every segment",
        value: String(format: "%.3f s", plainSeconds), target: "-", pass: same ? nil : false),
    ]
  }
}
