/// What an `if`, `while` or `for` tests: comparisons of the same typed values `expect` reads,
/// joined as C joins them (`&&` and `||` short-circuit, so a right side that could not be read
/// is never read).
public indirect enum Condition: Hashable, Sendable {
  /// `a == b`, `ret < 0`, `buf != NULL`.
  case compare(Expectation)
  /// `!cond`.
  case not(Condition)
  /// `a && b`.
  case and(Condition, Condition)
  /// `a || b`.
  case or(Condition, Condition)
  /// `IS_ERR(ptr)` (include/linux/err.h): the value is an `ERR_PTR(-errno)`, not NULL and not
  /// a live object.
  case isError(String)
}

/// The statements that steer the driver's control flow: branches and jumps lowered from `if`,
/// loops, `goto`, `break`, `continue` and `return`, and integer assignments.
public enum ControlFlow: Hashable, Sendable {
  /// Goes on at `target` unless `condition` holds (the test of an `if` or a loop).
  case branchUnless(Condition, target: Int)
  /// Goes on at `target`, a later statement: the end of an `if`'s branch, `break`, a forward
  /// `goto`, `return`.
  case jump(target: Int)
  /// Goes back to `target`: a loop's back edge or a backward `goto`. Unlike the others it
  /// takes a step, so a loop that calls nothing still advances and the event cap bounds it.
  case loop(target: Int)
  /// `x = expr`, `x += expr`, `i++`: an integer (or address) computed as `expect` computes it.
  case assign(variable: String, value: ExpectTerm)

  /// The action index control goes to when it does not simply fall through, if any.
  public var target: Int? {
    switch self {
    case .branchUnless(_, let target), .jump(let target), .loop(let target): target
    case .assign: nil
    }
  }
}
