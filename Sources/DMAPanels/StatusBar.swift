import DMASim
import TermCanvas

/// The top line: program, lesson, step, tick and whether the simulation runs.
public struct StatusBar: Widget {
  /// What to draw and how.
  public var context: PanelContext
  /// The lesson title.
  public var title: String
  /// Whether the simulation is running (vs paused).
  public var running: Bool
  /// Steps per second while running.
  public var speed: Int
  /// Whether a run stops at the next narration (shown as `playing` rather than `running`).
  public var lecture: Bool
  /// A transient message (history limits, errors), if any.
  public var message: String?

  /// Creates the bar.
  public init(
    context: PanelContext, title: String, running: Bool, speed: Int, message: String?,
    lecture: Bool = false
  ) {
    self.context = context
    self.title = title
    self.running = running
    self.speed = speed
    self.lecture = lecture
    self.message = message
  }

  /// Draws the bar into the first row of `area`.
  public func render(in area: Rect, buffer: inout Buffer) {
    let bar = context.style(.statusBar)
    buffer.fill(
      Rect(x: area.x, y: area.y, width: area.width, height: 1), with: Cell(symbol: " ", style: bar))
    let machine = context.machine
    let state: String
    if machine.isFinished {
      state = "finished"
    } else if running {
      state = "\(lecture ? "playing" : "running") \(speed)/s"
    } else {
      // The speed shows while paused too, so a presenter knows what Space will do.
      state = "paused \(speed)/s"
    }
    let right = " step \(machine.stepCount)  tick \(machine.clock)  \(state) "
    let rightWidth = right.count
    var x = area.x
    x += buffer.setString(" dmascope ", x: x, y: area.y, style: context.style(.statusAccent))
    let leftText = " " + (message ?? title)
    let leftRole: Role = message == nil ? .statusBar : .warning
    buffer.setString(
      leftText, x: x, y: area.y, style: context.style(leftRole),
      maxWidth: max(0, area.maxX - x - rightWidth - 1))
    let rightX = max(x, area.maxX - rightWidth)
    buffer.setString(right, x: rightX, y: area.y, style: context.style(.statusAccent))
  }
}
