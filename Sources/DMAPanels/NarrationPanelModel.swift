/// What the narration panel shows: the narration of the latest step that said something, and
/// where the program is.
public struct NarrationPanelModel: Hashable, Sendable {
  /// Where the program is, for the panel's last row.
  public enum Status: Hashable, Sendable {
    /// The statement in progress, or the one that begins next (the source pane's arrow): its
    /// 1-based line and its text.
    case running(line: Int, text: String)
    /// The program has finished; the note (the quiz score) follows "scenario finished".
    case finished(note: String?)
    /// Nothing has run yet.
    case ready
  }

  /// Every `say` (and the `ask`) of the latest narration's step, in order.
  public var narrations: [String]
  /// Where the program is.
  public var status: Status
  /// A line above the narration saying which one it is when it is not the current one
  /// (paged back with `<`), nil for the current one.
  public var caption: String?

  /// Creates a model.
  public init(narrations: [String], status: Status) {
    self.narrations = narrations
    self.status = status
  }
}
