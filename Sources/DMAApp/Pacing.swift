/// How a run started with Space goes through a lesson.
public enum Pacing: String, CaseIterable, Hashable, Sendable {
  /// Like a presenter's "next slide": the run stops at the next narration, `pause` or `ask`.
  case lecture
  /// The run goes on past narrations and stops only at a `pause`, an `ask`, a breakpoint or
  /// the end.
  case free
}
