/// How much space one part of a `Layout` asks for along the split direction.
public enum Constraint: Hashable, Sendable {
  /// Exactly this many cells (granted first).
  case length(Int)
  /// This percentage (0 ... 100) of the space to split (granted second).
  case percentage(Int)
  /// At least this many cells (granted third); also absorbs leftover space
  /// when the layout has no `fill` constraint.
  case min(Int)
  /// A share of the leftover space proportional to this weight (granted
  /// last).
  case fill(Int)
}
