extension Program {
  /// The actions that began when the program counter moved from `earlier` to `counter`
  /// (narration included).
  public func actionsBegun(since earlier: Int, counter: Int) -> [Action] {
    guard counter > earlier else { return [] }
    let range = max(0, earlier)..<min(counter, actions.count)
    return Array(actions[range])
  }
}
