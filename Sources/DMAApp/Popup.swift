/// A text box over the panels: a title and lines (the first is the headline).
public struct Popup: Hashable, Sendable {
  /// The box title.
  public var title: String
  /// The lines.
  public var lines: [String]

  /// Creates a popup.
  public init(title: String, lines: [String]) {
    self.title = title
    self.lines = lines
  }
}
