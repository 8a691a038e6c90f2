extension EventLog {
  /// The entries written by step `step` when it is the newest step logged (the tail of the
  /// log); empty when the newest entry belongs to another step.
  public func entries(ofStep step: Int) -> [LogEntry] {
    var limit = 8
    while true {
      let tail = suffix(limit)
      let fromThisStep = tail.reversed().prefix { $0.step == step }
      if fromThisStep.count < tail.count || tail.count < limit {
        return fromThisStep.reversed()
      }
      limit *= 4
    }
  }
}
