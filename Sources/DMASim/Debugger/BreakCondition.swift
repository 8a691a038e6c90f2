/// A breakpoint's `if` condition: one comparison of the scenario's expression language
/// (`expect`'s), already checked and lowered by the scenario compiler.
///
/// A condition naming a function's parameters (`dir`, `size`) is lowered once per call site
/// with the call's own arguments in their place, so `sites` holds one expectation per action
/// index; `general` is the version for everywhere else (nil when the condition only makes sense
/// at a call).
public struct BreakCondition: Hashable, Sendable {
  /// The condition as typed.
  public var text: String
  /// The lowered condition per call site (action index).
  public var sites: [Int: Expectation]
  /// The lowered condition anywhere else.
  public var general: Expectation?

  /// Creates a condition.
  public init(text: String, sites: [Int: Expectation] = [:], general: Expectation? = nil) {
    self.text = text
    self.sites = sites
    self.general = general
  }

  /// Whether the condition holds in a state, at the action about to begin (or in progress).
  public func holds(in machine: Machine) -> Bool {
    let site = machine.upcomingActionIndex
    guard let expectation = site.flatMap({ sites[$0] }) ?? general else { return false }
    return Machine.holds(
      machine.observe(expectation.actual), expectation.comparison,
      machine.observe(expectation.expected))
  }
}
