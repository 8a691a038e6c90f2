import TermCanvas

/// The top line: program, lesson, step, tick and whether the simulation runs.
public struct StatusBar: Widget {
  /// How to draw.
  public var look: PanelLook
  /// What to draw.
  public var model: StatusBarModel

  /// Creates the bar.
  public init(look: PanelLook, model: StatusBarModel) {
    self.look = look
    self.model = model
  }

  /// The step, tick and run state at the bar's right end.
  var rightText: String {
    let state: String
    if model.finished {
      state = "finished"
    } else if model.running {
      let verb = model.fastForward ? "fast" : (model.lecture ? "playing" : "running")
      state = "\(verb) \(model.speed)/s"
    } else {
      // The speed shows while paused too, so a presenter knows what Space will do.
      state = "paused \(model.speed)/s"
    }
    return " step \(model.step)  tick \(model.tick)  \(state) "
  }

  /// The columns the message gets in a bar `width` wide (after " dmascope " and its own
  /// leading space, before the step counter); a longer message is cut there.
  public func messageRoom(width: Int) -> Int {
    max(0, width - " dmascope ".count - rightText.count - 2)
  }

  /// Draws the bar into the first row of `area`.
  public func render(in area: Rect, buffer: inout Buffer) {
    guard area.width > 0, area.height > 0 else { return }
    let bar = look.style(.statusBar)
    buffer.fill(
      Rect(x: area.x, y: area.y, width: area.width, height: 1), with: Cell(symbol: " ", style: bar))
    let right = rightText
    let rightWidth = right.count
    var x = area.x
    x += buffer.setString(
      " dmascope ", x: x, y: area.y, style: look.style(.statusAccent),
      maxWidth: max(0, area.maxX - x))
    let leftText = " " + (model.message ?? model.title)
    let leftRole: Role = model.message == nil ? .statusBar : .warning
    buffer.setString(
      leftText, x: x, y: area.y, style: look.style(leftRole),
      maxWidth: max(0, area.maxX - x - rightWidth - 1), ellipsis: look.glyphs.ellipsis)
    let rightX = max(x, area.maxX - rightWidth)
    buffer.setString(
      right, x: rightX, y: area.y, style: look.style(.statusAccent),
      maxWidth: max(0, area.maxX - rightX))
  }
}
