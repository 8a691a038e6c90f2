/// Something that can draw itself into a rectangle of a `Buffer`.
public protocol Widget {
  /// Draws the widget into `area` of `buffer`. Implementations must clip to
  /// `area` and must not trap for any area, including empty ones.
  func render(in area: Rect, buffer: inout Buffer)
}
