/// What the lowering of the driver's control flow keeps while it walks the statements: the
/// loops it is inside (for `break` and `continue`), the labels it has seen, and the jumps whose
/// target is not known yet.
struct ControlFlowState {
  /// One enclosing loop.
  struct Loop {
    /// Where `continue` goes: the loop's test (`while`) or its step (`for`), once known.
    var continueTarget: Int?
    /// `continue` jumps written before the target was known.
    var continues: [Int] = []
    /// `break` jumps, patched to the end of the loop.
    var breaks: [Int] = []
  }

  /// A `goto` to a label not seen yet.
  struct PendingGoto {
    /// The jump's action index.
    var action: Int
    /// The label it names.
    var label: String
    /// Where the label's name is written, for the error when there is no such label.
    var range: SourceRange
  }

  /// The loops around the statement being lowered, innermost last.
  var loops: [Loop] = []
  /// Each label's action index, and where it is written.
  var labels: [String: (action: Int, range: SourceRange)] = [:]
  /// Forward `goto`s.
  var gotos: [PendingGoto] = []
  /// `return` jumps, patched to the end of the program.
  var returns: [Int] = []
  /// How many temporaries the conditions have taken (for their names).
  var temporaries = 0
  /// Whether the scenario uses control flow at all.
  var used = false
}
